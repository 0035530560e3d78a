// Arithmetic on scalar variables. Each operation is followed by its derivative rule, where `v` is the
// adjoint of the result flowing back (see `ScalarOp.pullback`). The rules are generic: the same rule serves
// `Double`, `Variable<Double>` and the tensor operations of Ops/TensorArithmetic.swift.

extension Variable where Value == Double {
  /// Records a unary operation on this variable (nothing if it is a constant).
  ///
  /// Operands are taken `consuming` throughout the scalar operations: a temporary's reference to its tape
  /// moves into the result instead of being retained and released, which is most of the cost of an
  /// operation besides the arithmetic.
  @inlinable @inline(__always)
  consuming func recordUnary(_ op: ScalarOp, aux: Double = 0, value: Double) -> Variable<Double> {
    guard let arena else { return Variable(value) }
    if _slowPath(arena.pointee.generation != generation) { Variable.trapStale(op, arena: arena, generation: generation) }
    let i = ScalarArena.append(to: arena, op, index, -1, aux: aux, value: value)
    return Variable(arena: arena, index: i, generation: generation, value: value)
  }

  /// Records a binary operation of two variables; a constant operand is recorded as a leaf.
  @inlinable @inline(__always)
  static func recordBinary(_ op: ScalarOp, _ x: consuming Variable, _ y: consuming Variable, value: Double) -> Variable<Double> {
    if let arena = x.arena, arena == y.arena, arena.pointee.generation == x.generation, x.generation == y.generation {
      let i = ScalarArena.append(to: arena, op, x.index, y.index, aux: 0, value: value)
      return Variable(arena: arena, index: i, generation: x.generation, value: value)
    }
    return recordBinaryWithConstantOrMismatch(op, x, y, value: value)
  }

  /// The uncommon cases of `recordBinary`: a constant operand (recorded as a leaf), or misuse (traps).
  @usableFromInline @inline(never)
  static func recordBinaryWithConstantOrMismatch(_ op: ScalarOp, _ x: Variable, _ y: Variable, value: Double) -> Variable<Double> {
    guard let tape = commonTape(x, y, "\(op)") else { return Variable(value) }
    let lhs = x.arena == nil ? tape.appendScalar(.leaf, -1, -1, aux: 0, value: x.value) : x.index
    let rhs = y.arena == nil ? tape.appendScalar(.leaf, -1, -1, aux: 0, value: y.value) : y.index
    let i = tape.appendScalar(op, lhs, rhs, aux: 0, value: value)
    return Variable(tape: tape, index: i, generation: tape.generation, value: value)
  }

  @usableFromInline @inline(never)
  static func trapStale(_ op: ScalarOp, arena: UnsafeMutablePointer<ScalarArena>, generation: UInt32) -> Never {
    _ = arena.pointee.tape(recordedIn: generation)  // traps if the tape has been freed
    failPrecondition("\(op): this variable was made before its tape was reset; make it again on the reset tape")
  }

  /// x + y.
  @inlinable public static func + (x: consuming Variable, y: consuming Variable) -> Variable {
    recordBinary(.add, x, y, value: x.value + y.value)
  }
  /// x − y.
  @inlinable public static func - (x: consuming Variable, y: consuming Variable) -> Variable {
    recordBinary(.subtract, x, y, value: x.value - y.value)
  }
  /// x · y.
  @inlinable public static func * (x: consuming Variable, y: consuming Variable) -> Variable {
    recordBinary(.multiply, x, y, value: x.value * y.value)
  }
  /// x / y.
  @inlinable public static func / (x: consuming Variable, y: consuming Variable) -> Variable {
    recordBinary(.divide, x, y, value: x.value / y.value)
  }
  /// −x.
  @inlinable public static prefix func - (x: consuming Variable) -> Variable {
    x.recordUnary(.negate, value: -x.value)
  }

  // With a constant on one side: one node, the constant kept in the entry (derivatives: 1, −1, c, 1/c,
  // −c/x² = −out/x).

  /// x + c.
  @inlinable public static func + (x: consuming Variable, c: Double) -> Variable {
    x.recordUnary(.addConstant, aux: c, value: x.value + c)
  }
  /// c + x.
  @inlinable public static func + (c: Double, x: consuming Variable) -> Variable {
    x.recordUnary(.addConstant, aux: c, value: c + x.value)
  }
  /// x − c.
  @inlinable public static func - (x: consuming Variable, c: Double) -> Variable {
    x.recordUnary(.addConstant, aux: -c, value: x.value - c)
  }
  /// c − x.
  @inlinable public static func - (c: Double, x: consuming Variable) -> Variable {
    x.recordUnary(.constantMinus, aux: c, value: c - x.value)
  }
  /// x · c.
  @inlinable public static func * (x: consuming Variable, c: Double) -> Variable {
    x.recordUnary(.multiplyByConstant, aux: c, value: x.value * c)
  }
  /// c · x.
  @inlinable public static func * (c: Double, x: consuming Variable) -> Variable {
    x.recordUnary(.multiplyByConstant, aux: c, value: c * x.value)
  }
  /// x / c.
  @inlinable public static func / (x: consuming Variable, c: Double) -> Variable {
    x.recordUnary(.divideByConstant, aux: c, value: x.value / c)
  }
  /// c / x.
  @inlinable public static func / (c: Double, x: consuming Variable) -> Variable {
    x.recordUnary(.constantDividedBy, aux: c, value: c / x.value)
  }

  /// x += y.
  @inlinable public static func += (x: inout Variable, y: Variable) { x = x + y }
  /// x −= y.
  @inlinable public static func -= (x: inout Variable, y: Variable) { x = x - y }
  /// x ·= y.
  @inlinable public static func *= (x: inout Variable, y: Variable) { x = x * y }
  /// x /= y.
  @inlinable public static func /= (x: inout Variable, y: Variable) { x = x / y }
  /// x += c.
  @inlinable public static func += (x: inout Variable, c: Double) { x = x + c }
  /// x −= c.
  @inlinable public static func -= (x: inout Variable, c: Double) { x = x - c }
  /// x ·= c.
  @inlinable public static func *= (x: inout Variable, c: Double) { x = x * c }
  /// x /= c.
  @inlinable public static func /= (x: inout Variable, c: Double) { x = x / c }
}

extension ScalarRule {
  /// d(x + c) = v.
  @inlinable static func addConstant<S: DerivativeRuleMath>(_ v: S, _ a: ScalarOperands<S>) -> (x: S, y: S) {
    (v, S(constant: 0))
  }
  /// d(x · c) = v·c.
  @inlinable static func multiplyByConstant<S: DerivativeRuleMath>(_ v: S, _ a: ScalarOperands<S>) -> (x: S, y: S) {
    (S.strongZeroProduct(v, a.aux), S(constant: 0))
  }
  /// d(x + y) = (v, v).
  @inlinable static func add<S: DerivativeRuleMath>(_ v: S, _ a: ScalarOperands<S>) -> (x: S, y: S) { (v, v) }
  /// d(x − y) = (v, −v).
  @inlinable static func subtract<S: DerivativeRuleMath>(_ v: S, _ a: ScalarOperands<S>) -> (x: S, y: S) { (v, -v) }
  /// d(x · y) = (v·y, v·x).
  @inlinable static func multiply<S: DerivativeRuleMath>(_ v: S, _ a: ScalarOperands<S>) -> (x: S, y: S) {
    (S.strongZeroProduct(v, a.y), S.strongZeroProduct(v, a.x))
  }
  /// d(x / y) = (v / y, −v·out / y).
  @inlinable static func divide<S: DerivativeRuleMath>(_ v: S, _ a: ScalarOperands<S>) -> (x: S, y: S) {
    let reciprocal = 1 / a.y
    return (S.strongZeroProduct(v, reciprocal), S.strongZeroProduct(v, -(a.out * reciprocal)))
  }
  /// d(c / x) = −v·out / x.
  @inlinable static func constantDividedBy<S: DerivativeRuleMath>(_ v: S, _ a: ScalarOperands<S>) -> S {
    S.strongZeroProduct(v, -(a.out / a.x))
  }
}
