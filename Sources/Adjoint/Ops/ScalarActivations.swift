// Activation functions and piecewise operations on scalar variables, each followed by its derivative rule.
// The convention at every kink is decided here once, and listed in Docs/Operations.md.

/// max(x, 0). Derivative: 1 for x > 0, and 0 for x ≤ 0 (relu′(0) = 0, as in PyTorch).
@inlinable public func relu(_ x: consuming Variable<Double>) -> Variable<Double> {
  x.recordUnary(.relu, value: x.value <= 0 ? 0 : x.value)  // NaN stays NaN, as in max(x, 0)
}
/// x for x > 0, slope·x otherwise. Derivative: 1 for x > 0, `slope` for x ≤ 0.
@inlinable public func leakyRelu(_ x: Variable<Double>, slope: Double = 0.01) -> Variable<Double> {
  x.recordUnary(.leakyRelu, aux: slope, value: x.value > 0 ? x.value : slope * x.value)
}
/// The logistic function 1 / (1 + e^−x), computed without overflow for any finite x.
/// Derivative: σ(x)·(1 − σ(x)).
@inlinable public func sigmoid(_ x: consuming Variable<Double>) -> Variable<Double> {
  x.recordUnary(.sigmoid, value: stableSigmoid(x.value))
}
/// log(1 + e^x), computed as max(x, 0) + log1p(e^−|x|) so that large x neither overflows nor loses
/// precision. Derivative: σ(x).
@inlinable public func softplus(_ x: consuming Variable<Double>) -> Variable<Double> {
  x.recordUnary(.softplus, value: stableSoftplus(x.value))
}
/// |x|. Derivative: sign(x), with 0 at x = 0.
@inlinable public func abs(_ x: consuming Variable<Double>) -> Variable<Double> {
  x.recordUnary(.abs, value: Swift.abs(x.value))
}
/// The smaller of x and y. Derivative: to the smaller operand; at a tie each gets half (the symmetric
/// choice, which is also what a central difference measures).
@inlinable public func min(_ x: Variable<Double>, _ y: Variable<Double>) -> Variable<Double> {
  Variable.recordBinary(.minimum, x, y, value: y.value < x.value ? y.value : x.value)
}
/// The larger of x and y. Derivative: to the larger operand; at a tie each gets half.
@inlinable public func max(_ x: Variable<Double>, _ y: Variable<Double>) -> Variable<Double> {
  Variable.recordBinary(.maximum, x, y, value: y.value > x.value ? y.value : x.value)
}
/// The smaller of x and a constant.
@inlinable public func min(_ x: Variable<Double>, _ c: Double) -> Variable<Double> { min(x, Variable(c)) }
/// The larger of x and a constant.
@inlinable public func max(_ x: Variable<Double>, _ c: Double) -> Variable<Double> { max(x, Variable(c)) }

extension Variable where Value == Double {
  /// The value limited to `range`. Derivative: 1 inside the range including its bounds (PyTorch's
  /// convention for clamp), 0 outside.
  @inlinable public func clamped(to range: ClosedRange<Double>) -> Variable<Double> {
    let clamped = value < range.lowerBound ? range.lowerBound : (value > range.upperBound ? range.upperBound : value)
    return recordUnary(.clamp, value: clamped)
  }
}

extension ScalarRule {
  @inlinable static func relu<S: ScalarMath>(_ v: S, _ a: ScalarOperands<S>) -> S {
    a.x.primal > 0 ? v : S(constant: 0)
  }
  @inlinable static func leakyRelu<S: ScalarMath>(_ v: S, _ a: ScalarOperands<S>) -> S {
    a.x.primal > 0 ? v : v * a.aux
  }
  @inlinable static func sigmoid<S: ScalarMath>(_ v: S, _ a: ScalarOperands<S>) -> S {
    v * (a.out * (1 - a.out))
  }
  @inlinable static func softplus<S: ScalarMath>(_ v: S, _ a: ScalarOperands<S>) -> S { v * S.sigmoid(a.x) }
  @inlinable static func abs<S: ScalarMath>(_ v: S, _ a: ScalarOperands<S>) -> S {
    a.x.primal > 0 ? v : (a.x.primal < 0 ? -v : S(constant: 0))
  }
  /// The output equals the input exactly when the input was inside the range (bounds included).
  @inlinable static func clamp<S: ScalarMath>(_ v: S, _ a: ScalarOperands<S>) -> S {
    a.out.primal == a.x.primal ? v : S(constant: 0)
  }
  @inlinable static func minimum<S: ScalarMath>(_ v: S, _ a: ScalarOperands<S>) -> (x: S, y: S) {
    let (x, y) = (a.x.primal, a.y.primal)
    if x < y { return (v, S(constant: 0)) }
    if y < x { return (S(constant: 0), v) }
    let half = v * 0.5
    return (half, half)
  }
  @inlinable static func maximum<S: ScalarMath>(_ v: S, _ a: ScalarOperands<S>) -> (x: S, y: S) {
    let (x, y) = (a.x.primal, a.y.primal)
    if x > y { return (v, S(constant: 0)) }
    if y > x { return (S(constant: 0), v) }
    let half = v * 0.5
    return (half, half)
  }
}
