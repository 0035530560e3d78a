// Special functions of scalar variables — the error functions and the gamma family — each followed by its
// derivative rule (generic: the same rule serves Double, Variable<Double> and tensor variables). The chain
// lgamma → digamma → trigamma → polygamma(n) is closed under differentiation, so derivatives of any order
// exist: each rule is written with the next function of the chain.

/// The error function erf x = (2/√π) ∫₀ˣ e^(−t²) dt (C's `erf`). Derivative: (2/√π)·e^(−x²).
@inlinable public func erf(_ x: consuming Variable<Double>) -> Variable<Double> {
  x.recordUnary(.erf, value: libmErf(x.value))
}
/// The complementary error function 1 − erf x (C's `erfc`, accurate where erf x is near 1).
/// Derivative: −(2/√π)·e^(−x²).
@inlinable public func erfc(_ x: consuming Variable<Double>) -> Variable<Double> {
  x.recordUnary(.erfc, value: libmErfc(x.value))
}
/// ln |Γ(x)| (C's `lgamma_r`). Poles (+∞) at 0, −1, −2, …; overflows to +∞ beyond x ≈ 2.55·10³⁰⁵.
/// Derivative: ψ(x), the digamma function.
@inlinable public func lgamma(_ x: consuming Variable<Double>) -> Variable<Double> {
  x.recordUnary(.lgamma, value: libmLgamma(x.value))
}
/// The digamma function ψ(x) = d/dx ln Γ(x). Poles at 0, −1, −2, … (NaN at negative integers, ∓∞ at ±0).
/// Derivative: ψ⁽¹⁾(x), the trigamma function.
@inlinable public func digamma(_ x: consuming Variable<Double>) -> Variable<Double> {
  x.recordUnary(.digamma, value: Polygamma.digamma(x.value))
}
/// The trigamma function ψ⁽¹⁾(x) = polygamma(1, x). Derivative: ψ⁽²⁾(x).
@inlinable public func trigamma(_ x: Variable<Double>) -> Variable<Double> { polygamma(1, x) }
/// The polygamma function ψ⁽ⁿ⁾(x), the n-th derivative of digamma (`polygamma(0, x)` is digamma).
/// Poles at 0, −1, −2, … (+∞ for odd n, NaN for even n). Derivative: ψ⁽ⁿ⁺¹⁾(x).
///
/// - Precondition: n ≥ 0.
/// - Complexity: O(1) for x > 0; O(|x|) recurrence steps for x < 0.
@inlinable public func polygamma(_ n: Int, _ x: consuming Variable<Double>) -> Variable<Double> {
  checkPrecondition(n >= 0, "polygamma: order n = \(n) must be at least 0")
  if n == 0 { return digamma(x) }
  return x.recordUnary(.polygamma, aux: Double(n), value: Polygamma.polygamma(n, x.value))
}

extension ScalarRule {
  /// 2/√π.
  @inlinable static var twoOverRootPi: Double { 1.1283791670955126 }

  @inlinable static func erf<S: DerivativeRuleMath>(_ v: S, _ a: ScalarOperands<S>) -> S {
    S.strongZeroProduct(v, S.exp(-(a.x * a.x)) * twoOverRootPi)
  }
  @inlinable static func erfc<S: DerivativeRuleMath>(_ v: S, _ a: ScalarOperands<S>) -> S {
    S.strongZeroProduct(v, S.exp(-(a.x * a.x)) * -twoOverRootPi)
  }
  @inlinable static func lgamma<S: DerivativeRuleMath>(_ v: S, _ a: ScalarOperands<S>) -> S {
    S.strongZeroProduct(v, S.digamma(a.x))
  }
  @inlinable static func digamma<S: DerivativeRuleMath>(_ v: S, _ a: ScalarOperands<S>) -> S {
    S.strongZeroProduct(v, S.polygamma(1, a.x))
  }
  /// The order n is kept in `aux`.
  @inlinable static func polygamma<S: DerivativeRuleMath>(_ v: S, _ a: ScalarOperands<S>) -> S {
    S.strongZeroProduct(v, S.polygamma(Int(a.aux) + 1, a.x))
  }
}
