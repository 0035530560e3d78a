// Elementary functions of scalar variables. Each function is followed by its derivative rule, where `v` is
// the adjoint of the result flowing back, `x` the input and `out` the result.

/// e^x. Derivative: e^x, which is the output itself.
@inlinable public func exp(_ x: consuming Variable<Double>) -> Variable<Double> {
  x.recordUnary(.exp, value: libmExp(x.value))
}
/// The natural logarithm. Derivative: 1 / x.
@inlinable public func log(_ x: consuming Variable<Double>) -> Variable<Double> {
  x.recordUnary(.log, value: libmLog(x.value))
}
/// The square root. Derivative: 1 / (2·√x), infinite at 0.
@inlinable public func sqrt(_ x: consuming Variable<Double>) -> Variable<Double> {
  x.recordUnary(.sqrt, value: x.value.squareRoot())
}
/// The sine (radians). Derivative: cos x.
@inlinable public func sin(_ x: consuming Variable<Double>) -> Variable<Double> {
  x.recordUnary(.sin, value: libmSin(x.value))
}
/// The cosine (radians). Derivative: −sin x.
@inlinable public func cos(_ x: consuming Variable<Double>) -> Variable<Double> {
  x.recordUnary(.cos, value: libmCos(x.value))
}
/// The tangent (radians). Derivative: 1 + tan² x.
@inlinable public func tan(_ x: consuming Variable<Double>) -> Variable<Double> {
  x.recordUnary(.tan, value: libmTan(x.value))
}
/// The hyperbolic tangent. Derivative: 1 − tanh² x.
@inlinable public func tanh(_ x: consuming Variable<Double>) -> Variable<Double> {
  x.recordUnary(.tanh, value: libmTanh(x.value))
}
/// x raised to a constant power c. Derivative: c·x^(c−1) (exactly 0 when c = 0).
@inlinable public func pow(_ x: Variable<Double>, _ c: Double) -> Variable<Double> {
  x.recordUnary(.powerOfConstant, aux: c, value: libmPow(x.value, c))
}
/// x raised to the power y. Derivatives: ∂/∂x = y·x^(y−1), taken as 0 at x = y = 0 (as for `pow(x, 0)`,
/// instead of 0·∞); ∂/∂y = x^y·log x, taken as 0 where x = 0 (the limit for y > 0), and NaN for x < 0,
/// where x^y is not differentiable in y.
@inlinable public func pow(_ x: Variable<Double>, _ y: Variable<Double>) -> Variable<Double> {
  Variable.recordBinary(.power, x, y, value: libmPow(x.value, y.value))
}
/// A constant c raised to the power y. Derivative: c^y·log c.
@inlinable public func pow(_ c: Double, _ y: Variable<Double>) -> Variable<Double> {
  pow(Variable(c), y)
}

extension ScalarRule {
  @inlinable static func exp<S: ScalarMath>(_ v: S, _ a: ScalarOperands<S>) -> S { v * a.out }
  @inlinable static func log<S: ScalarMath>(_ v: S, _ a: ScalarOperands<S>) -> S { v / a.x }
  @inlinable static func sqrt<S: ScalarMath>(_ v: S, _ a: ScalarOperands<S>) -> S { v / (a.out * 2) }
  @inlinable static func sin<S: ScalarMath>(_ v: S, _ a: ScalarOperands<S>) -> S { v * S.cos(a.x) }
  @inlinable static func cos<S: ScalarMath>(_ v: S, _ a: ScalarOperands<S>) -> S { -(v * S.sin(a.x)) }
  @inlinable static func tan<S: ScalarMath>(_ v: S, _ a: ScalarOperands<S>) -> S { v * (a.out * a.out + 1) }
  @inlinable static func tanh<S: ScalarMath>(_ v: S, _ a: ScalarOperands<S>) -> S { v * (1 - a.out * a.out) }
  @inlinable static func powerOfConstant<S: ScalarMath>(_ v: S, _ a: ScalarOperands<S>) -> S {
    a.aux == 0 ? S(constant: 0) : v * (S.pow(a.x, a.aux - 1) * a.aux)
  }
  @inlinable static func power<S: ScalarMath>(_ v: S, _ a: ScalarOperands<S>) -> (x: S, y: S) {
    let dx = a.x.primal == 0 && a.y.primal == 0 ? S(constant: 0) : v * (a.y * S.pow(a.x, a.y - 1))
    let dy = a.x.primal == 0 ? S(constant: 0) : v * (a.out * S.log(a.x))
    return (dx, dy)
  }
}
