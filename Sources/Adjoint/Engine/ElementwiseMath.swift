/// The arithmetic and functions that every elementwise derivative rule is written with, and that generic
/// numerical code can use: satisfied by `Double` and `Variable<Double>` (and, inside the engine, by tensor
/// variables, so that one rule serves all three — see `ScalarOp.pullback`).
///
/// Functions with a pole or a restricted domain return the C library's values there (±∞, NaN); the
/// derivative conventions at those points are listed in `Docs/Operations.md`.
public protocol ElementwiseMath {
  /// Lifts a constant.
  init(constant: Double)

  static func + (lhs: Self, rhs: Self) -> Self
  static func - (lhs: Self, rhs: Self) -> Self
  static func * (lhs: Self, rhs: Self) -> Self
  static func / (lhs: Self, rhs: Self) -> Self
  static prefix func - (operand: Self) -> Self
  static func + (lhs: Self, rhs: Double) -> Self
  static func - (lhs: Self, rhs: Double) -> Self
  static func * (lhs: Self, rhs: Double) -> Self
  static func / (lhs: Self, rhs: Double) -> Self
  static func + (lhs: Double, rhs: Self) -> Self
  static func - (lhs: Double, rhs: Self) -> Self
  static func * (lhs: Double, rhs: Self) -> Self
  static func / (lhs: Double, rhs: Self) -> Self

  /// e^x.
  static func exp(_ x: Self) -> Self
  /// e^x − 1, accurate for small x.
  static func expm1(_ x: Self) -> Self
  /// The natural logarithm.
  static func log(_ x: Self) -> Self
  /// ln(1 + x), accurate for small x.
  static func log1p(_ x: Self) -> Self
  /// The square root.
  static func sqrt(_ x: Self) -> Self
  /// The cube root (defined for every real x).
  static func cbrt(_ x: Self) -> Self
  /// x².
  static func square(_ x: Self) -> Self
  /// x raised to a constant power.
  static func pow(_ x: Self, _ exponent: Double) -> Self
  /// x raised to the power y.
  static func pow(_ x: Self, _ y: Self) -> Self
  /// √(x² + y²) without intermediate overflow.
  static func hypot(_ x: Self, _ y: Self) -> Self

  /// The sine (radians).
  static func sin(_ x: Self) -> Self
  /// The cosine (radians).
  static func cos(_ x: Self) -> Self
  /// The tangent (radians).
  static func tan(_ x: Self) -> Self
  /// The arcsine, in [−π/2, π/2], for x in [−1, 1].
  static func asin(_ x: Self) -> Self
  /// The arccosine, in [0, π], for x in [−1, 1].
  static func acos(_ x: Self) -> Self
  /// The arctangent, in (−π/2, π/2).
  static func atan(_ x: Self) -> Self
  /// The angle of the point (x, y), in [−π, π] (C's `atan2(y, x)`).
  static func atan2(_ y: Self, _ x: Self) -> Self

  /// The hyperbolic sine.
  static func sinh(_ x: Self) -> Self
  /// The hyperbolic cosine.
  static func cosh(_ x: Self) -> Self
  /// The hyperbolic tangent.
  static func tanh(_ x: Self) -> Self
  /// The inverse hyperbolic sine.
  static func asinh(_ x: Self) -> Self
  /// The inverse hyperbolic cosine, for x ≥ 1.
  static func acosh(_ x: Self) -> Self
  /// The inverse hyperbolic tangent, for x in (−1, 1).
  static func atanh(_ x: Self) -> Self

  /// The error function erf x = (2/√π) ∫₀ˣ e^(−t²) dt.
  static func erf(_ x: Self) -> Self
  /// The complementary error function 1 − erf x, accurate where erf x is near 1.
  static func erfc(_ x: Self) -> Self
  /// ln |Γ(x)|.
  static func lgamma(_ x: Self) -> Self
  /// The digamma function ψ(x) = d/dx ln Γ(x).
  static func digamma(_ x: Self) -> Self
  /// The trigamma function ψ′(x) = ψ⁽¹⁾(x).
  static func trigamma(_ x: Self) -> Self
  /// The polygamma function ψ⁽ⁿ⁾(x), the n-th derivative of the digamma function (n ≥ 0).
  static func polygamma(_ n: Int, _ x: Self) -> Self

  /// The logistic function 1 / (1 + e^−x).
  static func sigmoid(_ x: Self) -> Self
  /// ln(1 + eˣ), without overflow.
  static func softplus(_ x: Self) -> Self
  /// |x|.
  static func abs(_ x: Self) -> Self
  /// The smaller of x and y (NaN if either is NaN).
  static func min(_ x: Self, _ y: Self) -> Self
  /// The larger of x and y (NaN if either is NaN).
  static func max(_ x: Self, _ y: Self) -> Self
}

/// What derivative rules need beyond `ElementwiseMath`: the strong-zero product and constants computed from
/// values (masks and weights of piecewise functions).
@usableFromInline
protocol DerivativeRuleMath: ElementwiseMath {
  /// a·b, except exactly 0 when a or b is 0 (0·∞ = 0·NaN = 0); differentiable as a product.
  static func strongZeroProduct(_ a: Self, _ b: Self) -> Self
  /// a·c for a constant c, exactly 0 when c is 0.
  static func strongZeroProduct(_ a: Self, _ c: Double) -> Self
  /// A constant (no derivative flows through it) computed elementwise from the value of x.
  static func locallyConstant(_ x: Self, _ f: (Double) -> Double) -> Self
  /// A constant computed elementwise from the values of x and y (broadcasting).
  static func locallyConstant(_ x: Self, _ y: Self, _ f: (Double, Double) -> Double) -> Self
  /// a times the locally constant weight(x): `strongZeroProduct(a, locallyConstant(x, weight))`, the form
  /// of every piecewise-linear rule (relu, leaky relu, abs). A conformance may compute it in one pass
  /// (tensors do, without making the weight tensor); the default is that composition.
  static func strongZeroProduct(_ a: Self, weightedBy x: Self, _ weight: (Double) -> Double) -> Self
}

extension DerivativeRuleMath {
  @inlinable @inline(__always)
  static func strongZeroProduct(_ a: Self, weightedBy x: Self, _ weight: (Double) -> Double) -> Self {
    strongZeroProduct(a, locallyConstant(x, weight))
  }
}
