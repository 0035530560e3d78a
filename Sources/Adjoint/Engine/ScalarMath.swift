#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The arithmetic and elementary functions shared by `Double` and `Variable<Double>`.
///
/// Every elementwise derivative rule in Adjoint is written once, generic over `ElementwiseMath`. A
/// first-order `backward()` evaluates the rules with `Double` (nothing is recorded); a backward pass that
/// must itself be differentiated (higher-order derivatives) evaluates the same rules with
/// `Variable<Double>`, which records them on the tape; tensor operations evaluate them with tensor
/// variables. You can write your own functions against this protocol to run them both plainly and under
/// differentiation:
///
/// ```swift
/// func rosenbrock<T: ScalarMath>(_ x: T, _ y: T) -> T {
///   (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x)
/// }
/// rosenbrock(1.0, 2.0)                                   // 100.0
/// gradient(at: [1.0, 2.0]) { v in rosenbrock(v[0], v[1]) } // [-400.0, 200.0]
/// ```
public protocol ScalarMath: ElementwiseMath {
  /// The plain value (for a `Double`, itself).
  var primal: Double { get }
}

extension Double: ScalarMath, DerivativeRuleMath {
  @inlinable public var primal: Double { self }
  @inlinable public init(constant: Double) { self = constant }
  @inlinable public static func exp(_ x: Double) -> Double { libmExp(x) }
  @inlinable public static func expm1(_ x: Double) -> Double { libmExpm1(x) }
  @inlinable public static func log(_ x: Double) -> Double { libmLog(x) }
  @inlinable public static func log1p(_ x: Double) -> Double { libmLog1p(x) }
  @inlinable public static func sqrt(_ x: Double) -> Double { x.squareRoot() }
  @inlinable public static func cbrt(_ x: Double) -> Double { libmCbrt(x) }
  @inlinable public static func square(_ x: Double) -> Double { x * x }
  @inlinable public static func pow(_ x: Double, _ exponent: Double) -> Double { libmPow(x, exponent) }
  @inlinable public static func hypot(_ x: Double, _ y: Double) -> Double { libmHypot(x, y) }
  @inlinable public static func sin(_ x: Double) -> Double { libmSin(x) }
  @inlinable public static func cos(_ x: Double) -> Double { libmCos(x) }
  @inlinable public static func tan(_ x: Double) -> Double { libmTan(x) }
  @inlinable public static func asin(_ x: Double) -> Double { libmAsin(x) }
  @inlinable public static func acos(_ x: Double) -> Double { libmAcos(x) }
  @inlinable public static func atan(_ x: Double) -> Double { libmAtan(x) }
  @inlinable public static func atan2(_ y: Double, _ x: Double) -> Double { libmAtan2(y, x) }
  @inlinable public static func sinh(_ x: Double) -> Double { libmSinh(x) }
  @inlinable public static func cosh(_ x: Double) -> Double { libmCosh(x) }
  @inlinable public static func tanh(_ x: Double) -> Double { libmTanh(x) }
  @inlinable public static func asinh(_ x: Double) -> Double { libmAsinh(x) }
  @inlinable public static func acosh(_ x: Double) -> Double { libmAcosh(x) }
  @inlinable public static func atanh(_ x: Double) -> Double { libmAtanh(x) }
  @inlinable public static func erf(_ x: Double) -> Double { libmErf(x) }
  @inlinable public static func erfc(_ x: Double) -> Double { libmErfc(x) }
  @inlinable public static func lgamma(_ x: Double) -> Double { libmLgamma(x) }
  @inlinable public static func digamma(_ x: Double) -> Double { Polygamma.digamma(x) }
  @inlinable public static func trigamma(_ x: Double) -> Double { Polygamma.polygamma(1, x) }
  @inlinable public static func polygamma(_ n: Int, _ x: Double) -> Double {
    n == 0 ? Polygamma.digamma(x) : Polygamma.polygamma(n, x)
  }
  @inlinable public static func sigmoid(_ x: Double) -> Double { stableSigmoid(x) }
  @inlinable public static func softplus(_ x: Double) -> Double { stableSoftplus(x) }
  @inlinable public static func abs(_ x: Double) -> Double { Swift.abs(x) }
  @inlinable public static func min(_ x: Double, _ y: Double) -> Double { nanPropagatingMin(x, y) }
  @inlinable public static func max(_ x: Double, _ y: Double) -> Double { nanPropagatingMax(x, y) }

  /// Serves both strong-zero requirements (for a `Double`, a constant is a `Double`).
  @inlinable static func strongZeroProduct(_ a: Double, _ b: Double) -> Double { a == 0 || b == 0 ? 0 : a * b }
  @inlinable static func locallyConstant(_ x: Double, _ f: (Double) -> Double) -> Double { f(x) }
  @inlinable static func locallyConstant(_ x: Double, _ y: Double, _ f: (Double, Double) -> Double) -> Double {
    f(x, y)
  }
}

// Named forwarding to the C library, so that code inside `extension Double` (where `exp` means the static
// requirement above) can still reach libm unambiguously.
@inlinable func libmExp(_ x: Double) -> Double { exp(x) }
@inlinable func libmExpm1(_ x: Double) -> Double { expm1(x) }
@inlinable func libmLog(_ x: Double) -> Double { log(x) }
@inlinable func libmLog1p(_ x: Double) -> Double { log1p(x) }
@inlinable func libmCbrt(_ x: Double) -> Double { cbrt(x) }
@inlinable func libmPow(_ x: Double, _ y: Double) -> Double { pow(x, y) }
@inlinable func libmHypot(_ x: Double, _ y: Double) -> Double { hypot(x, y) }
@inlinable func libmSin(_ x: Double) -> Double { sin(x) }
@inlinable func libmCos(_ x: Double) -> Double { cos(x) }
@inlinable func libmTan(_ x: Double) -> Double { tan(x) }
@inlinable func libmAsin(_ x: Double) -> Double { asin(x) }
@inlinable func libmAcos(_ x: Double) -> Double { acos(x) }
@inlinable func libmAtan(_ x: Double) -> Double { atan(x) }
@inlinable func libmAtan2(_ y: Double, _ x: Double) -> Double { atan2(y, x) }
@inlinable func libmSinh(_ x: Double) -> Double { sinh(x) }
@inlinable func libmCosh(_ x: Double) -> Double { cosh(x) }
@inlinable func libmTanh(_ x: Double) -> Double { tanh(x) }
@inlinable func libmAsinh(_ x: Double) -> Double { asinh(x) }
@inlinable func libmAcosh(_ x: Double) -> Double { acosh(x) }
@inlinable func libmAtanh(_ x: Double) -> Double { atanh(x) }
@inlinable func libmErf(_ x: Double) -> Double { erf(x) }
@inlinable func libmErfc(_ x: Double) -> Double { erfc(x) }
/// ln |Γ(x)| through the reentrant `lgamma_r` (plain `lgamma` writes the global `signgam`).
@inlinable func libmLgamma(_ x: Double) -> Double {
  var sign: Int32 = 0
  return lgamma_r(x, &sign)
}

/// The smaller of x and y, NaN if either is NaN (IEEE 754-2019 `minimum`; NumPy's and PyTorch's `minimum`).
@inlinable func nanPropagatingMin(_ x: Double, _ y: Double) -> Double {
  x.isNaN || y.isNaN ? .nan : (y < x ? y : x)
}
/// The larger of x and y, NaN if either is NaN (IEEE 754-2019 `maximum`).
@inlinable func nanPropagatingMax(_ x: Double, _ y: Double) -> Double {
  x.isNaN || y.isNaN ? .nan : (y > x ? y : x)
}

/// 1 / (1 + e^−x) without overflow: for x < 0 it is computed as e^x / (1 + e^x).
@inlinable func stableSigmoid(_ x: Double) -> Double {
  if x >= 0 {
    return 1 / (1 + exp(-x))
  } else {
    let e = exp(x)
    return e / (1 + e)
  }
}

/// log(1 + e^x) without overflow: max(x, 0) + log1p(e^−|x|).
@inlinable func stableSoftplus(_ x: Double) -> Double {
  Swift.max(x, 0) + log1p(exp(-Swift.abs(x)))
}
