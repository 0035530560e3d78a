// `Variable<Double>` as `ScalarMath`: each requirement forwards to the free function of the same name
// (Ops/Scalar*.swift), so generic code and the recorded backward pass record the same nodes as direct calls.

extension Variable: ScalarMath, ElementwiseMath, DerivativeRuleMath where Value == Double {
  @inlinable public var primal: Double { value }
  @inlinable public init(constant: Double) { self.init(constant) }
  @inlinable public static func exp(_ x: Variable) -> Variable { Adjoint.exp(x) }
  @inlinable public static func expm1(_ x: Variable) -> Variable { Adjoint.expm1(x) }
  @inlinable public static func log(_ x: Variable) -> Variable { Adjoint.log(x) }
  @inlinable public static func log1p(_ x: Variable) -> Variable { Adjoint.log1p(x) }
  @inlinable public static func sqrt(_ x: Variable) -> Variable { Adjoint.sqrt(x) }
  @inlinable public static func cbrt(_ x: Variable) -> Variable { Adjoint.cbrt(x) }
  @inlinable public static func square(_ x: Variable) -> Variable { Adjoint.square(x) }
  @inlinable public static func pow(_ x: Variable, _ exponent: Double) -> Variable { Adjoint.pow(x, exponent) }
  @inlinable public static func pow(_ x: Variable, _ y: Variable) -> Variable { Adjoint.pow(x, y) }
  @inlinable public static func hypot(_ x: Variable, _ y: Variable) -> Variable { Adjoint.hypot(x, y) }
  @inlinable public static func sin(_ x: Variable) -> Variable { Adjoint.sin(x) }
  @inlinable public static func cos(_ x: Variable) -> Variable { Adjoint.cos(x) }
  @inlinable public static func tan(_ x: Variable) -> Variable { Adjoint.tan(x) }
  @inlinable public static func asin(_ x: Variable) -> Variable { Adjoint.asin(x) }
  @inlinable public static func acos(_ x: Variable) -> Variable { Adjoint.acos(x) }
  @inlinable public static func atan(_ x: Variable) -> Variable { Adjoint.atan(x) }
  @inlinable public static func atan2(_ y: Variable, _ x: Variable) -> Variable { Adjoint.atan2(y, x) }
  @inlinable public static func sinh(_ x: Variable) -> Variable { Adjoint.sinh(x) }
  @inlinable public static func cosh(_ x: Variable) -> Variable { Adjoint.cosh(x) }
  @inlinable public static func tanh(_ x: Variable) -> Variable { Adjoint.tanh(x) }
  @inlinable public static func asinh(_ x: Variable) -> Variable { Adjoint.asinh(x) }
  @inlinable public static func acosh(_ x: Variable) -> Variable { Adjoint.acosh(x) }
  @inlinable public static func atanh(_ x: Variable) -> Variable { Adjoint.atanh(x) }
  @inlinable public static func erf(_ x: Variable) -> Variable { Adjoint.erf(x) }
  @inlinable public static func erfc(_ x: Variable) -> Variable { Adjoint.erfc(x) }
  @inlinable public static func lgamma(_ x: Variable) -> Variable { Adjoint.lgamma(x) }
  @inlinable public static func digamma(_ x: Variable) -> Variable { Adjoint.digamma(x) }
  @inlinable public static func trigamma(_ x: Variable) -> Variable { Adjoint.trigamma(x) }
  @inlinable public static func polygamma(_ n: Int, _ x: Variable) -> Variable { Adjoint.polygamma(n, x) }
  @inlinable public static func sigmoid(_ x: Variable) -> Variable { Adjoint.sigmoid(x) }
  @inlinable public static func softplus(_ x: Variable) -> Variable { Adjoint.softplus(x) }
  @inlinable public static func abs(_ x: Variable) -> Variable { Adjoint.abs(x) }
  @inlinable public static func min(_ x: Variable, _ y: Variable) -> Variable { Adjoint.min(x, y) }
  @inlinable public static func max(_ x: Variable, _ y: Variable) -> Variable { Adjoint.max(x, y) }

  /// Recorded as one node whose value is the strong-zero product and whose derivative is the product's.
  @inlinable static func strongZeroProduct(_ a: Variable, _ b: Variable) -> Variable {
    recordBinary(.strongZeroMultiply, a, b, value: Double.strongZeroProduct(a.value, b.value))
  }
  @inlinable static func strongZeroProduct(_ a: Variable, _ c: Double) -> Variable {
    c == 0 ? Variable(0) : (c.isFinite ? a * c : strongZeroProduct(a, Variable(c)))
  }
  @inlinable static func locallyConstant(_ x: Variable, _ f: (Double) -> Double) -> Variable { Variable(f(x.value)) }
  @inlinable static func locallyConstant(_ x: Variable, _ y: Variable, _ f: (Double, Double) -> Double) -> Variable {
    Variable(f(x.value, y.value))
  }
}
