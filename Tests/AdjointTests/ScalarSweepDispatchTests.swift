import Foundation
import Testing

@testable import Adjoint

/// The first-order sweep's dispatch: one comparison of the operation code separates leaves and tensor nodes
/// from scalar operations, and the commonest operations (add, subtract, multiply, divide, x + c, x · c, sin,
/// cos, exp, log, tanh, sigmoid, relu, square) call their rule directly, binary and unary apart. Expected values are closed forms.
@Suite struct ScalarSweepDispatchTests {
  /// The sweep's one comparison assumes that the leaves and tensor-related nodes are numbered first.
  @Test func leavesAndTensorNodesAreNumberedBeforeEveryScalarOperation() {
    let special: [ScalarOp] = [.leaf, .tensorLeaf, .tensor, .tensorElement]
    #expect(special.map(\.rawValue).max() == ScalarOp.tensorElement.rawValue)
    for raw in 0...UInt8.max {
      guard let op = ScalarOp(rawValue: raw) else { continue }
      #expect((raw <= ScalarOp.tensorElement.rawValue) == special.contains(op), "\(op)")
    }
  }

  /// f = tanh(exp(sin x)·y − (x + 2)) + 0.5·x·y, through every directly called rule; df/dx and df/dy by hand:
  /// with u = exp(sin x)·y − x − 2 and t = tanh u, df/dx = (1 − t²)(exp(sin x) cos x · y − 1) + 0.5 y and
  /// df/dy = (1 − t²) exp(sin x) + 0.5 x. Plain and numerics-checked sweeps agree bit for bit.
  @Test(arguments: [(0.3, -0.8), (-1.1, 0.6), (2.0, 1.5)])
  func everyDirectlyCalledRuleGivesTheClosedForm(_ x: Double, _ y: Double) {
    func f(_ v: [Variable<Double>]) -> Variable<Double> {
      tanh(exp(sin(v[0])) * v[1] - (v[0] + 2)) + 0.5 * v[0] * v[1]
    }
    let plain = gradient(at: [x, y], in: f)
    let checked = withNumericsChecking { gradient(at: [x, y], in: f) }
    #expect(plain == checked)
    let e = Foundation.exp(Foundation.sin(x))
    let t = Foundation.tanh(e * y - x - 2)
    expectClose(plain, [(1 - t * t) * (e * Foundation.cos(x) * y - 1) + 0.5 * y, (1 - t * t) * e + 0.5 * x])
  }

  /// f = cos(x)/y + log(sigmoid(x)) + relu(y)² for y > 0; by hand, with σ = sigmoid x:
  /// df/dx = −sin x / y + (1 − σ), df/dy = −cos x / y² + 2y. At y < 0 the relu term and its derivative vanish.
  @Test(arguments: [(0.7, 1.3), (-0.4, 2.2), (1.2, -0.9)])
  func theOtherDirectlyCalledRulesGiveTheClosedForm(_ x: Double, _ y: Double) {
    func f(_ v: [Variable<Double>]) -> Variable<Double> {
      cos(v[0]) / v[1] + log(sigmoid(v[0])) + square(relu(v[1]))
    }
    let plain = gradient(at: [x, y], in: f)
    let checked = withNumericsChecking { gradient(at: [x, y], in: f) }
    #expect(plain == checked)
    let sigma = 1 / (1 + Foundation.exp(-x))
    let positivePart = Swift.max(y, 0)
    expectClose(plain, [-Foundation.sin(x) / y + (1 - sigma), -Foundation.cos(x) / (y * y) + 2 * positivePart])
  }

  /// Elements of a tensor feed scalar operations, and a scalar made into a tensor feeds a tensor operation:
  /// the tensor paths, now behind the one comparison, still run. f = sin(t[0])·t[1] for t = 3·[a, b] made
  /// from the scalars: df/da = 3 cos(3a)·3b, df/db = sin(3a)·3.
  @Test func tensorElementsAndScalarsMadeIntoTensorsStillSweep() {
    let (a, b) = (0.4, -1.3)
    let g = gradient(at: [a, b]) { v in
      let t = Variable<Tensor>([v[0], v[1]], shape: [2]) * 3
      return sin(t[element: 0]) * t[element: 1]
    }
    expectClose(g, [9 * Foundation.cos(3 * a) * b, 3 * Foundation.sin(3 * a)])
  }
}
