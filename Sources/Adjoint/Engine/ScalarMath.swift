#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The arithmetic and elementary functions shared by `Double` and `Variable<Double>`.
///
/// Every scalar derivative rule in Adjoint is written once, generic over `ScalarMath`. A first-order
/// `backward()` evaluates the rules with `Double` (nothing is recorded); a backward pass that must itself be
/// differentiated (higher-order derivatives) evaluates the same rules with `Variable<Double>`, which records
/// them on the tape. You can write your own functions against this protocol to run them both plainly and
/// under differentiation:
///
/// ```swift
/// func rosenbrock<T: ScalarMath>(_ x: T, _ y: T) -> T {
///   (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x)
/// }
/// rosenbrock(1.0, 2.0)                                   // 100.0
/// gradient(at: [1.0, 2.0]) { v in rosenbrock(v[0], v[1]) } // [-400.0, 200.0]
/// ```
public protocol ScalarMath {
  /// The plain value (for a `Double`, itself).
  var primal: Double { get }
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
  /// The natural logarithm.
  static func log(_ x: Self) -> Self
  /// The square root.
  static func sqrt(_ x: Self) -> Self
  /// The sine (radians).
  static func sin(_ x: Self) -> Self
  /// The cosine (radians).
  static func cos(_ x: Self) -> Self
  /// The hyperbolic tangent.
  static func tanh(_ x: Self) -> Self
  /// The logistic function 1 / (1 + e^−x).
  static func sigmoid(_ x: Self) -> Self
  /// x raised to a constant power.
  static func pow(_ x: Self, _ exponent: Double) -> Self
  /// x raised to the power y.
  static func pow(_ x: Self, _ y: Self) -> Self
}

extension Double: ScalarMath {
  @inlinable public var primal: Double { self }
  @inlinable public init(constant: Double) { self = constant }
  @inlinable public static func exp(_ x: Double) -> Double { libmExp(x) }
  @inlinable public static func log(_ x: Double) -> Double { libmLog(x) }
  @inlinable public static func sqrt(_ x: Double) -> Double { x.squareRoot() }
  @inlinable public static func sin(_ x: Double) -> Double { libmSin(x) }
  @inlinable public static func cos(_ x: Double) -> Double { libmCos(x) }
  @inlinable public static func tanh(_ x: Double) -> Double { libmTanh(x) }
  @inlinable public static func sigmoid(_ x: Double) -> Double { stableSigmoid(x) }
  @inlinable public static func pow(_ x: Double, _ exponent: Double) -> Double { libmPow(x, exponent) }
}

extension Variable: ScalarMath where Value == Double {
  @inlinable public var primal: Double { value }
  @inlinable public init(constant: Double) { self.init(constant) }
  @inlinable public static func exp(_ x: Variable) -> Variable { Adjoint.exp(x) }
  @inlinable public static func log(_ x: Variable) -> Variable { Adjoint.log(x) }
  @inlinable public static func sqrt(_ x: Variable) -> Variable { Adjoint.sqrt(x) }
  @inlinable public static func sin(_ x: Variable) -> Variable { Adjoint.sin(x) }
  @inlinable public static func cos(_ x: Variable) -> Variable { Adjoint.cos(x) }
  @inlinable public static func tanh(_ x: Variable) -> Variable { Adjoint.tanh(x) }
  @inlinable public static func sigmoid(_ x: Variable) -> Variable { Adjoint.sigmoid(x) }
  @inlinable public static func pow(_ x: Variable, _ exponent: Double) -> Variable { Adjoint.pow(x, exponent) }
  @inlinable public static func pow(_ x: Variable, _ y: Variable) -> Variable { Adjoint.pow(x, y) }
}

// Named forwarding to the C library, so that code inside `extension Double` (where `exp` means the static
// requirement above) can still reach libm unambiguously.
@inlinable func libmExp(_ x: Double) -> Double { exp(x) }
@inlinable func libmLog(_ x: Double) -> Double { log(x) }
@inlinable func libmSin(_ x: Double) -> Double { sin(x) }
@inlinable func libmCos(_ x: Double) -> Double { cos(x) }
@inlinable func libmTan(_ x: Double) -> Double { tan(x) }
@inlinable func libmTanh(_ x: Double) -> Double { tanh(x) }
@inlinable func libmPow(_ x: Double, _ y: Double) -> Double { pow(x, y) }
@inlinable func libmLog1p(_ x: Double) -> Double { log1p(x) }

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
