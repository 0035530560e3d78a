// Activation functions and piecewise operations on tensor variables, elementwise. Each records the one
// derivative rule of its scalar counterpart (Ops/ScalarActivations.swift, Ops/ScalarPiecewise.swift), so
// the convention at every kink is the scalar side's, listed in Docs/Operations.md: relu′(0) = 0,
// leakyRelu′(0) = slope, abs′(0) = 0, clamp′ = 1 at the bounds, min/max ties split ½–½, NaN in, NaN out.
//
// Piecewise-linear functions pull back through a constant mask or weight tensor computed from the input's
// value: their derivative is locally constant, so the same rule is right at every order.

/// max(x, 0) elementwise; NaN stays NaN. Pullback: v where x > 0, 0 where x ≤ 0 (relu′(0) = 0, as in
/// PyTorch), NaN where x is NaN.
public func relu(_ x: Variable<Tensor>) -> Variable<Tensor> {
  Variable.recordElementwise(.relu, x, value: relu(x.value))
}

/// x for x > 0, slope·x otherwise, elementwise. Pullback: v where x > 0, slope·v where x ≤ 0
/// (leakyRelu′(0) = slope).
public func leakyRelu(_ x: Variable<Tensor>, slope: Double = 0.01) -> Variable<Tensor> {
  Variable.recordElementwise(.leakyRelu, [x], aux: slope, value: leakyRelu(x.value, slope: slope))
}

/// The logistic function 1 / (1 + e^−x) elementwise, without overflow for any finite x.
/// Pullback: v ⊙ out ⊙ (1 − out).
public func sigmoid(_ x: Variable<Tensor>) -> Variable<Tensor> {
  Variable.recordElementwise(.sigmoid, [x], value: sigmoid(x.value))
}

/// log(1 + e^x) elementwise, computed as max(x, 0) + log1p(e^−|x|) (finite for every finite x).
/// Pullback: v ⊙ σ(x).
public func softplus(_ x: Variable<Tensor>) -> Variable<Tensor> {
  Variable.recordElementwise(.softplus, [x], value: softplus(x.value))
}

/// log σ(x) = −softplus(−x) elementwise, finite for every finite x. Pullback: v ⊙ σ(−x).
public func logSigmoid(_ x: Variable<Tensor>) -> Variable<Tensor> {
  Variable.recordElementwise(.logSigmoid, [x], value: logSigmoid(x.value))
}

/// The exponential linear unit elementwise: x for x > 0, α(eˣ − 1) otherwise. Pullback: v where x > 0,
/// v ⊙ α·eˣ where x ≤ 0 (elu′(0) = α).
public func elu(_ x: Variable<Tensor>, alpha: Double = 1) -> Variable<Tensor> {
  Variable.recordElementwise(.elu, [x], aux: alpha, value: elu(x.value, alpha: alpha))
}

/// The Gaussian error linear unit x·Φ(x) elementwise, exact (with erfc) or with the tanh approximation.
/// Pullback: v ⊙ (Φ(x) + x·φ(x)) for `.exact`; the derivative of the approximation for `.tanh`.
public func gelu(_ x: Variable<Tensor>, approximation: GELUApproximation = .exact) -> Variable<Tensor> {
  switch approximation {
  case .exact: return Variable.recordElementwise(.gelu, [x], value: gelu(x.value))
  case .tanh: return Variable.recordElementwise(.geluTanh, [x], value: gelu(x.value, approximation: .tanh))
  }
}

/// The sigmoid linear unit x·σ(x) elementwise (swish). Pullback: v ⊙ σ(x)·(1 + x·(1 − σ(x))).
public func silu(_ x: Variable<Tensor>) -> Variable<Tensor> {
  Variable.recordElementwise(.silu, [x], value: silu(x.value))
}

/// The swish activation x·σ(x) elementwise: the same function as `silu(_:)`.
public func swish(_ x: Variable<Tensor>) -> Variable<Tensor> { silu(x) }

/// |x| elementwise. Pullback: v ⊙ sign(x), with sign(0) = 0 (abs′(0) = 0).
public func abs(_ x: Variable<Tensor>) -> Variable<Tensor> {
  Variable.recordElementwise(.abs, [x], value: abs(x.value))
}

/// The elementwise minimum, broadcasting; NaN where either is NaN. Pullback: v to the smaller operand; at a
/// tie each gets ½·v (the symmetric choice, which is also what a central difference measures). Summed to
/// the operands' shapes.
///
/// - Precondition: the shapes are broadcast-compatible.
public func min(_ x: Variable<Tensor>, _ y: Variable<Tensor>) -> Variable<Tensor> {
  Variable.recordElementwise(.minimum, [x, y], value: min(x.value, y.value))
}

/// The elementwise maximum, broadcasting; NaN where either is NaN. Pullback: v to the larger operand; at a
/// tie each gets ½·v. Summed to the operands' shapes.
///
/// - Precondition: the shapes are broadcast-compatible.
public func max(_ x: Variable<Tensor>, _ y: Variable<Tensor>) -> Variable<Tensor> {
  Variable.recordElementwise(.maximum, [x, y], value: max(x.value, y.value))
}

/// The elementwise minimum of x and a constant (ties split ½–½, the constant's half discarded).
public func min(_ x: Variable<Tensor>, _ c: Double) -> Variable<Tensor> { min(x, Variable(Tensor(c))) }

/// The elementwise maximum of x and a constant (ties split ½–½, the constant's half discarded).
public func max(_ x: Variable<Tensor>, _ c: Double) -> Variable<Tensor> { max(x, Variable(Tensor(c))) }

/// The largest integer ≤ x, elementwise. Pullback: 0 (piecewise constant).
public func floor(_ x: Variable<Tensor>) -> Variable<Tensor> {
  Variable.recordElementwise(.floor, [x], value: floor(x.value))
}
/// The smallest integer ≥ x, elementwise. Pullback: 0.
public func ceil(_ x: Variable<Tensor>) -> Variable<Tensor> {
  Variable.recordElementwise(.ceil, [x], value: ceil(x.value))
}
/// x rounded to the nearest integer elementwise, halves away from zero. Pullback: 0.
public func round(_ x: Variable<Tensor>) -> Variable<Tensor> {
  Variable.recordElementwise(.round, [x], value: round(x.value))
}
/// −1, 0 or 1 by the sign of each element (NaN stays NaN). Pullback: 0.
public func sign(_ x: Variable<Tensor>) -> Variable<Tensor> {
  Variable.recordElementwise(.sign, [x], value: sign(x.value))
}

extension Variable where Value == Tensor {
  /// The value limited to `range` elementwise. Pullback: v inside the range including its bounds (PyTorch's
  /// convention for clamp: clamp′ = 1 at the bounds), 0 outside.
  public func clamped(to range: ClosedRange<Double>) -> Variable<Tensor> {
    Variable.recordElementwise(.clamp, [self], value: value.clamped(to: range))
  }

  /// Elementwise `mask ≠ 0 ? a : b`, broadcasting the three shapes (NumPy's and JAX's `where`).
  ///
  /// Pullback: v where the mask is set to `a`, v where it is not to `b` (exactly 0 elsewhere), each summed
  /// to its operand's shape. No NaN leaks from the branch not taken: with the strong-zero rule of every
  /// elementwise pullback, `selecting(where: x > 0, sqrt(x), 0)` has gradient 0 at x = −1.
  ///
  /// ```swift
  /// let positive = x.value.map { $0 > 0 ? 1 : 0 }
  /// let y = Variable.selecting(where: positive, sqrt(x), Variable(Tensor(0)))
  /// ```
  ///
  /// - Parameters:
  ///   - mask: a constant: nonzero where the result takes `a`.
  ///   - a: the values taken where the mask is nonzero.
  ///   - b: the values taken where the mask is zero.
  /// - Precondition: the three shapes are broadcast-compatible.
  public static func selecting(where mask: Tensor, _ a: Variable, _ b: Variable) -> Variable {
    let value = Tensor.selecting(where: mask, a.value, b.value)
    return record("selecting", value: value, inputs: [a, b], batchPolymorphic: true) { v, inputs, output in
      let zero = Variable(Tensor(0))
      let batch = v.batchShape(beyondRank: output.value.rank)  // the mask broadcasts behind a stack's axes
      return [
        selecting(where: mask, v, zero).summed(toShape: inputs[0].value.shape, keepingBatch: batch),
        selecting(where: mask, zero, v).summed(toShape: inputs[1].value.shape, keepingBatch: batch),
      ]
    }
  }
}
