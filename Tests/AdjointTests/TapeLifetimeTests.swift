import Foundation
import Testing

@testable import Adjoint

/// A variable refers to its tape's arena header, not to the `Tape` object (no reference counting per
/// operation): what happens when the tape is freed, when its header is reused by a new tape, and the bulk
/// paths for making input variables and reading their gradients.
@Suite struct TapeLifetimeTests {
  /// A tape made and freed inside a function, with one of its variables kept.
  @inline(never)
  static func variableOfAFreedTape(_ value: Double) -> Variable<Double> {
    let tape = Tape()
    return withExtendedLifetime(tape) { tape.variable(value) * 2 }
  }

  @Test func scalarVariableIsPlainDataOfTwentyFourBytes() {
    #expect(_isPOD(Variable<Double>.self))  // copying one does no reference counting
    #expect(MemoryLayout<Variable<Double>>.size == 24)
  }

  @Test func variableOfAFreedTapeKeepsItsValueAndRecording() {
    let x = Self.variableOfAFreedTape(3)
    #expect(x.value == 6)
    #expect(x.isRecorded)
    #expect(x.recordingTape == nil)  // the tape is gone
    let tape = Tape()  // may reuse the freed tape's header: its recording is still a different one
    _ = tape.variable(1)
    #expect(x.recording != tape.currentRecording)
  }

  @Test func recordingOnAFreedTapeTraps() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let x = TapeLifetimeTests.variableOfAFreedTape(3)
      let tape = Tape()  // likely on the freed tape's header
      let y = tape.variable(1)
      _ = withExtendedLifetime(tape) { x * y }
    }
    expect(result, toReport: "the tape this variable was recorded on has been freed")
  }

  @Test func unaryOperationOnAFreedTapeTraps() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = sin(TapeLifetimeTests.variableOfAFreedTape(3))
    }
    expect(result, toReport: "the tape this variable was recorded on has been freed")
  }

  @Test func gradientsOfANewTapeRejectAVariableOfAFreedOne() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let x = TapeLifetimeTests.variableOfAFreedTape(3)
      let tape = Tape()
      let g = (tape.variable(1) * 2).backward()
      _ = withExtendedLifetime(tape) { g[x] }
    }
    expect(result, toReport: "Gradients: this variable is not recorded on the tape (or the recording) these gradients come from")
  }

  @Test func gradientsOutliveTheirTape() {
    let (x, g): (Variable<Double>, Gradients) = {
      let tape = Tape()
      let x = tape.variable(3)
      return (x, (x * x).backward())
    }()
    #expect(g[x] == 6)  // 2x at 3
  }

  // MARK: Bulk inputs and gradients

  @Test func bulkVariablesAreConsecutiveLeavesWithTheirValues() {
    let tape = Tape()
    let first = tape.variable(10)
    let xs = tape.variables([1, 2, 3, 4])
    #expect(xs.map(\.value) == [1, 2, 3, 4])
    #expect(xs.map(\.index) == [1, 2, 3, 4].map { first.index + $0 })
    #expect(xs.allSatisfy { $0.isLeaf })
    #expect(tape.count == 5)
    #expect(tape.variables([]).isEmpty)
  }

  @Test func bulkGradientsMatchOneByOneReads() {
    let tape = Tape()
    let xs = tape.variables([1, 2, 3])
    let ys = tape.variables([4, 5, 6])
    var s = xs[0] * ys[0]
    for i in 1..<3 { s = s + xs[i] * ys[i] }
    let g = s.backward()
    #expect(g[xs] == [4, 5, 6])  // ∂(Σ xᵢyᵢ)/∂xᵢ = yᵢ
    #expect(g[ys] == [1, 2, 3])
    #expect(g[xs] == xs.map { g[$0] })
  }

  @Test func bulkVariablesOnAGrowingArenaKeepEarlierNodes() {
    let tape = Tape()
    let a = tape.variable(2)
    let values = (0..<5000).map { Double($0 % 7) }
    let xs = tape.variables(values)  // grows the arena past its first 1,024 nodes
    let y = a * xs[4999] + xs[0]
    let g = y.backward()
    #expect(y.value == 2 * values[4999] + values[0])
    #expect(g[a] == values[4999])
    #expect(g[xs[4999]] == 2)
    #expect(g[xs[0]] == 1)
  }

  @Test func bulkVariablesWhileCheckingNumericsTakeTheCheckedPath() {
    let tape = Tape(checkingNumerics: true)
    let xs = tape.variables([1, 2, 3])
    let g = (xs[0] * xs[1] + xs[2]).backward()
    #expect(g[xs] == [2, 1, 1])
  }

  @Test func bulkGradientsOfAVariableFromAnotherTapeTrap() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let t1 = Tape(), t2 = Tape()
      let xs = t1.variables([1, 2])
      let z = t2.variable(1)
      let g = (z * 2).backward()
      _ = withExtendedLifetime((t1, t2)) { g[[z] + xs] }
    }
    expect(result, toReport: "Gradients: this variable is not recorded on the tape (or the recording) these gradients come from")
  }

  func expect(_ result: ExitTest.Result?, toReport message: String, sourceLocation: SourceLocation = #_sourceLocation) {
    guard let result else { return }
    let standardError = String(decoding: result.standardErrorContent, as: UTF8.self)
    #expect(standardError.contains(message), "standard error: \(standardError)", sourceLocation: sourceLocation)
  }
}
