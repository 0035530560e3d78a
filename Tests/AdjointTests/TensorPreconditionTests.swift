import Testing
import Adjoint

/// Programmer errors trap with a message that names the operation and the shapes. Each check runs in a
/// child process (a Swift Testing exit test, whose body may capture nothing) and reads its standard error.
@Suite struct TensorPreconditionTests {
  /// Expects the exit test's standard error to contain `message`.
  func expect(
    _ result: ExitTest.Result?, toReport message: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    guard let result else { return }
    let standardError = String(decoding: result.standardErrorContent, as: UTF8.self)
    #expect(standardError.contains(message), "standard error: \(standardError)", sourceLocation: sourceLocation)
  }

  @Test func incompatibleShapesTrapNamingTheOperatorAndShapes() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = Tensor.zeros([2, 3]) + Tensor.zeros([4])
    }
    expect(result, toReport: "+: shapes [2, 3] and [4] are not broadcast-compatible")
  }

  @Test func incompatibleVariableShapesTrapToo() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let tape = Tape()
      _ = tape.variable(Tensor.zeros([2, 3])) * tape.variable(Tensor.zeros([3, 2]))
    }
    expect(result, toReport: "*: shapes [2, 3] and [3, 2] are not broadcast-compatible")
  }

  @Test func matmulWithDifferentInnerDimensionsTraps() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = Tensor.zeros([4, 3]).matmul(Tensor.zeros([2, 5]))
    }
    expect(result, toReport: "matmul: inner dimensions differ: [4, 3] × [2, 5]")
  }

  @Test func reshapeToADifferentCountTraps() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = Tensor.zeros([2, 3]).reshaped(to: [4])
    }
    expect(result, toReport: "reshaped(to:): cannot reshape [2, 3] (6 scalars) to [4]")
  }

  @Test func reductionAxisOutOfRangeTraps() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = Tensor.zeros([2, 3]).sum(alongAxes: [2])
    }
    expect(result, toReport: "sum: axis 2 is out of range for shape [2, 3]")
  }

  @Test func gatherWithALabelOutOfRangeTraps() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = Tensor.zeros([2, 3]).gathering(columnPerRow: [0, 3])
    }
    expect(result, toReport: "gathering(columnPerRow:): column 3 is out of range for shape [2, 3]")
  }

  @Test func inPlaceUpdateThatWouldGrowTheLeftOperandTraps() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      var x = Tensor.zeros([3])
      x += Tensor.zeros([2, 3])
    }
    expect(result, toReport: "+=: broadcasting [3] with [2, 3] gives [2, 3], not the left operand's shape")
  }
}
