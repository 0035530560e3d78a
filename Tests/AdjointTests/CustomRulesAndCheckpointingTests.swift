import Adjoint
import Foundation
import Testing

/// Scalar operations with rules of their own, and checkpointed segments, against closed forms and against
/// plain recording.
@Suite struct CustomRulesAndCheckpointingTests {
  /// Kepler's equation M = E − e·sin E solved for E by Newton on plain numbers, with the implicit
  /// derivative dE/dM = 1/(1 − e·cos E) as its rule.
  func eccentricAnomaly(_ m: Variable<Double>, eccentricity e: Double) -> Variable<Double> {
    var E = m.value
    for _ in 0..<50 { E -= (E - e * Foundation.sin(E) - m.value) / (1 - e * Foundation.cos(E)) }
    return .record("kepler", value: E, inputs: [m]) { v, _, E in [v / (1 - e * cos(E))] }
  }

  @Test func keplerEquationHasTheImplicitDerivativesToSecondOrder() {
    let (m, e) = (1.2, 0.3)
    let (E, dE) = valueWithGradient(at: m) { eccentricAnomaly($0, eccentricity: e) }
    expectClose(E - e * sin(E), m, relative: 1e-15)
    // Closed forms: E′ = 1/(1 − e cos E), E″ = −e sin E · E′³
    let first = 1 / (1 - e * cos(E))
    expectClose(dE, first, relative: 1e-14)
    let second = gradient(at: m) { x in gradient(at: x) { eccentricAnomaly($0, eccentricity: e) } }
    expectClose(second, -e * sin(E) * first * first * first, relative: 1e-13)
    // Against central differences of the solver itself.
    let h = 1e-6
    let plus = eccentricAnomaly(Variable(m + h), eccentricity: e).value
    let minus = eccentricAnomaly(Variable(m - h), eccentricity: e).value
    expectClose(dE, (plus - minus) / (2 * h), relative: 1e-9)
  }

  func log1pexp(_ x: Variable<Double>) -> Variable<Double> {
    .record("log1pexp", value: Swift.max(x.value, 0) + Foundation.log1p(Foundation.exp(-Swift.abs(x.value))), inputs: [x]) { v, x, _ in
      [v * sigmoid(x[0])]
    }
  }

  @Test func stableLog1pexpIsFiniteAndDifferentiableTwice() {
    // d/dx log(1 + eˣ) = σ(x), d² = σ(x)(1 − σ(x)); at x = 800 the naive form overflows
    let (value, d) = valueWithGradient(at: 800.0) { log1pexp($0) }
    #expect(value == 800 && d == 1)
    let x = -1.7
    let s = 1 / (1 + exp(-x))
    expectClose(gradient(at: x) { log1pexp($0) }, s, relative: 1e-15)
    expectClose(gradient(at: x) { y in gradient(at: y) { log1pexp($0) } }, s * (1 - s), relative: 1e-14)
  }

  // The textbook's layers with a forward and a backward of their own.
  func mulLayer(_ x: Variable<Double>, _ y: Variable<Double>) -> Variable<Double> {
    .record("mul", value: x.value * y.value, inputs: [x, y]) { dout, xy, _ in [dout * xy[1], dout * xy[0]] }
  }
  func addLayer(_ x: Variable<Double>, _ y: Variable<Double>) -> Variable<Double> {
    .record("add", value: x.value + y.value, inputs: [x, y]) { dout, _, _ in [dout, dout] }
  }

  @Test func handWrittenLayersGiveTheApplePrice() {
    // (100·2 + 150·3)·1.1 = 715; ∂/∂apple = 2.2, ∂/∂orange = 3.3, ∂/∂tax = 650 (the textbook's figures)
    let tape = Tape()
    let apple = tape.variable(100.0), apples = tape.variable(2.0)
    let orange = tape.variable(150.0), oranges = tape.variable(3.0), tax = tape.variable(1.1)
    let price = mulLayer(addLayer(mulLayer(apple, apples), mulLayer(orange, oranges)), tax)
    expectClose(price.value, 715, relative: 1e-15)
    let g = price.backward()
    expectClose(g[apple], 2.2, relative: 1e-15)
    expectClose(g[apples], 110, relative: 1e-15)
    expectClose(g[orange], 3.3, relative: 1e-15)
    expectClose(g[oranges], 165, relative: 1e-15)
    expectClose(g[tax], 650, relative: 1e-15)
  }

  /// W6d's pendulum step on (θ, ω, L, c).
  static func step(_ s: [Variable<Double>]) -> [Variable<Double>] {
    let (theta, omega, length, damping) = (s[0], s[1], s[2], s[3])
    let acceleration = (9.81 / length) * sin(theta) + damping * omega
    return [theta + 1e-3 * omega, omega - 1e-3 * acceleration, length, damping]
  }

  func pendulum(_ p: [Variable<Double>], steps: Int, segment: Int?) -> Variable<Double> {
    var state = [Variable(1.0), Variable(0.0), p[0], p[1]]
    if let segment {
      for _ in 0..<(steps / segment) {
        state = checkpointed(state) { s in
          var s = s
          for _ in 0..<segment { s = Self.step(s) }
          return s
        }
      }
    } else {
      for _ in 0..<steps { state = Self.step(state) }
    }
    return state[0]
  }

  @Test func checkpointedSegmentsGiveTheSameGradientAsPlainRecording() {
    // 1,000 steps: W6's reference (θ_N, ∂θ_N/∂L, ∂θ_N/∂c) at 1,000 steps
    let plain = valueWithGradient(at: [1.0, 0.5]) { pendulum($0, steps: 1000, segment: nil) }
    let segments = valueWithGradient(at: [1.0, 0.5]) { pendulum($0, steps: 1000, segment: 100) }
    expectClose(plain.value, -0.750228724004643, relative: 1e-13)
    expectClose(plain.gradient, [0.3095408435108728, 0.40794324285500294], relative: 1e-12)
    expectClose(segments.value, plain.value, relative: 1e-15)
    expectClose(segments.gradient, plain.gradient, relative: 1e-13)
  }

  @Test func checkpointedSegmentsDifferentiateTwice() {
    let plain = hessian(at: [1.0, 0.5]) { pendulum($0, steps: 200, segment: nil) }
    let segments = hessian(at: [1.0, 0.5]) { pendulum($0, steps: 200, segment: 50) }
    for i in 0..<2 { expectClose(segments[i], plain[i], relative: 1e-12) }
  }
}
