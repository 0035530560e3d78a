import Adjoint
import Testing

/// Misuse of the graph view traps with a message naming `TapeGraph` and the mistake (exit tests, whose
/// standard error is checked with `expectStandardError` from TapeMisuseTests).
@Suite struct TapeGraphMisuseTests {
  @Test func gradientsOfAnotherTapeAreRejected() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let first = Tape(), second = Tape()
      let x = first.variable(1.0) * 2.0
      let g = (second.variable(3.0) * 4.0).backward()
      _ = TapeGraph(of: x, gradients: g)
    }
    expectStandardError(of: result, contains: "TapeGraph: the gradients come from another tape or recording")
  }

  @Test func aConstantHasNoGraph() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = TapeGraph(of: Variable(1.0))
    }
    expectStandardError(of: result, contains: "TapeGraph(of:): this variable is a constant, recorded on no tape")
  }

  @Test func aVariableFromBeforeResetHasNoGraph() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let tape = Tape()
      let x = tape.variable(1.0)
      tape.reset()
      _ = TapeGraph(of: x)
    }
    expectStandardError(of: result, contains: "TapeGraph(of:): this variable was made before its tape was reset")
  }

  @Test func aNodeBudgetBelowOneIsRejected() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = TapeGraph.DOTOptions(nodeBudget: 0)
    }
    expectStandardError(of: result, contains: "TapeGraph.DOTOptions: nodeBudget must be at least 1, got 0")
  }
}
