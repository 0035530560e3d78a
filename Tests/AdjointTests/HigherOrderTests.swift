import Adjoint
import Foundation
import Testing

/// Derivatives of derivatives: `gradient(at:in:)` on variables records its reverse sweep on the tape, by
/// running the same generic derivative rules on `Variable<Double>`. Expected values are hand-derived.
@Suite struct HigherOrderTests {
  private static let points = seededPoints(in: [-2...2], count: 4, seed: 0xD2).map { $0[0] }

  @Test(arguments: points)
  func secondDerivativeOfCube(_ x: Double) {
    let d2 = gradient(at: x) { x in gradient(at: x) { y in y * y * y } }
    expectClose(d2, 6 * x)
  }

  @Test(arguments: points)
  func secondDerivativeOfSineIsMinusSine(_ x: Double) {
    let d2 = gradient(at: x) { x in gradient(at: x) { sin($0) } }
    expectClose(d2, -sin(x), absolute: 1e-15)
  }

  @Test(arguments: points)
  func thirdDerivativeOfFourthPowerByTripleNesting(_ x: Double) {
    let d3 = gradient(at: x) { x in gradient(at: x) { x in gradient(at: x) { y in y * y * y * y } } }
    expectClose(d3, 24 * x)
    let viaPow = gradient(at: x) { x in gradient(at: x) { x in gradient(at: x) { y in pow(y, 4) } } }
    expectClose(viaPow, 24 * x)
  }

  /// d⁴/dx⁴ e^(2x) = 16 e^(2x): four nested sweeps, each recording on the same tape.
  @Test func fourthDerivativeOfExponential() {
    let d4 = gradient(at: 0.3) { x in
      gradient(at: x) { x in gradient(at: x) { x in gradient(at: x) { y in exp(2 * y) } } }
    }
    expectClose(d4, 16 * exp(0.6))
  }

  /// Rosenbrock f(x, y) = (1 − x)² + 100(y − x²)², whose Hessian is
  /// H = [[2 − 400y + 1200x², −400x], [−400x, 200]]. Hv = ∇(∇f · v), v held constant.
  @Test(arguments: seededPoints(in: [-2...2, -1...3, -1...1, -1...1], count: 4, seed: 0x4E55))
  func hessianVectorProductOfRosenbrock(_ p: [Double]) {
    let (x, y, v0, v1) = (p[0], p[1], p[2], p[3])
    func rosenbrock(_ v: [Variable<Double>]) -> Variable<Double> {
      (1 - v[0]) * (1 - v[0]) + 100 * (v[1] - v[0] * v[0]) * (v[1] - v[0] * v[0])
    }
    let hv = gradient(at: [x, y]) { xs in
      let g = gradient(at: xs, in: rosenbrock)
      return g[0] * v0 + g[1] * v1
    }
    let h = [[2 - 400 * y + 1200 * x * x, -400 * x], [-400 * x, 200]]
    let expected = [h[0][0] * v0 + h[0][1] * v1, h[1][0] * v0 + h[1][1] * v1]
    expectClose(hv, expected, relative: 1e-12, absolute: 1e-10)
  }

  /// ∂²(x·y²)/∂x∂y = 2y, in both orders (Schwarz): differentiate in y then in (x, y), and in x then in (x, y).
  @Test func mixedPartials() {
    let (x, y) = (1.5, -0.7)
    let yThenAll = gradient(at: [x, y]) { v in gradient(at: v[1]) { y in v[0] * y * y } }  // ∇(2xy)
    expectClose(yThenAll, [2 * y, 2 * x])
    let xThenAll = gradient(at: [x, y]) { v in gradient(at: v[0]) { x in x * v[1] * v[1] } }  // ∇(y²)
    expectClose(xThenAll, [0, 2 * y])
  }

  /// ∂(x^y)/∂x = y·x^(y−1) is 0 at y = 0, but its derivative in y, x^(y−1)·(1 + y·log x), is 1/x there:
  /// the convention for x = y = 0 must not cut the mixed partial elsewhere.
  @Test func mixedPartialOfPowerAtExponentZero() {
    let x = 2.5
    let h = gradient(at: [x, 0]) { v in gradient(at: v) { w in pow(w[0], w[1]) }[0] }
    expectClose(h, [0, 1 / x])  // [∂²/∂x², ∂²/∂y∂x] = [y(y−1)x^(y−2), 1/x] at y = 0
  }

  // Second derivatives through every scalar rule, ∇(∇f · w) for each row f of the catalog, are checked
  // against central differences with the rest of `GradientCheckCatalog.secondOrder` in TensorSecondOrderTests.

  /// The derivative of a function that returns a variable recorded before its input (it does not depend on
  /// the input) is zero.
  @Test func innerFunctionReturningAnOuterVariable() {
    let g = gradient(at: [1.5, 2.0]) { v in gradient(at: v[1]) { _ in v[0] } * 3 + v[0] * v[1] }
    expectClose(g, [2, 1.5])
    let h = gradient(at: 4.0) { x in gradient(at: x) { _ in x * x } }
    #expect(h == 0)
    let t = gradient(at: Tensor(2.0)) { x in gradient(at: x) { _ in x } + x }  // 0 + x
    #expect(t == Tensor(1.0))
  }

  /// Piecewise-linear rules have second derivative zero.
  @Test func secondDerivativesOfPiecewiseLinearFunctionsAreZero() {
    for x in [-1.5, 0.7] {
      #expect(gradient(at: x) { x in gradient(at: x) { relu($0) * 3 } } == 0)
      #expect(gradient(at: x) { x in gradient(at: x) { abs($0) } } == 0)
      #expect(gradient(at: x) { x in gradient(at: x) { leakyRelu($0, slope: 0.2) } } == 0)
    }
  }

  // MARK: ScalarMath: write once, run on numbers and on variables

  private static func model<T: ScalarMath>(_ x: T, _ y: T) -> T {
    let a = T.sigmoid(x * y - 0.5) + T.tanh(x / 3)
    let b = T.sqrt(x * x + 1) * T.exp(-y) + T.log(2 + T.sin(x) * T.cos(y))
    return a * b + T.pow(T.pow(x * x + 0.5, 1.5), y / 4) - 3 / (1 + y * y)
  }

  @Test(arguments: seededPoints(in: [-2...2, -2...2], count: 6, seed: 0x5CA1A))
  func genericFunctionGivesTheSameValueOnDoubleAndVariable(_ p: [Double]) {
    let plain = Self.model(p[0], p[1])
    let tape = Tape()
    let x = tape.variable(p[0]), y = tape.variable(p[1])
    let recorded = Self.model(x, y)
    #expect(recorded.isRecorded)
    // The same operations on the same doubles, in the same order: equal to the last bit.
    expectClose(recorded.value, plain, relative: 0)
    // Its gradient from the tape, against central differences of the plain `Double` version.
    let g = recorded.backward()
    let h = 1e-6
    let dx = (Self.model(p[0] + h, p[1]) - Self.model(p[0] - h, p[1])) / (2 * h)
    let dy = (Self.model(p[0], p[1] + h) - Self.model(p[0], p[1] - h)) / (2 * h)
    expectClose([g[x], g[y]], [dx, dy], relative: 1e-6, absolute: 1e-8)
  }

  /// The generic function's second derivative, through the recorded sweep, against central differences of
  /// its first derivative.
  @Test func genericFunctionSecondDerivative() {
    let (x, y) = (0.4, -0.9)
    let d2 = gradient(at: x) { x in gradient(at: x) { x in Self.model(x, Variable(y)) } }
    let h = 1e-5
    let d1 = { (x: Double) in gradient(at: x) { x in Self.model(x, Variable(y)) } }
    expectClose(d2, (d1(x + h) - d1(x - h)) / (2 * h), relative: 1e-6, absolute: 1e-8)
  }
}
