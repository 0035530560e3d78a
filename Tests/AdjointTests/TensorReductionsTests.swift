import Testing
import Adjoint

/// Reductions and the softmax family on tensor values; expected values worked out by hand.
@Suite struct TensorReductionsTests {
  let m = Tensor([[1, 2, 3], [4, 5, 6]])
  /// 0, 1, …, 23 as [2, 3, 4]: element [i, j, k] is 12i + 4j + k.
  let cube = Tensor(shape: [2, 3, 4], scalars: (0..<24).map(Double.init))

  @Test func sumOverAllAndAlongAxes() {
    expectClose(m.sum(), Tensor(21))
    expectClose(Tensor(shape: [7], scalars: (1...7).map(Double.init)).sum(), Tensor(28))
    expectClose(m.sum(alongAxes: [0]), Tensor([5, 7, 9]))
    expectClose(m.sum(alongAxes: [1]), Tensor([6, 15]))
    expectClose(m.sum(alongAxes: [-1], keepingDimensions: true), Tensor([[6], [15]]))
    expectClose(m.sum(alongAxes: [0, 1]), Tensor(21))
    expectClose(m.sum(alongAxes: []), m)
  }

  @Test func sumAlongNonAdjacentAxesOfRankThree() {
    // Σᵢ Σₖ (12i + 4j + k) = 32j + 60.
    expectClose(cube.sum(alongAxes: [0, 2]), Tensor([60, 92, 124]))
    expectClose(cube.sum(alongAxes: [2, 0], keepingDimensions: true), Tensor(shape: [1, 3, 1], scalars: [60, 92, 124]))
    // Σⱼ (12i + 4j + k) = 36i + 12 + 3k.
    expectClose(cube.sum(alongAxes: [1]), Tensor([[12, 15, 18, 21], [48, 51, 54, 57]]))
  }

  @Test func meanOverAllAndAlongAxes() {
    expectClose(m.mean(), Tensor(3.5))
    expectClose(m.mean(alongAxes: [0]), Tensor([2.5, 3.5, 4.5]))
    expectClose(m.mean(alongAxes: [1], keepingDimensions: true), Tensor([[2], [5]]))
    expectClose(cube.mean(alongAxes: [0, 2]), Tensor([7.5, 11.5, 15.5]))
  }

  @Test func maxAndMinOverAllAndAlongAxes() {
    let x = Tensor([[3, -1, 2], [0, 7, -5]])
    expectClose(x.max(), Tensor(7))
    expectClose(x.min(), Tensor(-5))
    expectClose(x.max(alongAxes: [0]), Tensor([3, 7, 2]))
    expectClose(x.min(alongAxes: [1], keepingDimensions: true), Tensor([[-1], [-5]]))
    expectClose(cube.max(alongAxes: [1, 2]), Tensor([11, 23]))
    #expect(Tensor([1, .nan, 3]).max().scalar.isNaN)
  }

  @Test func argmaxAlongAnAxisTakesTheFirstOfTies() {
    #expect(Tensor([[1, 9, 3], [7, 2, 7]]).argmax(alongAxis: 1) == [1, 0])
    #expect(Tensor([[1, 9, 3], [7, 2, 7]]).argmax(alongAxis: 0) == [1, 0, 1])
    #expect(cube.argmax(alongAxis: 1) == [2, 2, 2, 2, 2, 2, 2, 2])
    #expect(Tensor([4, 8, 8]).argmax(alongAxis: -1) == [1])
  }

  @Test func logSumExpMatchesTheDefinition() {
    // log(e¹ + e² + e³) = 3 + log(1 + e⁻¹ + e⁻²).
    expectClose(Tensor([[1, 2, 3]]).logSumExp(alongAxis: 1), Tensor([3.4076059644443806]), tolerance: 1e-15)
    expectClose(Tensor([[0, 0], [0, 0]]).logSumExp(alongAxis: 0), Tensor([0.6931471805599453, 0.6931471805599453]))
    expectClose(Tensor([[1, 2, 3]]).logSumExp(alongAxis: 0, keepingDimensions: true), Tensor([[1, 2, 3]]))
    expectClose(Tensor([-Double.infinity, -.infinity]).logSumExp(alongAxis: 0), Tensor(-.infinity))
  }

  @Test func softmaxRowsArePositiveAndSumToOne() {
    let s = Tensor([[1, 2, 3], [-5, 0, 5], [1000, 1000, -1000]]).softmax(alongAxis: 1)
    expectClose(s.sum(alongAxes: [1]), Tensor([1, 1, 1]))
    #expect(s.scalars.allSatisfy { $0 >= 0 })
    // e^(i − 3) / (1 + e⁻¹ + e⁻²) for i = 1, 2, 3.
    expectClose(s.slicing(0..<1, alongAxis: 0), Tensor([[0.09003057317038046, 0.24472847105479767, 0.6652409557748219]]))
    expectClose(s.slicing(2..<3, alongAxis: 0), Tensor([[0.5, 0.5, 0]]))
  }

  @Test func softmaxAlongTheFirstAxisNormalizesColumns() {
    let s = Tensor([[0, 1], [0, 1]]).softmax(alongAxis: 0)
    expectClose(s, Tensor([[0.5, 0.5], [0.5, 0.5]]))
  }

  @Test func logSoftmaxIsTheLogOfSoftmaxAndFiniteForLargeInputs() {
    expectClose(Tensor([[1000, 0]]).logSoftmax(alongAxis: 1), Tensor([[0, -1000]]))
    expectClose(Tensor([[0, 0]]).logSoftmax(alongAxis: 1), Tensor([[-0.6931471805599453, -0.6931471805599453]]))
    expectClose(Tensor([1e308, 1e308]).logSoftmax(alongAxis: 0), Tensor([-0.6931471805599453, -0.6931471805599453]))
    let x = Tensor([[1, 2], [3, 5]])
    expectClose(x.logSoftmax(alongAxis: 0), log(x.softmax(alongAxis: 0)), tolerance: 1e-14)
  }
}
