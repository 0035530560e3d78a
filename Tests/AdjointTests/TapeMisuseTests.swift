import Adjoint
import Foundation
import Testing

/// Misuse of a tape traps with a message naming the operation and the mistake — it never gives doubled or
/// stale gradients silently. Each trap runs in an exit test (a child process), whose standard error is
/// checked for the message.
@Suite struct TapeMisuseTests {
  // MARK: Traps

  @Test func mixingVariablesOfTwoTapes() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let first = Tape(), second = Tape()
      _ = first.variable(1.0) * second.variable(2.0)
    }
    expectStandardError(of: result, contains: "multiply: the operands are recorded on two different tapes")
  }

  @Test func usingAVariableAfterReset() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let tape = Tape()
      let x = tape.variable(1.0)
      tape.reset()
      _ = sin(x)
    }
    expectStandardError(of: result, contains: "sin: this variable was made before its tape was reset")
  }

  @Test func combiningAVariableFromBeforeResetWithOneFromAfter() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let tape = Tape()
      let x = tape.variable(1.0)
      tape.reset()
      _ = x + tape.variable(2.0)
    }
    expectStandardError(of: result, contains: "add: this variable was made before its tape was reset")
  }

  @Test func backwardOfAVariableFromBeforeReset() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let tape = Tape()
      let y = tape.variable(1.0) * 3
      tape.reset()
      _ = y.backward()
    }
    expectStandardError(of: result, contains: "backward(): this variable was made before its tape was reset")
  }

  @Test func backwardTwice() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let tape = Tape()
      let x = tape.variable(2.0)
      let y = x * x
      _ = y.backward()
      _ = y.backward()
    }
    expectStandardError(of: result, contains: "backward(): this tape was already differentiated")
  }

  /// Retaining the tape allows more backward passes, but the first one without it consumes the tape.
  @Test func backwardAfterTheConsumingOneOfSeveral() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let tape = Tape()
      let y = tape.variable(2.0) * 3
      _ = y.backward(retainingTape: true)
      _ = y.backward()
      _ = y.backward(retainingTape: true)
    }
    expectStandardError(of: result, contains: "already differentiated")
  }

  @Test func recordingAnOperationOntoAConsumedTape() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let tape = Tape()
      let x = tape.variable(2.0)
      _ = (x * x).backward()
      _ = x * 2
    }
    expectStandardError(of: result, contains: "Tape: recording onto a tape that backward() has consumed")
  }

  @Test func makingAVariableOnAConsumedTape() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let tape = Tape()
      _ = (tape.variable(2.0) * 2).backward()
      _ = tape.variable(3.0)
    }
    expectStandardError(of: result, contains: "recording onto a tape that backward() has consumed")
  }

  @Test func backwardOfANonScalarTensorWithoutASeed() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let tape = Tape()
      let x = tape.variable(Tensor([1, 2, 3]))
      _ = (x + x).backward()
    }
    expectStandardError(of: result, contains: "backward(): the result has shape [3], not a single element")
  }

  @Test func backwardWithASeedOfTheWrongShape() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let tape = Tape()
      let x = tape.variable(Tensor([1, 2, 3]))
      _ = (x + x).backward(seed: Tensor([1, 1]))
    }
    expectStandardError(of: result, contains: "backward(seed:): seed of shape [2] for a result of shape [3]")
  }

  @Test func backwardOfAConstant() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = (Variable(2.0) * 3).backward()
    }
    expectStandardError(of: result, contains: "backward(): this variable is a constant, recorded on no tape")
  }

  @Test func subscriptingGradientsWithAVariableOfAnotherTape() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let first = Tape(), second = Tape()
      let x = first.variable(2.0)
      let other = second.variable(2.0)
      let g = (x * x).backward()
      _ = g[other]
    }
    expectStandardError(of: result, contains: "Gradients: this variable is not recorded on the tape")
  }

  /// Gradients do not keep their tape alive; once it is freed, a new tape may be allocated at the same
  /// address (the allocator reuses it at once), and its variables must still be told apart.
  @Test func subscriptingGradientsOfAFreedTapeWithAVariableOfANewTape() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      func gradientsOfAFreedTape() -> Gradients {
        let tape = Tape()
        let x = tape.variable(3.0)
        return (x * x).backward()
      }
      let g = gradientsOfAFreedTape()
      let newTape = Tape()
      _ = g[newTape.variable(3.0)]
    }
    expectStandardError(of: result, contains: "Gradients: this variable is not recorded on the tape")
  }

  @Test func subscriptingGradientsWithAVariableMadeAfterReset() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let tape = Tape()
      let x = tape.variable(2.0)
      let g = (x * x).backward()
      tape.reset()
      _ = g[tape.variable(2.0)]
    }
    expectStandardError(of: result, contains: "Gradients: this variable is not recorded on the tape")
  }

  @Test func subscriptingGradientsWithAConstant() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let tape = Tape()
      let g = (tape.variable(2.0) * 2).backward()
      _ = g[Variable(2.0)]
    }
    expectStandardError(of: result, contains: "Gradients: this variable is a constant")
  }

  @Test func nestedGradientOfAFunctionRecordedOnAnotherTape() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let first = Tape(), second = Tape()
      let x = first.variable(1.0)
      let other = second.variable(2.0)
      _ = gradient(at: x) { _ in other * 2 }
    }
    expectStandardError(of: result, contains: "gradient(at:in:): the function's result is recorded on another tape")
  }

  /// The differential operators make their own tape; a result captured from another tape is reported as
  /// such (instead of consuming that other tape and then failing to read the gradient).
  @Test func differentiatingAFunctionThatReturnsAVariableOfAnotherTape() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let other = Tape()
      let c = other.variable(2.0)
      _ = gradient(at: 1.0) { _ in c }
    }
    expectStandardError(of: result, contains: "valueWithGradient(at:in:): the function's result is recorded on another tape")
  }

  @Test func differentiatingAFunctionOfAnArrayThatReturnsAVariableOfAnotherTape() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let other = Tape()
      let c = other.variable(2.0)
      _ = gradient(at: [1.0, 2.0]) { _ in c * 3 }
    }
    expectStandardError(of: result, contains: "valueWithGradient(at:in:): the function's result is recorded on another tape")
  }

  // MARK: What is allowed, and gives fresh gradients

  /// With `retainingTape: true`, a second backward pass gives the same gradients, not doubled ones: adjoints
  /// are not left over from the first pass.
  @Test func backwardTwiceRetainingTheTapeGivesIdenticalGradients() {
    let tape = Tape()
    let x = tape.variable(1.5), y = tape.variable(-2.0)
    let out = x * y + sin(x * x)
    let first = out.backward(retainingTape: true)
    let second = out.backward(retainingTape: true)
    let third = out.backward()
    for g in [first, second, third] {
      expectClose(g[x], -2 + 2 * 1.5 * cos(2.25))
      expectClose(g[y], 1.5)
    }
  }

  /// Recording continues on a retained tape, and a later output's backward pass starts from fresh adjoints.
  @Test func recordingAfterARetainedBackward() {
    let tape = Tape()
    let x = tape.variable(3.0)
    let y = x * x
    #expect(y.backward(retainingTape: true)[x] == 6)
    let z = y * 2 + x
    #expect(z.backward()[x] == 13)  // 4x + 1, not 4x + 1 + 6
  }

  /// Gradients are plain values: they stay readable, with the variables they were computed for, after the
  /// tape is reset and reused.
  @Test func gradientsOutliveAReset() {
    let tape = Tape()
    let x = tape.variable(2.0)
    let g = (x * x * x).backward()
    tape.reset()
    let u = tape.variable(5.0)
    #expect((u * u).backward()[u] == 10)
    #expect(g[x] == 12)
  }
}

/// Expects the exit test's standard error to contain `message`.
func expectStandardError(
  of result: ExitTest.Result?, contains message: String, sourceLocation: SourceLocation = #_sourceLocation
) {
  guard let result else { return }  // the exit test itself failed and has recorded an issue
  let standardError = String(decoding: result.standardErrorContent, as: UTF8.self)
  #expect(
    standardError.contains(message), "standard error does not contain \"\(message)\":\n\(standardError.prefix(600))",
    sourceLocation: sourceLocation)
}
