import Adjoint
import Dispatch
import Testing

/// The examples of Docs/Debugging.md, as written there (wrapped in functions), each run in a child process
/// whose report is checked line by line against the guide; and the thread hand-over example of
/// Docs/Design.md. Node indices are the guide's count of the examples' nodes.
@Suite struct DebuggingGuideTests {
  @Test func forwardExample() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      DebuggingGuideExamples.forward()
    }
    expectStandardError(of: result, contains: "Numerics check (forward pass): log at node 252 produced -inf")
    expectStandardError(of: result, contains: "input x = 0.0 (node 251, addConstant(c: -0.5))")
    expectStandardError(of: result, contains: "DebuggingGuideExamples.swift:9:")  // the log(…) line
    expectStandardError(of: result, contains: "(tape 0x")
  }

  @Test func backwardExample() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      DebuggingGuideExamples.backward()
    }
    expectStandardError(of: result, contains: "Numerics check (backward pass): the derivative of sqrt at node 5 sent inf to its input x (node 4)")
    expectStandardError(of: result, contains: "incoming adjoint v = 1.0")
    expectStandardError(of: result, contains: "input x = 0.0 (node 4, add)")
    expectStandardError(of: result, contains: "the forward operation sqrt at node 5 was recorded at:")
    expectStandardError(of: result, contains: "DebuggingGuideExamples.swift:22:")  // the sqrt(…) line
  }

  @Test func tensorExample() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      DebuggingGuideExamples.entropy()
    }
    expectStandardError(of: result, contains: "Numerics check (forward pass): log at node 1 produced -inf at [1, 1] of its [2, 2] result")
    expectStandardError(of: result, contains: "input 0: [2, 2] (node 0, leaf), at [1, 1]: 0.0")
  }

  // MARK: Docs/Design.md, "Threads"

  @Test func designThreadHandOver() {
    let tape = Tape()
    let x = tape.variable(3.0)          // this thread owns the tape
    let y = x * x
    let worker = DispatchQueue(label: "worker")
    let derivative = worker.sync {      // the caller waits: one thread at a time
      tape.takeOwnership()
      return (y * x).backward()[x]      // d(x³)/dx = 27
    }
    #expect(derivative == 27)  // 3·3², exact in binary floating point
  }
}
