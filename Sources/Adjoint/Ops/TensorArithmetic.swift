// Arithmetic on tensor variables. Each operation records the one derivative rule of its scalar counterpart
// (Ops/ScalarArithmetic.swift, dispatched by `ScalarOp.pullback`) evaluated on tensor variables: see
// `recordElementwise` in Ops/ElementwiseTensor.swift.
//
// Binary operations broadcast (NumPy's rule, see Tensor+Broadcasting.swift); the adjoint of a broadcast
// operand is summed back to its shape with `summed(toShape:)`, which is itself differentiable. Products of the
// adjoint with a local derivative use the "strong zero" product: a zero adjoint gives exactly zero, except
// where a value overflowed (Docs/Operations.md, "Zero times infinity").

extension Variable where Value == Tensor {
  /// x + y, broadcasting. Pullback: (v, v), each summed to its operand's shape.
  ///
  /// - Precondition: the shapes are broadcast-compatible.
  public static func + (x: Variable, y: Variable) -> Variable {
    recordElementwise(.add, x, y, value: x.value + y.value)
  }

  /// x − y, broadcasting. Pullback: (v, −v), each summed to its operand's shape.
  ///
  /// - Precondition: the shapes are broadcast-compatible.
  public static func - (x: Variable, y: Variable) -> Variable {
    recordElementwise(.subtract, x, y, value: x.value - y.value)
  }

  /// x ⊙ y, the elementwise product, broadcasting. Pullback: (v ⊙ y, v ⊙ x), each summed to its operand's
  /// shape. For the matrix product see `matmul(_:transposingSelf:transposingOther:)`.
  ///
  /// - Precondition: the shapes are broadcast-compatible.
  public static func * (x: Variable, y: Variable) -> Variable {
    recordElementwise(.multiply, x, y, value: x.value * y.value)
  }

  /// x / y elementwise, broadcasting. Pullback: (v / y, −v·out / y), each summed to its operand's shape.
  ///
  /// - Precondition: the shapes are broadcast-compatible.
  public static func / (x: Variable, y: Variable) -> Variable {
    recordElementwise(.divide, x, y, value: x.value / y.value)
  }

  /// −x. Pullback: −v.
  public static prefix func - (x: Variable) -> Variable {
    recordElementwise(.negate, x, value: -x.value)
  }

  // MARK: With a constant scalar (one node, the constant captured by the rule)

  /// x + c elementwise. Pullback: v.
  public static func + (x: Variable, c: Double) -> Variable {
    recordElementwise(.addConstant, x, aux: c, value: x.value + c)
  }
  /// c + x elementwise. Pullback: v.
  public static func + (c: Double, x: Variable) -> Variable { x + c }
  /// x − c elementwise. Pullback: v.
  public static func - (x: Variable, c: Double) -> Variable {
    recordElementwise(.addConstant, x, aux: -c, value: x.value - c)
  }
  /// c − x elementwise. Pullback: −v.
  public static func - (c: Double, x: Variable) -> Variable {
    recordElementwise(.constantMinus, x, aux: c, value: c - x.value)
  }
  /// x · c elementwise. Pullback: v · c.
  public static func * (x: Variable, c: Double) -> Variable {
    recordElementwise(.multiplyByConstant, x, aux: c, value: x.value * c)
  }
  /// c · x elementwise. Pullback: v · c.
  public static func * (c: Double, x: Variable) -> Variable { x * c }
  /// x / c elementwise. Pullback: v / c.
  public static func / (x: Variable, c: Double) -> Variable {
    recordElementwise(.divideByConstant, x, aux: c, value: x.value / c)
  }
  /// c / x elementwise. Pullback: −v·out / x (= −v·c / x²).
  public static func / (c: Double, x: Variable) -> Variable {
    recordElementwise(.constantDividedBy, x, aux: c, value: c / x.value)
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
    recordElementwise(.strongZeroMultiply, a, b, value: Tensor.strongZeroProduct(a.value, b.value))
  }
}
