// Arithmetic on tensor variables, each operation followed by its pullback. `v` is the adjoint of the result.
//
// Binary operations broadcast (NumPy's rule, see Tensor+Broadcasting.swift); the adjoint of a broadcast
// operand is summed back to its shape with `summed(toShape:)`, which is itself differentiable. Pullbacks
// are written with differentiable operations only, so the same rule serves a first-order `backward()` (on
// constants, recording nothing) and a recorded backward pass for higher derivatives. Products of the
// adjoint with a local derivative use the "strong zero" product: a zero adjoint gives exactly zero.

extension Variable where Value == Tensor {
  /// x + y, broadcasting. Pullback: (v, v), each summed to its operand's shape.
  ///
  /// - Precondition: the shapes are broadcast-compatible.
  public static func + (x: Variable, y: Variable) -> Variable {
    record("+", value: x.value + y.value, inputs: [x, y]) { v, inputs, _ in
      [v.summed(toShape: inputs[0].value.shape), v.summed(toShape: inputs[1].value.shape)]
    }
  }

  /// x − y, broadcasting. Pullback: (v, −v), each summed to its operand's shape.
  ///
  /// - Precondition: the shapes are broadcast-compatible.
  public static func - (x: Variable, y: Variable) -> Variable {
    record("-", value: x.value - y.value, inputs: [x, y]) { v, inputs, _ in
      [v.summed(toShape: inputs[0].value.shape), (-v).summed(toShape: inputs[1].value.shape)]
    }
  }

  /// x ⊙ y, the elementwise product, broadcasting. Pullback: (v ⊙ y, v ⊙ x), each summed to its operand's
  /// shape. For the matrix product see `matmul(_:transposingSelf:transposingOther:)`.
  ///
  /// - Precondition: the shapes are broadcast-compatible.
  public static func * (x: Variable, y: Variable) -> Variable {
    record("*", value: x.value * y.value, inputs: [x, y]) { v, inputs, _ in
      [
        strongZeroProduct(v, inputs[1]).summed(toShape: inputs[0].value.shape),
        strongZeroProduct(v, inputs[0]).summed(toShape: inputs[1].value.shape),
      ]
    }
  }

  /// x / y elementwise, broadcasting. Pullback: (v / y, −v·out / y), each summed to its operand's shape.
  ///
  /// - Precondition: the shapes are broadcast-compatible.
  public static func / (x: Variable, y: Variable) -> Variable {
    record("/", value: x.value / y.value, inputs: [x, y]) { v, inputs, output in
      let reciprocal = 1 / inputs[1]
      return [
        strongZeroProduct(v, reciprocal).summed(toShape: inputs[0].value.shape),
        strongZeroProduct(v, -(output * reciprocal)).summed(toShape: inputs[1].value.shape),
      ]
    }
  }

  /// −x. Pullback: −v.
  public static prefix func - (x: Variable) -> Variable {
    record("neg", value: -x.value, inputs: [x]) { v, _, _ in [-v] }
  }

  // MARK: With a constant scalar (one node, the constant captured by the rule)

  /// x + c elementwise. Pullback: v.
  public static func + (x: Variable, c: Double) -> Variable {
    record("+", value: x.value + c, inputs: [x]) { v, _, _ in [v] }
  }
  /// c + x elementwise. Pullback: v.
  public static func + (c: Double, x: Variable) -> Variable { x + c }
  /// x − c elementwise. Pullback: v.
  public static func - (x: Variable, c: Double) -> Variable { x + (-c) }
  /// c − x elementwise. Pullback: −v.
  public static func - (c: Double, x: Variable) -> Variable {
    record("-", value: c - x.value, inputs: [x]) { v, _, _ in [-v] }
  }
  /// x · c elementwise. Pullback: v · c.
  public static func * (x: Variable, c: Double) -> Variable {
    record("*", value: x.value * c, inputs: [x]) { v, _, _ in [v * c] }
  }
  /// c · x elementwise. Pullback: v · c.
  public static func * (c: Double, x: Variable) -> Variable { x * c }
  /// x / c elementwise. Pullback: v / c.
  public static func / (x: Variable, c: Double) -> Variable {
    record("/", value: x.value / c, inputs: [x]) { v, _, _ in [v / c] }
  }
  /// c / x elementwise. Pullback: −v·out / x (= −v·c / x²).
  public static func / (c: Double, x: Variable) -> Variable {
    record("/", value: c / x.value, inputs: [x]) { v, inputs, output in [strongZeroProduct(v, -(output / inputs[0]))] }
  }

  // MARK: Compound assignment (a new node; the old value stays on the tape)

  /// x = x + y.
  public static func += (x: inout Variable, y: Variable) { x = x + y }
  /// x = x − y.
  public static func -= (x: inout Variable, y: Variable) { x = x - y }
  /// x = x ⊙ y.
  public static func *= (x: inout Variable, y: Variable) { x = x * y }
  /// x = x / y.
  public static func /= (x: inout Variable, y: Variable) { x = x / y }
  /// x = x + c.
  public static func += (x: inout Variable, c: Double) { x = x + c }
  /// x = x − c.
  public static func -= (x: inout Variable, c: Double) { x = x - c }
  /// x = x · c.
  public static func *= (x: inout Variable, c: Double) { x = x * c }
  /// x = x / c.
  public static func /= (x: inout Variable, c: Double) { x = x / c }

  // MARK: The strong-zero product used by pullbacks

  /// a ⊙ b elementwise with broadcasting, except exactly 0 wherever a or b is 0 (0·∞ = 0·NaN = 0).
  ///
  /// Pullbacks multiply the adjoint by a local derivative with this, so that a zero adjoint (an inactive
  /// branch of `selecting(where:_:_:)`, a relu that is off) never turns into NaN where the derivative is
  /// infinite or NaN. Pullback: (v ⊙ b, v ⊙ a), with the same strong zero, summed to the operands' shapes.
  static func strongZeroProduct(_ a: Variable, _ b: Variable) -> Variable {
    record("*", value: Tensor.strongZeroProduct(a.value, b.value), inputs: [a, b]) { v, inputs, _ in
      [
        strongZeroProduct(v, inputs[1]).summed(toShape: inputs[0].value.shape),
        strongZeroProduct(v, inputs[0]).summed(toShape: inputs[1].value.shape),
      ]
    }
  }
}
