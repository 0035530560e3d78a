import Adjoint
import Dispatch
import Testing

/// Numerics checking stops at the first operation whose value, or whose adjoint contribution, is NaN or
/// ±∞, and names the operation, its node, its operands and the line that recorded it. Each trap runs in
/// an exit test (a child process) whose standard error is checked. Node indices are counted from the
/// fixtures' construction (one node per leaf and per operation); line numbers come from `#line` beside the
/// recording statement.
@Suite struct NumericsCheckingTests {
  // MARK: Forward pass

  @Test func forwardNaNFromLogOfANegativeInABigGraphNamesTheOperationNodeOperandAndLine() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = NumericsFixtures.bigGraphWithLogOfANegative()
    }
    // Node 0 is x; steps 0…1172 record sin and + 1 (2 nodes each, nodes 1…2346); then − 3 (2347), log (2348).
    expectStandardError(of: result, contains: "Numerics check (forward pass): log at node 2348 produced nan")
    expectStandardError(of: result, contains: "input x = -")
    expectStandardError(of: result, contains: "(node 2347, addConstant(c: -3.0))")
    expectStandardError(of: result, contains: "NumericsFixtures.swift:\(NumericsFixtures.logLine):")
  }

  @Test func forwardNaNInATensorOperationNamesTheElementAndItsIndex() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = NumericsFixtures.tensorLogOfANegativeElement()
    }
    expectStandardError(of: result, contains: "Numerics check (forward pass): log at node 1 produced nan at [1, 1] of its [2, 3] result")
    expectStandardError(of: result, contains: "input 0: [2, 3] (node 0, leaf), at [1, 1]: -5.0")
    expectStandardError(of: result, contains: "NumericsFixtures.swift:\(NumericsFixtures.tensorLogLine):")
  }

  @Test func forwardInfinityFromAMatrixProductNamesTheNonFiniteInput() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let tape = Tape(checkingNumerics: true)
      let a = tape.variable(Tensor([[1, 2], [3, .infinity]]))
      _ = a.matmul(tape.variable(Tensor([[1], [1]])))
    }
    expectStandardError(of: result, contains: "matmul at node 2 produced inf at [1, 0] of its [2, 1] result")
    expectStandardError(of: result, contains: "input 0: [2, 2] (node 0, leaf), contains inf at [1, 1]")
    expectStandardError(of: result, contains: "input 1: [2, 1] (node 1, leaf), at [1, 0]: 1.0")
  }

  // MARK: Backward pass

  @Test func infinityThatFirstAppearsInBackwardNamesTheForwardOperationAndItsLine() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      NumericsFixtures.sqrtAtZeroWithNonzeroAdjoint()
    }
    // x (node 0), sqrt (node 1) = 0, · 3 (node 2): the adjoint 3 reaches sqrt, whose rule gives 3 / (2·0).
    expectStandardError(of: result, contains: "Numerics check (backward pass): the derivative of sqrt at node 1 sent inf to its input x (node 0)")
    expectStandardError(of: result, contains: "incoming adjoint v = 3.0")
    expectStandardError(of: result, contains: "the forward operation sqrt at node 1 was recorded at:")
    expectStandardError(of: result, contains: "NumericsFixtures.swift:\(NumericsFixtures.sqrtLine):")
  }

  @Test func customTensorPullbackReturningInfinityIsReportedWithItsElement() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      NumericsFixtures.customPullbackReturningInfinity()
    }
    expectStandardError(of: result, contains: "Numerics check (backward pass): the pullback of blowUp at node 1 returned inf at [1] for input 0 (node 0, shape [3])")
    expectStandardError(of: result, contains: "NumericsFixtures.swift:\(NumericsFixtures.blowUpLine):")
  }

  @Test func recordedSecondOrderSweepReportsTheOperationOfThePullback() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      NumericsFixtures.secondOrderThroughSqrtAtZero()
    }
    // x (0); gradient(at:) marks its input with identity (1); sqrt (2). The recorded pullback of sqrt,
    // v · (0.5 / out) with the constant seed v = 1, records 0.5 / out (3) = 0.5 / 0 = inf.
    expectStandardError(of: result, contains: "Numerics check (backward pass recorded for a higher-order derivative): while pulling back sqrt at node 2, constantDividedBy(c: 0.5) at node 3 produced inf")
    expectStandardError(of: result, contains: "input x = 0.0 (node 2, sqrt)")
    expectStandardError(of: result, contains: "the forward operation sqrt at node 2 was recorded at:")
    expectStandardError(of: result, contains: "NumericsFixtures.swift:\(NumericsFixtures.secondOrderLine):")
  }

  // MARK: Switching it on and off

  @Test func scopeTrapsOnTapesCreatedInsideIt() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      withNumericsChecking {
        let tape = Tape()
        _ = log(tape.variable(-1.0) * 2)
      }
    }
    expectStandardError(of: result, contains: "Numerics check (forward pass): log at node 2 produced nan")
  }

  @Test func scopeAppliesToATapeWhoseRecordingStartsInsideIt() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let tape = Tape()
      _ = tape.variable(1.0) + 1
      tape.reset()
      withNumericsChecking { _ = sqrt(tape.variable(-4.0)) }
    }
    expectStandardError(of: result, contains: "Numerics check (forward pass): sqrt at node 1 produced nan")
  }

  @Test func scopeAppliesToBackwardRunInsideIt() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let tape = Tape()
      let x = tape.variable(0.0)
      let y = sqrt(x) * 3
      withNumericsChecking { _ = y.backward() }
    }
    expectStandardError(of: result, contains: "Numerics check (backward pass): the derivative of sqrt at node 1 sent inf")
    expectStandardError(of: result, contains: "not captured: the operation was recorded before numerics checking was on")
  }

  @Test func offByDefaultAndOutsideTheScope() {
    let tape = Tape()
    #expect(!tape.isCheckingNumerics)
    #expect(log(tape.variable(-1.0)).value.isNaN)  // recorded silently: nothing checks
    let inside = withNumericsChecking { (Tape().isCheckingNumerics, Tape(checkingNumerics: false).isCheckingNumerics) }
    #expect(inside == (true, false))
    #expect(!Tape().isCheckingNumerics)  // the scope ended with its body
  }

  /// The scope is task-local: a thread started inside it (a dispatch worker, not a child task) is outside.
  @Test func scopeDoesNotReachOtherThreads() {
    let seen = withNumericsChecking { () -> Bool in
      let done = DispatchSemaphore(value: 0)
      let result = CheckingFlag()
      DispatchQueue.global().async {
        result.value = Tape().isCheckingNumerics
        done.signal()
      }
      done.wait()
      return result.value
    }
    #expect(seen == false)
  }

  @Test func switchingOffStopsChecking() {
    let tape = Tape(checkingNumerics: true)
    #expect(tape.isCheckingNumerics)
    tape.isCheckingNumerics = false
    let x = tape.variable(0.0)
    let y = sqrt(x) * 3
    #expect(y.backward()[x] == .infinity)  // IEEE 754: 3 / (2·0) = +∞, unreported
  }

  // MARK: No anomaly, same answers

  /// Closed forms: d/dx [sin x · eˣ] = eˣ(sin x + cos x); d/dx [Σ xᵢ²] = 2x; d²/dx² x³ = 6x.
  @Test func graphsWithoutAnomalyPassWithTheirUsualGradients() {
    withNumericsChecking {
      for x0 in [-2.0, 0.3, 1.7] {
        let tape = Tape()
        let x = tape.variable(x0)
        var y = sin(x) * exp(x)
        for _ in 0..<3000 { y = y + 0 }  // a long graph, every node checked
        expectClose(y.backward()[x], plainExp(x0) * (plainSin(x0) + plainCos(x0)))
      }
      let t = Tensor([[1, -2, 3], [0.5, 0, -1]])
      expectClose(gradient(at: t) { x in (x * x).sum() }.scalars, t.scalars.map { 2 * $0 })
      expectClose(gradient(at: 1.5) { x in gradient(at: x) { y in y * y * y } }, 9)
    }
  }
}

// Plain libm functions under names that do not collide with Adjoint's differentiable ones.
private func plainExp(_ x: Double) -> Double { Double.exp(x) }
private func plainSin(_ x: Double) -> Double { Double.sin(x) }
private func plainCos(_ x: Double) -> Double { Double.cos(x) }

/// A flag written by a worker thread and read after it signalled (the semaphore orders the accesses).
private final class CheckingFlag: @unchecked Sendable {
  var value = true
}
