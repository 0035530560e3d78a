import Testing
@testable import Adjoint

/// Shape operations, indexing and the stand-in matrix product on tensor values.
@Suite struct TensorShapeTests {
  let m = Tensor([[1, 2, 3], [4, 5, 6]])

  @Test func reshapeKeepsRowMajorOrderAndInfersOneExtent() {
    expectClose(Tensor([1, 2, 3, 4, 5, 6]).reshaped(to: [2, -1]), m)
    expectClose(m.reshaped(to: [3, 2]), Tensor([[1, 2], [3, 4], [5, 6]]))
    expectClose(Tensor([[5]]).reshaped(to: []), Tensor(5))
    expectClose(Tensor(5).reshaped(to: [1, 1]), Tensor([[5]]))
  }

  @Test func reshapeToRankZeroStoresInline() {
    let s = Tensor([[5]]).reshaped(to: [])
    if case .scalar = s.storage {} else { Issue.record("a rank-0 reshape should store its scalar inline") }
  }

  @Test func transposeOfAMatrix() {
    expectClose(m.transposed(), Tensor([[1, 4], [2, 5], [3, 6]]))
  }

  @Test func transposeByPermutationMovesEveryAxis() {
    let cube = Tensor(shape: [2, 3, 4], scalars: (0..<24).map(Double.init))  // [i, j, k] = 12i + 4j + k
    let t = cube.transposed(permutation: [2, 0, 1])  // [k, i, j]
    #expect(t.shape == [4, 2, 3])
    for i in 0..<2 { for j in 0..<3 { for k in 0..<4 { #expect(t[k, i, j] == Double(12 * i + 4 * j + k)) } } }
    expectClose(m.transposed(permutation: [1, 0]), m.transposed())
  }

  @Test func concatenateAlongEitherAxis() {
    expectClose(Tensor(concatenating: [Tensor([[1, 2]]), Tensor([[3, 4], [5, 6]])]), Tensor([[1, 2], [3, 4], [5, 6]]))
    expectClose(m.concatenated(with: Tensor([[7], [8]]), alongAxis: 1), Tensor([[1, 2, 3, 7], [4, 5, 6, 8]]))
    expectClose(Tensor(concatenating: [Tensor([1]), Tensor([2, 3])], alongAxis: -1), Tensor([1, 2, 3]))
  }

  @Test func stackAddsANewAxis() {
    let a = Tensor([1, 2]), b = Tensor([3, 4])
    expectClose(Tensor(stacking: [a, b]), Tensor([[1, 2], [3, 4]]))
    expectClose(Tensor(stacking: [a, b], alongAxis: 1), Tensor([[1, 3], [2, 4]]))
    expectClose(Tensor(stacking: [Tensor(1), Tensor(2)]), Tensor([1, 2]))
  }

  @Test func slicingAlongAnAxis() {
    expectClose(m.slicing(1..<3, alongAxis: 1), Tensor([[2, 3], [5, 6]]))
    expectClose(m.slicing(1..<2, alongAxis: 0), Tensor([[4, 5, 6]]))
    #expect(m.slicing(0..<0, alongAxis: 1).shape == [2, 0])
  }

  @Test func gatheringTakesOneColumnPerRow() {
    let p = Tensor([[0.1, 0.9], [0.8, 0.2], [0.3, 0.7]])
    expectClose(p.gathering(columnPerRow: [1, 0, 1]), Tensor([0.9, 0.8, 0.7]))
    let g = gradient(at: p) { $0.gathering(columnPerRow: [1, 0, 1]).sum() }
    expectClose(g, Tensor([[0, 1], [1, 0], [0, 1]]))
  }

  @Test func oneHotMarksTheLabels() {
    expectClose(Tensor.oneHot(labels: [2, 0], classCount: 3), Tensor([[0, 0, 1], [1, 0, 0]]))
  }

  @Test func matrixProductWithEveryTransposeFlag() {
    let a = Tensor([[1, 2, 3], [4, 5, 6]])  // [2, 3]
    let b = Tensor([[1, 0], [0, 1], [1, 1]])  // [3, 2]
    let ab = Tensor([[4, 5], [10, 11]])
    expectClose(a.matmul(b), ab)
    expectClose(a.transposed().matmul(b, transposingSelf: true), ab)
    expectClose(a.matmul(b.transposed(), transposingOther: true), ab)
    expectClose(a.transposed().matmul(b.transposed(), transposingSelf: true, transposingOther: true), ab)
    expectClose(a.matmul(a, transposingOther: true), Tensor([[14, 32], [32, 77]]))
    expectClose(Tensor.zeros([2, 0]).matmul(Tensor.zeros([0, 3])), Tensor.zeros([2, 3]))
  }
}
