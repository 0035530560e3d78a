import Testing
import Adjoint

/// The examples of Docs/TensorOperations.md, run as written; the guide names the test for each example.
/// Expected values are worked out by hand in the guide.
@Suite struct TensorOperationsGuideTests {
  @Test func denseLayerExample() {
    let tape = Tape()
    let w = tape.variable(Tensor([[1, -1], [2, 0]]))
    let b = tape.variable(Tensor([0.5, -0.5]))
    let x = Variable(Tensor([[1, 1], [0, 1]]))  // a batch of two rows, a constant
    let y = relu(x.matmul(w) + b)
    let loss = y.sum()
    let g = loss.backward()
    expectClose(y.value, Tensor([[3.5, 0], [2.5, 0]]))
    expectClose(loss.value, Tensor(6))
    expectClose(g[w], Tensor([[1, 0], [2, 0]]))
    expectClose(g[b], Tensor([2, 0]))
  }

  @Test func broadcastingExample() {
    let m = Tensor([[1, 2, 3], [4, 5, 6]])
    expectClose(m + Tensor([10, 20, 30]), Tensor([[11, 22, 33], [14, 25, 36]]))
    expectClose(m * Tensor([[10], [100]]), Tensor([[10, 20, 30], [400, 500, 600]]))
    #expect(Tensor.broadcastShape([2, 1, 4], [3, 1]) == [2, 3, 4])
    expectClose(m.summed(toShape: [3]), Tensor([5, 7, 9]))
    expectClose(m.summed(toShape: [2, 1]), Tensor([[6], [15]]))
  }

  @Test func crossEntropyExample() {
    let logits = Tensor([[2, 1, 0]])
    let (loss, g) = valueWithGradient(at: logits) { z in
      -z.logSoftmax(alongAxis: 1).gathering(columnPerRow: [0]).mean()
    }
    expectClose(loss, 0.40760596444438, tolerance: 1e-13)
    expectClose(g, Tensor([[-0.33475904423, 0.24472847105, 0.09003057317]]), tolerance: 1e-10)
  }

  @Test func stabilityExample() {
    expectClose(Tensor([[1000, 0]]).logSoftmax(alongAxis: 1), Tensor([[0, -1000]]))
    expectClose(Tensor([[1000, 1000]]).logSumExp(alongAxis: 1), Tensor([1000.6931471805599]))
    expectClose(sigmoid(Tensor([-1e308, 1e308])), Tensor([0, 1]))
    expectClose(softplus(Tensor([-1e308, 1e308])), Tensor([0, 1e308]))
  }

  @Test func selectingExample() {
    let g = gradient(at: Tensor([-1, 4])) { x in
      let positive = x.value.map { $0 > 0 ? 1 : 0 }
      return Variable.selecting(where: positive, sqrt(x), Variable(Tensor(0))).sum()
    }
    expectClose(g, Tensor([0, 0.25]))
  }

  @Test func secondOrderExample() {
    let tape = Tape()
    let x = tape.variable(Tensor([1, 2]))
    let dx = gradient(at: x) { ($0 * $0 * $0).sum() }  // 3x², itself recorded
    let d2x = dx.sum().backward()[x]  // 6x
    expectClose(dx.value, Tensor([3, 12]))
    expectClose(d2x, Tensor([6, 12]))
  }

  /// x² as a custom primitive: the pullback is written once with differentiable operations.
  func square(_ x: Variable<Tensor>) -> Variable<Tensor> {
    Variable.record("square", value: x.value * x.value, inputs: [x]) { v, inputs, _ in [2 * v * inputs[0]] }
  }

  @Test func customPrimitiveExample() {
    expectClose(gradient(at: Tensor([3, -1])) { square($0).sum() }, Tensor([6, -2]))
    let tape = Tape()
    let x = tape.variable(Tensor([3, -1]))
    expectClose(gradient(at: x) { square($0).sum() }.sum().backward()[x], Tensor([2, 2]))
  }

  @Test func constantInputsNeedNoGradient() {
    let tape = Tape()
    let x = tape.constant(Tensor([[1, 2]]))
    let w = tape.variable(Tensor([[3], [4]]))
    let g = x.matmul(w).sum().backward()
    expectClose(g[w], Tensor([[1], [2]]))
    expectClose(g[x], Tensor([[0, 0]]))
  }

  @Test func pullbackExample() {
    let (value, pullback) = valueWithPullback(at: Tensor([1, 2, 3])) { x in x * x }
    expectClose(value, Tensor([1, 4, 9]))
    expectClose(pullback(Tensor([1, 0, 1])), Tensor([2, 0, 6]))
    expectClose(pullback(Tensor([0, 1, 0])), Tensor([0, 4, 0]))  // a pullback may be called again
  }

  /// The product, variance and cumulative-sum examples of "Reductions" (the variance by hand: row means 2
  /// and 4, squared deviations 2 and 8 over n − 1 = 2; the standard deviation over all six: √(16/6)).
  @Test func statisticsExamples() {
    #expect("\(gradient(at: Tensor([2, 0, 3, -1])) { $0.prod() })" == "[ 0.0 -6.0  0.0  0.0]")
    let m = Tensor([[1, 2, 3], [2, 4, 6]])
    #expect(
      "\(m.variance(alongAxes: [1], correction: 1)) \(m.standardDeviation(correction: 0))"
        == "[1.0 4.0] 1.632993161855452")
    #expect(
      "\(Tensor([[1, 2, 3], [4, 5, 6]]).cumulativeSum(alongAxis: 1))"
        == "[[ 1.0  3.0  6.0]\n [ 4.0  9.0 15.0]]")
  }
}
