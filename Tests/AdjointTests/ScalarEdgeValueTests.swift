import Adjoint
import Foundation
import Testing

/// Values and derivatives where a central difference cannot decide: at kinks, ties and extreme arguments.
/// Each expected value is the convention written in the op's doc comment and in Docs/Operations.md, or the
/// exact value rounded to `Double` (e.g. σ(1000) = 1 − e^−1000 rounds to 1). Those values are exact by
/// construction (a rule returns the constant 0, `v/2`, the slope), so they are compared with `==`: a
/// tolerance would let a wrong convention such as 0.4999 pass.
@Suite struct ScalarEdgeValueTests {
  /// The value and derivative of a function of one variable at `x`.
  private func valueAndDerivative(at x: Double, _ f: (Variable<Double>) -> Variable<Double>) -> (Double, Double) {
    let (value, derivative) = valueWithGradient(at: x, in: f)
    return (value, derivative)
  }

  // MARK: Kinks

  @Test func reluAtZeroHasDerivativeZero() {
    let (value, derivative) = valueAndDerivative(at: 0) { relu($0) }
    #expect(value == 0)
    #expect(derivative == 0)
  }

  @Test(arguments: [0.01, 0.2, -0.5])
  func leakyReluAtZeroHasDerivativeSlope(_ slope: Double) {
    let (value, derivative) = valueAndDerivative(at: 0) { leakyRelu($0, slope: slope) }
    #expect(value == 0)
    #expect(derivative == slope)
  }

  @Test func leakyReluDefaultSlopeIsOneHundredth() {
    #expect(gradient(at: 0) { leakyRelu($0) } == 0.01)
    expectClose(leakyRelu(Variable(-2.0)).value, -0.02)
  }

  @Test func absAtZeroHasDerivativeZero() {
    let (value, derivative) = valueAndDerivative(at: 0) { abs($0) }
    #expect(value == 0)
    #expect(derivative == 0)
    #expect(gradient(at: -0.0) { abs($0) } == 0)
  }

  /// clamp passes the gradient at both bounds (PyTorch's convention) and blocks it outside.
  @Test(arguments: [
    (x: -1.0, value: -1.0, derivative: 1.0),  // at the lower bound
    (x: 2.0, value: 2.0, derivative: 1.0),  // at the upper bound
    (x: 0.5, value: 0.5, derivative: 1.0),  // inside
    (x: -1.5, value: -1.0, derivative: 0.0),  // below
    (x: 7.0, value: 2.0, derivative: 0.0),  // above
  ])
  func clampAtAndBeyondItsBounds(_ c: (x: Double, value: Double, derivative: Double)) {
    let (value, derivative) = valueAndDerivative(at: c.x) { $0.clamped(to: -1...2) }
    #expect(value == c.value)
    #expect(derivative == c.derivative)
  }

  @Test func minAndMaxTiesSplitTheGradientInHalves() {
    for f in [{ (x: Variable<Double>, y: Variable<Double>) in min(x, y) }, { max($0, $1) }] {
      let (value, g) = valueWithGradient(at: [1.5, 1.5]) { v in f(v[0], v[1]) }
      #expect(value == 1.5)
      #expect(g == [0.5, 0.5])
    }
  }

  @Test func minAndMaxOfAVariableWithItselfHaveDerivativeOne() {
    #expect(gradient(at: 0.3) { x in min(x, x) } == 1)
    #expect(gradient(at: 0.3) { x in max(x, x) } == 1)
  }

  @Test func minAndMaxTiedWithAConstantGiveTheVariableHalf() {
    #expect(gradient(at: 2) { x in min(x, 2) } == 0.5)
    #expect(gradient(at: 2) { x in max(x, 2) } == 0.5)
    #expect(gradient(at: 1) { x in max(x, 2) } == 0)
    #expect(gradient(at: 3) { x in max(x, 2) } == 1)
  }

  /// A NaN input gives a NaN value through every activation: none of them hides a diverging computation
  /// behind a finite number (relu is max(x, 0), and Swift's max(NaN, 0) is NaN).
  @Test func activationsPropagateNaN() {
    let x = Variable(Double.nan)
    let results = [
      relu(x), leakyRelu(x), sigmoid(x), softplus(x), tanh(x), abs(x), x.clamped(to: -1...1),
    ]
    #expect(results.allSatisfy { $0.value.isNaN }, "\(results.map(\.value))")
  }

  // MARK: Powers at zero

  @Test func powerZeroOfZeroHasDerivativeZero() {
    let (value, derivative) = valueAndDerivative(at: 0) { pow($0, 0) }
    #expect(value == 1)
    #expect(derivative == 0)
  }

  /// x^y at x = 0: ∂/∂y = x^y·log x is taken as its limit 0; ∂/∂x = y·x^(y−1) is 0 for y > 1, 1 for
  /// y = 1, and 0 for y = 0 (as for `pow(x, 0)`), never 0·∞ = NaN.
  @Test(arguments: [(y: 2.0, dx: 0.0), (y: 1.0, dx: 1.0), (y: 0.0, dx: 0.0), (y: 3.5, dx: 0.0)])
  func powerOfZeroBase(_ c: (y: Double, dx: Double)) {
    let (value, g) = valueWithGradient(at: [0, c.y]) { v in pow(v[0], v[1]) }
    #expect(value == (c.y == 0 ? 1 : 0))
    #expect(g == [c.dx, 0], "pow(x, y) at x = 0, y = \(c.y)")
  }

  @Test func constantZeroToAVariablePowerHasDerivativeZero() {
    let (value, derivative) = valueAndDerivative(at: 2) { y in pow(0, y) }
    #expect(value == 0)
    #expect(derivative == 0)
  }

  // MARK: Extreme arguments

  /// σ and softplus at ±1000 and ±1e308: finite values and derivatives, no overflow into NaN or ∞.
  @Test(arguments: [1000.0, -1000.0, 1e308, -1e308, .greatestFiniteMagnitude, -.greatestFiniteMagnitude])
  func sigmoidAndSoftplusAreFiniteAtExtremeArguments(_ x: Double) {
    let s = valueAndDerivative(at: x) { sigmoid($0) }
    let p = valueAndDerivative(at: x) { softplus($0) }
    #expect(s.0.isFinite && s.1.isFinite && p.0.isFinite && p.1.isFinite, "σ: \(s), softplus: \(p) at \(x)")
    // The exact values round to these: σ(x) = 1 − e^−x → 1, σ′ = e^−|x|/(1 + e^−|x|)² → 0, softplus(x) =
    // x + log(1 + e^−x) → x, softplus(−x) = log(1 + e^−x) → 0.
    #expect(s.0 == (x > 0 ? 1 : 0))
    #expect(s.1 == 0)
    #expect(p.0 == (x > 0 ? x : 0))
    #expect(p.1 == (x > 0 ? 1 : 0))
  }

  @Test func sigmoidAndSoftplusAtModerateArgumentsKeepFullPrecision() {
    // σ(−30) = 1/(1 + e^30) and softplus(−30) = log(1 + e^−30) ≈ e^−30 − e^−60/2: the stable forms keep
    // the relative precision that 1 − σ(30) or log(1 + tiny) would lose.
    expectClose(sigmoid(Variable(-30.0)).value, 1 / (1 + exp(30)), relative: 1e-15)
    expectClose(softplus(Variable(-30.0)).value, exp(-30) - exp(-60) / 2, relative: 1e-15)
    expectClose(gradient(at: -30) { softplus($0) }, 1 / (1 + exp(30)), relative: 1e-15)
  }

  @Test(arguments: [1000.0, -1000.0])
  func tanhSaturatesWithDerivativeZero(_ x: Double) {
    let (value, derivative) = valueAndDerivative(at: x) { tanh($0) }
    #expect(value == (x > 0 ? 1 : -1))
    #expect(derivative == 0)
  }

  /// √′(x) = 1/(2√x): large but finite for any positive x, down to the smallest subnormal.
  @Test(arguments: [1e-300, Double.leastNormalMagnitude, Double.leastNormalMagnitude / 1024, Double.leastNonzeroMagnitude])
  func sqrtDerivativeAtTinyPositiveArguments(_ x: Double) {
    let (value, derivative) = valueAndDerivative(at: x) { sqrt($0) }
    expectClose(value, x.squareRoot(), relative: 1e-15)
    #expect(derivative.isFinite)
    expectClose(derivative, 0.5 / x.squareRoot(), relative: 1e-15)
  }

  @Test func sqrtDerivativeAtZeroIsInfinite() {
    #expect(gradient(at: 0) { sqrt($0) } == .infinity)
  }

  /// The sweep skips nodes whose adjoint is zero (STYLE 4), so a factor 0 in front of an infinite local
  /// derivative gives 0, not 0·∞ = NaN.
  @Test func zeroAdjointIsNotPropagatedThroughAnInfiniteDerivative() {
    #expect(gradient(at: 0) { x in sqrt(x) * 0 } == 0)
    #expect(gradient(at: 0) { x in relu(x - 1) * sqrt(x) + x } == 1)
  }
}
