// Piecewise operations on scalar variables — abs, min, max, clamping and the piecewise-constant rounding
// functions — each followed by its derivative rule (generic: the same rule serves Double, Variable<Double>
// and tensor variables). Rules branch on values, never on recorded variables, so the second derivative of a
// piecewise-linear operation is 0. A NaN operand gives a NaN value and NaN derivatives.

/// |x|. Derivative: sign(x), with 0 at x = 0.
@inlinable public func abs(_ x: consuming Variable<Double>) -> Variable<Double> {
  x.recordUnary(.abs, value: Swift.abs(x.value))
}
/// The smaller of x and y; NaN if either is NaN (IEEE 754-2019 `minimum`, as NumPy and PyTorch).
/// Derivative: to the smaller operand; at a tie each gets half (the symmetric choice, which is also what a
/// central difference measures).
@inlinable public func min(_ x: Variable<Double>, _ y: Variable<Double>) -> Variable<Double> {
  Variable.recordBinary(.minimum, x, y, value: nanPropagatingMin(x.value, y.value))
}
/// The larger of x and y; NaN if either is NaN. Derivative: to the larger operand; at a tie each gets half.
@inlinable public func max(_ x: Variable<Double>, _ y: Variable<Double>) -> Variable<Double> {
  Variable.recordBinary(.maximum, x, y, value: nanPropagatingMax(x.value, y.value))
}
/// The smaller of x and a constant.
@inlinable public func min(_ x: Variable<Double>, _ c: Double) -> Variable<Double> { min(x, Variable(c)) }
/// The larger of x and a constant.
@inlinable public func max(_ x: Variable<Double>, _ c: Double) -> Variable<Double> { max(x, Variable(c)) }

/// The largest integer ≤ x. Derivative: 0 everywhere (piecewise constant; no gradient flows through).
@inlinable public func floor(_ x: consuming Variable<Double>) -> Variable<Double> {
  x.recordUnary(.floor, value: x.value.rounded(.down))
}
/// The smallest integer ≥ x. Derivative: 0 everywhere.
@inlinable public func ceil(_ x: consuming Variable<Double>) -> Variable<Double> {
  x.recordUnary(.ceil, value: x.value.rounded(.up))
}
/// x rounded to the nearest integer, halves away from zero (C's `round`). Derivative: 0 everywhere.
@inlinable public func round(_ x: consuming Variable<Double>) -> Variable<Double> {
  x.recordUnary(.round, value: x.value.rounded())
}
/// −1, 0 or 1 by the sign of x (±0 for ±0, NaN for NaN). Derivative: 0 everywhere.
@inlinable public func sign(_ x: consuming Variable<Double>) -> Variable<Double> {
  x.recordUnary(.sign, value: signValue(x.value))
}

extension Variable where Value == Double {
  /// The value limited to `range`; NaN stays NaN. Derivative: 1 inside the range including its bounds
  /// (PyTorch's convention for clamp), 0 outside.
  @inlinable public func clamped(to range: ClosedRange<Double>) -> Variable<Double> {
    recordUnary(.clamp, value: clampValue(value, range))
  }
}

@inlinable func signValue(_ x: Double) -> Double { x > 0 ? 1 : (x < 0 ? -1 : x) }
@inlinable func clampValue(_ x: Double, _ range: ClosedRange<Double>) -> Double {
  x < range.lowerBound ? range.lowerBound : (x > range.upperBound ? range.upperBound : x)
}

extension ScalarRule {
  @inlinable static func abs<S: DerivativeRuleMath>(_ v: S, _ a: ScalarOperands<S>) -> S {
    S.strongZeroProduct(v, weightedBy: a.x) { weight($0 > 0 ? 1 : ($0 < 0 ? -1 : 0), at: $0) }
  }
  /// The output equals the input exactly when the input was inside the range (bounds included).
  @inlinable static func clamp<S: DerivativeRuleMath>(_ v: S, _ a: ScalarOperands<S>) -> S {
    S.strongZeroProduct(v, S.locallyConstant(a.x, a.out) { x, out in weight(x == out ? 1 : 0, at: x) })
  }
  @inlinable static func minimum<S: DerivativeRuleMath>(_ v: S, _ a: ScalarOperands<S>) -> (x: S, y: S) {
    let share = S.locallyConstant(a.x, a.y) { x, y in x.isNaN || y.isNaN ? .nan : (x < y ? 1 : (x > y ? 0 : 0.5)) }
    return (S.strongZeroProduct(v, share), S.strongZeroProduct(v, 1 - share))
  }
  @inlinable static func maximum<S: DerivativeRuleMath>(_ v: S, _ a: ScalarOperands<S>) -> (x: S, y: S) {
    let share = S.locallyConstant(a.x, a.y) { x, y in x.isNaN || y.isNaN ? .nan : (x > y ? 1 : (x < y ? 0 : 0.5)) }
    return (S.strongZeroProduct(v, share), S.strongZeroProduct(v, 1 - share))
  }
  /// floor, ceil, round, sign: 0 of the adjoint's shape.
  @inlinable static func piecewiseConstant<S: DerivativeRuleMath>(_ v: S, _ a: ScalarOperands<S>) -> S {
    S.strongZeroProduct(v, 0)
  }
}
