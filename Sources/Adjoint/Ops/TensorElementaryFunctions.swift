// Elementary functions of tensor variables, elementwise. Each records the one derivative rule of its scalar
// counterpart (Ops/ScalarElementaryFunctions.swift) evaluated on tensor variables, so values, derivatives
// and conventions at the edges are the scalar ones element by element. The local derivative multiplies `v`
// with the strong-zero product, so a zero adjoint gives exactly 0 even where the derivative is infinite or
// NaN (sqrt at 0, log at 0, any function of a NaN): `selecting(where: x > 0, sqrt(x), 0)` has gradient 0,
// not NaN, at x = −1 — except where a value overflowed (Docs/Operations.md, "Zero times infinity").

/// e^x elementwise. Pullback: v ⊙ out (the output is its own derivative).
public func exp(_ x: Variable<Tensor>) -> Variable<Tensor> {
  Variable.recordElementwise(.exp, [x], value: exp(x.value))
}

/// e^x − 1 elementwise, accurate for small x. Pullback: v ⊙ (out + 1).
public func expm1(_ x: Variable<Tensor>) -> Variable<Tensor> {
  Variable.recordElementwise(.expm1, [x], value: expm1(x.value))
}

/// The natural logarithm elementwise. Pullback: v / x.
public func log(_ x: Variable<Tensor>) -> Variable<Tensor> {
  Variable.recordElementwise(.log, [x], value: log(x.value))
}

/// ln(1 + x) elementwise, accurate for small x. Pullback: v / (1 + x).
public func log1p(_ x: Variable<Tensor>) -> Variable<Tensor> {
  Variable.recordElementwise(.log1p, [x], value: log1p(x.value))
}

/// The square root elementwise. Pullback: v / (2·out), infinite at x = 0 unless v = 0.
public func sqrt(_ x: Variable<Tensor>) -> Variable<Tensor> {
  Variable.recordElementwise(.sqrt, [x], value: sqrt(x.value))
}

/// The real cube root elementwise. Pullback: v / (3·out²), infinite at x = 0 unless v = 0.
public func cbrt(_ x: Variable<Tensor>) -> Variable<Tensor> {
  Variable.recordElementwise(.cbrt, [x], value: cbrt(x.value))
}

/// x² elementwise. Pullback: v ⊙ 2x.
public func square(_ x: Variable<Tensor>) -> Variable<Tensor> {
  Variable.recordElementwise(.square, [x], value: square(x.value))
}

/// xᶜ elementwise, for a constant power c. Pullback: v ⊙ c·x^(c−1), and exactly 0 when c = 0.
public func pow(_ x: Variable<Tensor>, _ c: Double) -> Variable<Tensor> {
  Variable.recordElementwise(.powerOfConstant, [x], aux: c, value: pow(x.value, c))
}

/// xʸ elementwise, broadcasting. Pullbacks: v ⊙ y·x^(y−1) for x (0 where y = 0); v ⊙ out·log x for y, taken
/// as 0 where x = 0 (the limit for y > 0, as on the scalar side) and NaN where x < 0 (xʸ is not
/// differentiable in y there). Each is summed to its operand's shape.
///
/// - Precondition: the shapes are broadcast-compatible.
public func pow(_ x: Variable<Tensor>, _ y: Variable<Tensor>) -> Variable<Tensor> {
  Variable.recordElementwise(.power, [x, y], value: pow(x.value, y.value))
}

/// cʸ elementwise, for a constant base c. Pullback: v ⊙ out·log c.
public func pow(_ c: Double, _ y: Variable<Tensor>) -> Variable<Tensor> {
  pow(Variable(Tensor(c)), y)
}

/// √(x² + y²) elementwise, broadcasting, without intermediate overflow. Pullbacks: v ⊙ x/out and
/// v ⊙ y/out, taken as 0 at the origin (as abs′(0) = 0), each summed to its operand's shape.
///
/// - Precondition: the shapes are broadcast-compatible.
public func hypot(_ x: Variable<Tensor>, _ y: Variable<Tensor>) -> Variable<Tensor> {
  Variable.recordElementwise(.hypot, [x, y], value: hypot(x.value, y.value))
}
