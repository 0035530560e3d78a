// Trigonometric and hyperbolic functions of tensor variables and their inverses, elementwise. Each records
// the one derivative rule of its scalar counterpart (Ops/ScalarTrigonometricFunctions.swift).

/// The sine elementwise (radians). Pullback: v ⊙ cos x.
public func sin(_ x: Variable<Tensor>) -> Variable<Tensor> { Variable.recordElementwise(.sin, [x], value: sin(x.value)) }
/// The cosine elementwise (radians). Pullback: −v ⊙ sin x.
public func cos(_ x: Variable<Tensor>) -> Variable<Tensor> { Variable.recordElementwise(.cos, [x], value: cos(x.value)) }
/// The tangent elementwise (radians). Pullback: v ⊙ (1 + out²).
public func tan(_ x: Variable<Tensor>) -> Variable<Tensor> { Variable.recordElementwise(.tan, [x], value: tan(x.value)) }
/// The arcsine elementwise, for x in [−1, 1]. Pullback: v / √(1 − x²).
public func asin(_ x: Variable<Tensor>) -> Variable<Tensor> {
  Variable.recordElementwise(.asin, [x], value: asin(x.value))
}
/// The arccosine elementwise, for x in [−1, 1]. Pullback: −v / √(1 − x²).
public func acos(_ x: Variable<Tensor>) -> Variable<Tensor> {
  Variable.recordElementwise(.acos, [x], value: acos(x.value))
}
/// The arctangent elementwise. Pullback: v / (1 + x²).
public func atan(_ x: Variable<Tensor>) -> Variable<Tensor> {
  Variable.recordElementwise(.atan, [x], value: atan(x.value))
}
/// The angle of the points (x, y) elementwise, broadcasting (C's `atan2(y, x)`). Pullbacks: v ⊙ x/(x² + y²)
/// to y and −v ⊙ y/(x² + y²) to x; NaN at the origin.
///
/// - Precondition: the shapes are broadcast-compatible.
public func atan2(_ y: Variable<Tensor>, _ x: Variable<Tensor>) -> Variable<Tensor> {
  Variable.recordElementwise(.atan2, [y, x], value: atan2(y.value, x.value))
}
/// The hyperbolic sine elementwise. Pullback: v ⊙ cosh x.
public func sinh(_ x: Variable<Tensor>) -> Variable<Tensor> {
  Variable.recordElementwise(.sinh, [x], value: sinh(x.value))
}
/// The hyperbolic cosine elementwise. Pullback: v ⊙ sinh x.
public func cosh(_ x: Variable<Tensor>) -> Variable<Tensor> {
  Variable.recordElementwise(.cosh, [x], value: cosh(x.value))
}
/// The hyperbolic tangent elementwise. Pullback: v ⊙ (1 − out²).
public func tanh(_ x: Variable<Tensor>) -> Variable<Tensor> {
  Variable.recordElementwise(.tanh, [x], value: tanh(x.value))
}
/// The inverse hyperbolic sine elementwise. Pullback: v / √(x² + 1).
public func asinh(_ x: Variable<Tensor>) -> Variable<Tensor> {
  Variable.recordElementwise(.asinh, [x], value: asinh(x.value))
}
/// The inverse hyperbolic cosine elementwise, for x ≥ 1. Pullback: v / √((x − 1)(x + 1)).
public func acosh(_ x: Variable<Tensor>) -> Variable<Tensor> {
  Variable.recordElementwise(.acosh, [x], value: acosh(x.value))
}
/// The inverse hyperbolic tangent elementwise, for x in (−1, 1). Pullback: v / ((1 − x)(1 + x)).
public func atanh(_ x: Variable<Tensor>) -> Variable<Tensor> {
  Variable.recordElementwise(.atanh, [x], value: atanh(x.value))
}
