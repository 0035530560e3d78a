import Adjoint
import Testing

/// `summed(toShape:)` from `[b, n]` to `[n]` or `[1, n]` (the adjoint of a bias added to every row) takes a
/// row-by-row loop; its sums must equal, to the bit, the rows added in order (a plain loop written here)
/// and the general reduction `sum(alongAxes: [0])`.
@Suite struct SummedOverRowsTests {
  @Test func columnSumsOfASmallMatrix() {
    let x = Tensor([[1, 2], [3, 4], [5, 6]])
    #expect(x.summed(toShape: [2]) == Tensor([9, 12]))
    #expect(x.summed(toShape: [1, 2]) == Tensor([[9, 12]]))
  }

  @Test(arguments: [(100, 16), (3, 5), (7, 1), (1, 9), (0, 4), (33, 0)])
  func columnSumsEqualTheRowsAddedInOrder(_ rows: Int, _ columns: Int) {
    var rng = SplitMix64(seed: UInt64(rows * 100 + columns))
    let x = Tensor.random(shape: [rows, columns], in: -1e3...1e3, using: &rng)
    let scalars = x.scalars
    var expected = [Double](repeating: 0, count: columns)
    for i in 0..<rows {
      for j in 0..<columns { expected[j] += scalars[i * columns + j] }
    }
    #expect(x.summed(toShape: [columns]).scalars == expected)
    #expect(x.summed(toShape: [1, columns]) == Tensor(shape: [1, columns], scalars: expected))
    #expect(x.summed(toShape: [columns]) == x.sum(alongAxes: [0]))
  }

  /// Other targets keep the general path: a matrix summed to one column, or to a single element.
  @Test func otherTargetsSumAsBefore() {
    let x = Tensor([[1, 2], [3, 4], [5, 6]])
    #expect(x.summed(toShape: [3, 1]) == Tensor([[3], [7], [11]]))
    #expect(x.summed(toShape: [1, 1]) == Tensor([[21]]))
    #expect(x.summed(toShape: []) == Tensor(21))
  }
}
