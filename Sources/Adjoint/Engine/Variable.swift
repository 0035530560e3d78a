/// A value recorded on a tape: a `Double` (`Variable<Double>`) or a `Tensor` (`Variable<Tensor>`).
///
/// A variable is a small value — where its tape's nodes are, its index on the tape, and its value (24 bytes
/// for a `Variable<Double>`, copied without reference counting) — and every operation on variables appends
/// one entry to their tape. A variable does not keep its tape alive: keep the `Tape` while its variables are
/// in use (using a variable of a freed tape traps with a message). A variable made with `init(_:)` belongs to no tape: it is a
/// constant, and operations between constants record nothing (like a PyTorch tensor without
/// `requires_grad`).
///
/// ```swift
/// let tape = Tape()
/// let x = tape.variable(3.0)
/// let y = x * x + sin(x)
/// y.value                 // 9.1411…
/// y.backward()[x]         // 2·3 + cos 3 = 5.0100…
/// ```
public struct Variable<Value> {
  /// The header of the tape this variable is recorded on (`ScalarArena`), or nil for a constant.
  @usableFromInline let arena: UnsafeMutablePointer<ScalarArena>?
  /// The node's index on its tape.
  @usableFromInline let index: Int32
  /// The tape's generation when the variable was made; a `reset()` makes older variables invalid.
  @usableFromInline let generation: UInt32
  /// The value computed by the forward pass.
  public let value: Value

  @inlinable
  init(arena: UnsafeMutablePointer<ScalarArena>?, index: Int32, generation: UInt32, value: Value) {
    self.arena = arena
    self.index = index
    self.generation = generation
    self.value = value
  }

  @inlinable
  init(tape: Tape?, index: Int32, generation: UInt32, value: Value) {
    self.arena = tape?.arena
    self.index = index
    self.generation = generation
    self.value = value
  }

  /// A constant: a variable on no tape, whose derivative is never asked for.
  @inlinable
  public init(_ value: Value) {
    self.init(arena: nil, index: -1, generation: 0, value: value)
  }

  /// The tape this variable is recorded on, or nil for a constant; traps if that tape has been freed.
  @usableFromInline var tape: Tape? {
    guard let arena else { return nil }
    return arena.pointee.tape(recordedIn: generation)
  }

  /// True when the variable is recorded on a tape (false for constants).
  @inlinable public var isRecorded: Bool { arena != nil }

  /// True when the variable was made directly on the tape (`tape.variable(_:)`), not by an operation.
  public var isLeaf: Bool {
    guard let tape = validTape(for: "isLeaf") else { return true }
    let op = tape.arena.pointee.entries[Int(index)].op
    return op == .leaf || op == .tensorLeaf
  }

  /// The same value with no derivative: a constant, cut off from the tape (PyTorch's `detach()`).
  @inlinable public var detached: Variable { Variable(value) }

  /// Returns the tape after checking that it has not been reset since this variable was made.
  @usableFromInline
  func validTape(for operation: @autoclosure () -> String) -> Tape? {
    guard let tape else { return nil }
    checkPrecondition(
      tape.generation == generation,
      "\(operation()): this variable was made before its tape was reset; make it again on the reset tape")
    return tape
  }
}

/// Returns the result of `body` evaluated on constants: nothing is recorded and no derivative flows through
/// (the counterpart of Swift's `withoutDerivative(at:)` and PyTorch's `torch.no_grad()`).
@inlinable
public func withoutDerivative<Value>(at x: Variable<Value>) -> Variable<Value> {
  x.detached
}

/// The tape shared by every recorded operand (nil when none is recorded), checking that they do not come
/// from two different tapes or from a reset tape. Used by the operations of many operands: custom rules,
/// checkpointed segments, tensors built from scalars.
func commonTape<Value>(_ operands: [Variable<Value>], _ operation: @autoclosure () -> String) -> Tape? {
  var shared: Tape? = nil
  for x in operands {
    guard let t = x.validTape(for: operation()) else { continue }
    checkPrecondition(shared == nil || shared === t, "\(operation()): the operands are recorded on two different tapes")
    shared = t
  }
  return shared
}

/// The tape shared by two operands, checking that they do not come from two different tapes or from a
/// reset tape.
@usableFromInline
func commonTape<A, B>(_ x: Variable<A>, _ y: Variable<B>, _ operation: @autoclosure () -> String) -> Tape? {
  let tx = x.validTape(for: operation())
  let ty = y.validTape(for: operation())
  switch (tx, ty) {
  case (let a?, let b?):
    checkPrecondition(a === b, "\(operation()): the operands are recorded on two different tapes")
    return a
  case (let a?, nil): return a
  case (nil, let b?): return b
  case (nil, nil): return nil
  }
}

extension Variable: CustomStringConvertible {
  /// The value (a tensor laid out as `Tensor.description` lays it out, its later lines indented under the
  /// first), and the node it is recorded as: `Variable(220.00000000000003, node 4)`,
  /// `Variable(constant: [1.0 2.0])`.
  public var description: String {
    let prefix = arena == nil ? "Variable(constant: " : "Variable("
    let text = (value as? Tensor)?.formatted(indent: prefix.count) ?? "\(value)"
    return prefix + text + (arena == nil ? ")" : ", node \(index))")
  }
}
