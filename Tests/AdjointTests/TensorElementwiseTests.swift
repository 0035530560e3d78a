import Testing
import Adjoint

/// Elementwise functions on tensor values, against known values (e, ln 2, exact trigonometric points).
@Suite struct TensorElementwiseTests {
  let e = 2.718281828459045
  let ln2 = 0.6931471805599453

  @Test func elementaryFunctionsAtKnownPoints() {
    expectClose(exp(Tensor([0, 1, -1])), Tensor([1, e, 1 / e]))
    expectClose(log(Tensor([1, e, 0])), Tensor([0, 1, -.infinity]))
    expectClose(sqrt(Tensor([4, 2.25, 0])), Tensor([2, 1.5, 0]))
    expectClose(sin(Tensor([0, Double.pi / 2, Double.pi / 6])), Tensor([0, 1, 0.5]), tolerance: 1e-15)
    expectClose(cos(Tensor([0, Double.pi])), Tensor([1, -1]))
    expectClose(tan(Tensor([Double.pi / 4])), Tensor([1]), tolerance: 1e-15)
    expectClose(tanh(Tensor([0, ln2])), Tensor([0, 0.6]), tolerance: 1e-15)  // tanh(ln 2) = (2 − ½)/(2 + ½)
  }

  @Test func powersElementwiseAndBroadcast() {
    expectClose(pow(Tensor([2, 3]), 2), Tensor([4, 9]))
    expectClose(pow(2, Tensor([3, -1])), Tensor([8, 0.5]))
    expectClose(pow(Tensor([[2], [3]]), Tensor([1, 2])), Tensor([[2, 4], [3, 9]]))
    expectClose(pow(Tensor(0), 0), Tensor(1))
  }

  @Test func activationsAtKnownPoints() {
    let x = Tensor([-2, 0, 3])
    expectClose(relu(x), Tensor([0, 0, 3]))
    expectClose(leakyRelu(x, slope: 0.1), Tensor([-0.2, 0, 3]))
    expectClose(leakyRelu(x), Tensor([-0.02, 0, 3]))
    expectClose(abs(x), Tensor([2, 0, 3]))
    expectClose(sigmoid(Tensor([0, ln2])), Tensor([0.5, 2.0 / 3]))  // 1 / (1 + ½)
    expectClose(softplus(Tensor([0, ln2])), Tensor([ln2, 1.0986122886681098]))  // ln 2, ln 3
  }

  @Test func minAndMaxElementwiseWithBroadcasting() {
    let x = Tensor([[1, 5], [4, 2]])
    expectClose(min(x, Tensor([3, 3])), Tensor([[1, 3], [3, 2]]))
    expectClose(max(x, Tensor([[2], [3]])), Tensor([[2, 5], [4, 3]]))
    expectClose(max(x, 4), Tensor([[4, 5], [4, 4]]))
    expectClose(min(x, 2), Tensor([[1, 2], [2, 2]]))
    #expect(max(Tensor([.nan]), Tensor([1])).scalars[0].isNaN)
  }

  @Test func clampedLimitsToTheRange() {
    expectClose(Tensor([-3, -1, 0.5, 1, 7]).clamped(to: -1...1), Tensor([-1, -1, 0.5, 1, 1]))
  }

  @Test func selectingPicksByMaskWithBroadcasting() {
    expectClose(Tensor.selecting(where: Tensor([1, 0, 1]), Tensor([1, 2, 3]), Tensor(0)), Tensor([1, 0, 3]))
    let picked = Tensor.selecting(where: Tensor([[1], [0]]), Tensor([1, 2]), Tensor([[7, 8], [9, 10]]))
    expectClose(picked, Tensor([[1, 2], [9, 10]]))
  }

  @Test func mapAppliesTheTransform() {
    expectClose(Tensor([[1, -2], [3, 0]]).map { $0 > 0 ? 1 : 0 }, Tensor([[1, 0], [1, 0]]))
  }
}
