// Elementary functions of scalar variables. Each function is followed by its derivative rule, where `v` is
// the adjoint of the result flowing back, `x` the input and `out` the result. The rules are generic: the
// same rule serves `Double`, `Variable<Double>` and the tensor functions of TensorElementaryFunctions.swift.
// Every product of `v` with a local derivative is a strong-zero product (Docs/Operations.md).

/// e^x. Derivative: e^x, which is the output itself.
@inlinable public func exp(_ x: consuming Variable<Double>) -> Variable<Double> {
  x.recordUnary(.exp, value: libmExp(x.value))
}
/// e^x − 1, accurate for small x (C's `expm1`). Derivative: e^x = out + 1.
@inlinable public func expm1(_ x: consuming Variable<Double>) -> Variable<Double> {
  x.recordUnary(.expm1, value: libmExpm1(x.value))
}
/// The natural logarithm. Derivative: 1 / x.
@inlinable public func log(_ x: consuming Variable<Double>) -> Variable<Double> {
  x.recordUnary(.log, value: libmLog(x.value))
}
/// ln(1 + x), accurate for small x (C's `log1p`); domain x ≥ −1, −∞ at −1. Derivative: 1 / (1 + x).
@inlinable public func log1p(_ x: consuming Variable<Double>) -> Variable<Double> {
  x.recordUnary(.log1p, value: libmLog1p(x.value))
}
/// The square root. Derivative: 1 / (2·√x), infinite at 0.
@inlinable public func sqrt(_ x: consuming Variable<Double>) -> Variable<Double> {
  x.recordUnary(.sqrt, value: x.value.squareRoot())
}
/// The real cube root, for every x. Derivative: 1 / (3·out²), infinite at 0.
@inlinable public func cbrt(_ x: consuming Variable<Double>) -> Variable<Double> {
  x.recordUnary(.cbrt, value: libmCbrt(x.value))
}
/// x². Derivative: 2x.
@inlinable public func square(_ x: consuming Variable<Double>) -> Variable<Double> {
  x.recordUnary(.square, value: x.value * x.value)
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
/// √(x² + y²) without intermediate overflow (C's `hypot`). Derivatives: (x/out, y/out), taken as (0, 0) at
/// the origin (as abs′(0) = 0).
@inlinable public func hypot(_ x: Variable<Double>, _ y: Variable<Double>) -> Variable<Double> {
  Variable.recordBinary(.hypot, x, y, value: libmHypot(x.value, y.value))
}

extension ScalarRule {
  @inlinable static func exp<S: DerivativeRuleMath>(_ v: S, _ a: ScalarOperands<S>) -> S {
    S.strongZeroProduct(v, a.out)
  }
  @inlinable static func expm1<S: DerivativeRuleMath>(_ v: S, _ a: ScalarOperands<S>) -> S {
    S.strongZeroProduct(v, a.out + 1)
  }
  @inlinable static func log<S: DerivativeRuleMath>(_ v: S, _ a: ScalarOperands<S>) -> S {
    S.strongZeroProduct(v, 1 / a.x)
  }
  @inlinable static func log1p<S: DerivativeRuleMath>(_ v: S, _ a: ScalarOperands<S>) -> S {
    S.strongZeroProduct(v, 1 / (a.x + 1))
  }
  @inlinable static func sqrt<S: DerivativeRuleMath>(_ v: S, _ a: ScalarOperands<S>) -> S {
    S.strongZeroProduct(v, 0.5 / a.out)
  }
  @inlinable static func cbrt<S: DerivativeRuleMath>(_ v: S, _ a: ScalarOperands<S>) -> S {
    S.strongZeroProduct(v, (1.0 / 3) / (a.out * a.out))
  }
  @inlinable static func square<S: DerivativeRuleMath>(_ v: S, _ a: ScalarOperands<S>) -> S {
    S.strongZeroProduct(v, a.x * 2)
  }
  @inlinable static func powerOfConstant<S: DerivativeRuleMath>(_ v: S, _ a: ScalarOperands<S>) -> S {
    a.aux == 0 ? S.strongZeroProduct(v, 0) : S.strongZeroProduct(v, S.pow(a.x, a.aux - 1) * a.aux)
  }
  /// The strong zero gives ∂/∂x = 0 at y = 0; the mask gives ∂/∂y = 0 at x = 0.
  @inlinable static func power<S: DerivativeRuleMath>(_ v: S, _ a: ScalarOperands<S>) -> (x: S, y: S) {
    let dx = S.strongZeroProduct(v, S.strongZeroProduct(a.y, S.pow(a.x, a.y - 1)))
    let baseIsNonzero = S.locallyConstant(a.x) { $0 == 0 ? 0 : 1 }
    let dy = S.strongZeroProduct(v, S.strongZeroProduct(baseIsNonzero, a.out * S.log(a.x)))
    return (dx, dy)
  }
  /// At the origin out = 0: the mask makes both partials 0 there.
  @inlinable static func hypot<S: DerivativeRuleMath>(_ v: S, _ a: ScalarOperands<S>) -> (x: S, y: S) {
    let outIsNonzero = S.locallyConstant(a.out) { $0 == 0 ? 0 : 1 }
    let w = S.strongZeroProduct(v, outIsNonzero)
    return (S.strongZeroProduct(w, a.x / a.out), S.strongZeroProduct(w, a.y / a.out))
  }
}
