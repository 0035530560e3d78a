import Testing
import Adjoint

/// Element, row and range subscripts, gathering rows and its scatter-add, negative indices, nested tensor
/// literals, and the messages of out-of-range indices and ragged literals. Expected values by hand.
@Suite struct TensorIndexingTests {
  let m: Tensor = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]

  @Test func nestedLiteralsOfAnyRank() {
    let vector: Tensor = [1, 2.5]
    #expect(vector.shape == [2] && vector.scalars == [1, 2.5])
    #expect(m.shape == [3, 3] && m.scalars == (1...9).map(Double.init))
    let cube: Tensor = [[[1], [2]], [[3], [4]]]
    #expect(cube.shape == [2, 2, 1] && cube.scalars == [1, 2, 3, 4])
    let empty: Tensor = []
    #expect(empty.shape == [0])
    #expect(m == Tensor([[1, 2, 3], [4, 5, 6], [7, 8, 9]]))
  }

  @Test func tensorElementsRowsRangesWithNegativeIndices() {
    #expect(m[1, 2] == 6)
    #expect(m[-1, -3] == 7)
    #expect(m[row: 1] == Tensor([4, 5, 6]))
    #expect(m[row: -1] == Tensor([7, 8, 9]))
    #expect(Tensor([4, 5])[row: -1] == Tensor(5))
    #expect(m[1..<3] == Tensor([[4, 5, 6], [7, 8, 9]]))
    #expect(m[1...] == m[1..<3])
    #expect(m[..<1] == Tensor([[1, 2, 3]]))
    #expect(m[0...0] == m[..<1])
  }

  @Test func gatheringRowsAllowsRepeatsAndNegativeIndices() {
    #expect(m.gathering(rows: [2, 0, -1]) == Tensor([[7, 8, 9], [1, 2, 3], [7, 8, 9]]))
    #expect(m[rows: [Int]()].shape == [0, 3])
    let cube: Tensor = [[[1, 2]], [[3, 4]]]
    let expected: Tensor = [[[3, 4]], [[3, 4]]]
    #expect(cube[rows: [1, 1]] == expected)
  }

  @Test func scatteringAddsWhereIndicesRepeat() {
    let rows: Tensor = [[1, 1], [2, 2], [3, 3]]
    #expect(rows.scattering(rows: [2, 0, -1], rowCount: 3) == Tensor([[2, 2], [0, 0], [4, 4]]))
  }

  /// The adjoint of a gather is a scatter-add: row 2, taken twice, gets both adjoints.
  @Test func gatheringGradientAccumulatesRepeatedRows() {
    let g = gradient(at: m) { x in (x.gathering(rows: [2, 0, 2]) * Variable(Tensor([[1], [10], [100]]))).sum() }
    #expect(g == Tensor([[10, 10, 10], [0, 0, 0], [101, 101, 101]]))
    let h = gradient(at: m) { x in x[rows: [-1, -1]].sum() }
    #expect(h == Tensor([[0, 0, 0], [0, 0, 0], [2, 2, 2]]))
  }

  @Test func variableSubscriptsAndTheirGradients() {
    let tape = Tape()
    let x = tape.variable(m)
    #expect(x[1, -1].value == Tensor(6))
    #expect(x[-1].value == Tensor([7, 8, 9]))
    #expect(x[1..<3].value == m[1..<3])
    let y = x[1, -1] * 2 + x[0].sum() + x[1...].sum()
    let g = y.backward()[x]
    #expect(g == Tensor([[1, 1, 1], [1, 1, 3], [1, 1, 1]]))
    let cubeTape = Tape()  // a variable does not keep its tape alive
    let cube = cubeTape.variable(Tensor(shape: [2, 3, 4], scalars: (0..<24).map(Double.init)))
    #expect(cube[1, 2].value == Tensor([20, 21, 22, 23]))
    #expect(cube[1, 2, 3].value == Tensor(23))
  }

  // MARK: Messages

  func expect(_ result: ExitTest.Result?, toReport message: String, sourceLocation: SourceLocation = #_sourceLocation) {
    guard let result else { return }
    let standardError = String(decoding: result.standardErrorContent, as: UTF8.self)
    #expect(standardError.contains(message), "standard error: \(standardError)", sourceLocation: sourceLocation)
  }

  @Test func outOfRangeRowTrapsNamingTheIndexAndShape() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = Tensor.zeros([3, 2]).gathering(rows: [0, 3])
    }
    expect(result, toReport: "gathering(rows:): row index 3 is out of range for 3 rows of shape [3, 2]")
  }

  @Test func outOfRangeVariableElementTrapsNamingTheIndexAxisAndShape() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = Variable(Tensor.zeros([3, 2]))[1, -3]
    }
    expect(result, toReport: "Variable subscript: index -3 is out of range for axis 1 of shape [3, 2]")
  }

  @Test func outOfRangeRowsOfARangeTrap() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = Tensor.zeros([3, 2])[1..<5]
    }
    expect(result, toReport: "Tensor range subscript: rows 1..<5 are out of bounds for shape [3, 2]")
  }

  @Test func raggedLiteralTrapsNamingTheShapes() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let ragged: Tensor = [[1, 2], [3]]
      _ = ragged
    }
    expect(result, toReport: "Tensor literal: ragged nesting: element 1 has shape [1], element 0 has shape [2]")
  }
}
