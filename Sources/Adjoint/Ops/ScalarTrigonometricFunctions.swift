// Trigonometric and hyperbolic functions of scalar variables and their inverses, each followed by its
// derivative rule (generic: the same rule serves Double, Variable<Double> and tensor variables).

/// The sine (radians). Derivative: cos x.
///
/// The node caches cos x, computed with the sine by one `sincos` call, for its derivative rule.
@inlinable public func sin(_ x: consuming Variable<Double>) -> Variable<Double> {
  guard x.isRecorded else { return Variable(libmSin(x.value)) }
  let (s, c) = libmSinCos(x.value)
  return x.recordUnary(.sin, aux: c, value: s)
}
/// The cosine (radians). Derivative: −sin x.
///
/// The node caches sin x, computed with the cosine by one `sincos` call, for its derivative rule.
@inlinable public func cos(_ x: consuming Variable<Double>) -> Variable<Double> {
  guard x.isRecorded else { return Variable(libmCos(x.value)) }
  let (s, c) = libmSinCos(x.value)
  return x.recordUnary(.cos, aux: s, value: c)
}
/// The tangent (radians). Derivative: 1 + tan² x.
@inlinable public func tan(_ x: consuming Variable<Double>) -> Variable<Double> {
  x.recordUnary(.tan, value: libmTan(x.value))
}
/// The arcsine, for x in [−1, 1] (NaN outside). Derivative: 1/√(1 − x²), +∞ at ±1.
@inlinable public func asin(_ x: consuming Variable<Double>) -> Variable<Double> {
  x.recordUnary(.asin, value: libmAsin(x.value))
}
/// The arccosine, for x in [−1, 1] (NaN outside). Derivative: −1/√(1 − x²), −∞ at ±1.
@inlinable public func acos(_ x: consuming Variable<Double>) -> Variable<Double> {
  x.recordUnary(.acos, value: libmAcos(x.value))
}
/// The arctangent. Derivative: 1/(1 + x²).
@inlinable public func atan(_ x: consuming Variable<Double>) -> Variable<Double> {
  x.recordUnary(.atan, value: libmAtan(x.value))
}
/// The angle of the point (x, y) in [−π, π] (C's `atan2(y, x)`; note the order). Derivatives:
/// (∂/∂y, ∂/∂x) = (x, −y)/(x² + y²); NaN at the origin, where the angle is not continuous.
@inlinable public func atan2(_ y: Variable<Double>, _ x: Variable<Double>) -> Variable<Double> {
  Variable.recordBinary(.atan2, y, x, value: libmAtan2(y.value, x.value))
}
/// The hyperbolic sine. Derivative: cosh x.
@inlinable public func sinh(_ x: consuming Variable<Double>) -> Variable<Double> {
  x.recordUnary(.sinh, value: libmSinh(x.value))
}
/// The hyperbolic cosine. Derivative: sinh x.
@inlinable public func cosh(_ x: consuming Variable<Double>) -> Variable<Double> {
  x.recordUnary(.cosh, value: libmCosh(x.value))
}
/// The hyperbolic tangent. Derivative: 1 − tanh² x.
@inlinable public func tanh(_ x: consuming Variable<Double>) -> Variable<Double> {
  x.recordUnary(.tanh, value: libmTanh(x.value))
}
/// The inverse hyperbolic sine. Derivative: 1/√(x² + 1).
@inlinable public func asinh(_ x: consuming Variable<Double>) -> Variable<Double> {
  x.recordUnary(.asinh, value: libmAsinh(x.value))
}
/// The inverse hyperbolic cosine, for x ≥ 1 (NaN below). Derivative: 1/√((x − 1)(x + 1)), +∞ at 1.
@inlinable public func acosh(_ x: consuming Variable<Double>) -> Variable<Double> {
  x.recordUnary(.acosh, value: libmAcosh(x.value))
}
/// The inverse hyperbolic tangent, for x in (−1, 1); ±∞ at ±1 (poles), NaN beyond.
/// Derivative: 1/((1 − x)(1 + x)).
@inlinable public func atanh(_ x: consuming Variable<Double>) -> Variable<Double> {
  x.recordUnary(.atanh, value: libmAtanh(x.value))
}

extension ScalarRule {
  @inlinable static func sin<S: DerivativeRuleMath>(_ v: S, _ a: ScalarOperands<S>) -> S {
    S.strongZeroProduct(v, a.factor ?? S.cos(a.x))  // factor: cos x, cached by `sin`
  }
  @inlinable static func cos<S: DerivativeRuleMath>(_ v: S, _ a: ScalarOperands<S>) -> S {
    S.strongZeroProduct(v, -(a.factor ?? S.sin(a.x)))  // factor: sin x, cached by `cos`
  }
  @inlinable static func tan<S: DerivativeRuleMath>(_ v: S, _ a: ScalarOperands<S>) -> S {
    S.strongZeroProduct(v, a.out * a.out + 1)
  }
  @inlinable static func asin<S: DerivativeRuleMath>(_ v: S, _ a: ScalarOperands<S>) -> S {
    S.strongZeroProduct(v, 1 / S.sqrt((1 - a.x) * (a.x + 1)))
  }
  @inlinable static func acos<S: DerivativeRuleMath>(_ v: S, _ a: ScalarOperands<S>) -> S {
    S.strongZeroProduct(v, -1 / S.sqrt((1 - a.x) * (a.x + 1)))
  }
  @inlinable static func atan<S: DerivativeRuleMath>(_ v: S, _ a: ScalarOperands<S>) -> S {
    S.strongZeroProduct(v, 1 / (a.x * a.x + 1))
  }
  /// Operands: x is the first argument (y of the formula), y the second (x of the formula).
  @inlinable static func atan2<S: DerivativeRuleMath>(_ v: S, _ a: ScalarOperands<S>) -> (x: S, y: S) {
    let r2 = a.x * a.x + a.y * a.y
    return (S.strongZeroProduct(v, a.y / r2), S.strongZeroProduct(v, -a.x / r2))
  }
  @inlinable static func sinh<S: DerivativeRuleMath>(_ v: S, _ a: ScalarOperands<S>) -> S {
    S.strongZeroProduct(v, S.cosh(a.x))
  }
  @inlinable static func cosh<S: DerivativeRuleMath>(_ v: S, _ a: ScalarOperands<S>) -> S {
    S.strongZeroProduct(v, S.sinh(a.x))
  }
  @inlinable static func tanh<S: DerivativeRuleMath>(_ v: S, _ a: ScalarOperands<S>) -> S {
    S.strongZeroProduct(v, 1 - a.out * a.out)
  }
  @inlinable static func asinh<S: DerivativeRuleMath>(_ v: S, _ a: ScalarOperands<S>) -> S {
    S.strongZeroProduct(v, 1 / S.hypot(a.x, S(constant: 1)))
  }
  @inlinable static func acosh<S: DerivativeRuleMath>(_ v: S, _ a: ScalarOperands<S>) -> S {
    S.strongZeroProduct(v, 1 / S.sqrt((a.x - 1) * (a.x + 1)))
  }
  @inlinable static func atanh<S: DerivativeRuleMath>(_ v: S, _ a: ScalarOperands<S>) -> S {
    S.strongZeroProduct(v, 1 / ((1 - a.x) * (a.x + 1)))
  }
}
