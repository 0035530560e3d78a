// Activation functions and piecewise operations on tensor variables, elementwise, each followed by its
// pullback. The convention at every kink is the scalar side's (Ops/ScalarActivations.swift), listed in
// Docs/TensorOperations.md: relu′(0) = 0, leakyRelu′(0) = slope, abs′(0) = 0, clamp′ = 1 at the bounds,
// min/max ties split ½–½.
//
// Piecewise-linear functions pull back through a constant mask or weight tensor computed from the input's
// value: their derivative is locally constant, so the same rule is right at every order.

/// max(x, 0) elementwise. Pullback: v where x > 0, 0 where x ≤ 0 (relu′(0) = 0, as in PyTorch).
public func relu(_ x: Variable<Tensor>) -> Variable<Tensor> {
  Variable.record("relu", value: relu(x.value), inputs: [x]) { v, inputs, _ in
    [Variable.selecting(where: inputs[0].value.map { $0 > 0 ? 1 : 0 }, v, Variable(Tensor(0)))]
  }
}

/// x for x > 0, slope·x otherwise, elementwise. Pullback: v where x > 0, slope·v where x ≤ 0
/// (leakyRelu′(0) = slope).
public func leakyRelu(_ x: Variable<Tensor>, slope: Double = 0.01) -> Variable<Tensor> {
  Variable.record("leakyRelu", value: leakyRelu(x.value, slope: slope), inputs: [x]) { v, inputs, _ in
    [Variable.strongZeroProduct(v, Variable(inputs[0].value.map { $0 > 0 ? 1 : slope }))]
  }
}

/// The logistic function 1 / (1 + e^−x) elementwise, without overflow for any finite x.
/// Pullback: v ⊙ out ⊙ (1 − out).
public func sigmoid(_ x: Variable<Tensor>) -> Variable<Tensor> {
  Variable.record("sigmoid", value: sigmoid(x.value), inputs: [x]) { v, _, output in
    [Variable.strongZeroProduct(v, output * (1 - output))]
  }
}

/// log(1 + e^x) elementwise, computed as max(x, 0) + log1p(e^−|x|) (finite for every finite x).
/// Pullback: v ⊙ σ(x).
public func softplus(_ x: Variable<Tensor>) -> Variable<Tensor> {
  Variable.record("softplus", value: softplus(x.value), inputs: [x]) { v, inputs, _ in
    [Variable.strongZeroProduct(v, sigmoid(inputs[0]))]
  }
}

/// |x| elementwise. Pullback: v ⊙ sign(x), with sign(0) = 0 (abs′(0) = 0).
public func abs(_ x: Variable<Tensor>) -> Variable<Tensor> {
  Variable.record("abs", value: abs(x.value), inputs: [x]) { v, inputs, _ in
    [Variable.strongZeroProduct(v, Variable(inputs[0].value.map { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) }))]
  }
}

/// The elementwise minimum, broadcasting. Pullback: v to the smaller operand; at a tie each gets ½·v (the
/// symmetric choice, which is also what a central difference measures). Summed to the operands' shapes.
///
/// - Precondition: the shapes are broadcast-compatible.
public func min(_ x: Variable<Tensor>, _ y: Variable<Tensor>) -> Variable<Tensor> {
  Variable.record("min", value: min(x.value, y.value), inputs: [x, y]) { v, inputs, _ in
    let share = Tensor.elementwise(inputs[0].value, inputs[1].value, "min") { a, b in a < b ? 1 : (a > b ? 0 : 0.5) }
    return Variable.splitting(v, share: share, inputs)
  }
}

/// The elementwise maximum, broadcasting. Pullback: v to the larger operand; at a tie each gets ½·v.
/// Summed to the operands' shapes.
///
/// - Precondition: the shapes are broadcast-compatible.
public func max(_ x: Variable<Tensor>, _ y: Variable<Tensor>) -> Variable<Tensor> {
  Variable.record("max", value: max(x.value, y.value), inputs: [x, y]) { v, inputs, _ in
    let share = Tensor.elementwise(inputs[0].value, inputs[1].value, "max") { a, b in a > b ? 1 : (a < b ? 0 : 0.5) }
    return Variable.splitting(v, share: share, inputs)
  }
}

/// The elementwise minimum of x and a constant (ties split ½–½, the constant's half discarded).
public func min(_ x: Variable<Tensor>, _ c: Double) -> Variable<Tensor> { min(x, Variable(Tensor(c))) }

/// The elementwise maximum of x and a constant (ties split ½–½, the constant's half discarded).
public func max(_ x: Variable<Tensor>, _ c: Double) -> Variable<Tensor> { max(x, Variable(Tensor(c))) }

extension Variable where Value == Tensor {
  /// The value limited to `range` elementwise. Pullback: v inside the range including its bounds (PyTorch's
  /// convention for clamp: clamp′ = 1 at the bounds), 0 outside.
  public func clamped(to range: ClosedRange<Double>) -> Variable<Tensor> {
    Variable.record("clamped", value: value.clamped(to: range), inputs: [self]) { v, inputs, _ in
      [Variable.selecting(where: inputs[0].value.map { range.contains($0) ? 1 : 0 }, v, Variable(Tensor(0)))]
    }
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
    record("selecting", value: Tensor.selecting(where: mask, a.value, b.value), inputs: [a, b]) { v, inputs, _ in
      let zero = Variable(Tensor(0))
      return [
        selecting(where: mask, v, zero).summed(toShape: inputs[0].value.shape),
        selecting(where: mask, zero, v).summed(toShape: inputs[1].value.shape),
      ]
    }
  }

  /// The pullback of min and max: `share` of v to the first operand, the rest to the second.
  static func splitting(_ v: Variable, share: Tensor, _ inputs: [Variable]) -> [Variable?] {
    [
      strongZeroProduct(v, Variable(share)).summed(toShape: inputs[0].value.shape),
      strongZeroProduct(v, Variable(1 - share)).summed(toShape: inputs[1].value.shape),
    ]
  }
}
