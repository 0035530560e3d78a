/// A dynamic tape: the record of every operation on variables, in the order it ran.
///
/// Create a tape, make variables on it, compute with them as with ordinary numbers (loops, branches,
/// recursion), then call `backward()` on the result:
///
/// ```swift
/// let tape = Tape()
/// let apple = tape.variable(100.0), count = tape.variable(2.0), tax = tape.variable(1.1)
/// let price = apple * count * tax     // 220
/// let g = price.backward()
/// g[apple], g[count], g[tax]          // 2.2, 110, 200
/// ```
///
/// Creation order is a topological order, so `backward()` is one loop over the entries from the last to the
/// first. Scalar entries are plain data in one contiguous arena (24 bytes per node: operation code, input
/// indices, a constant, and the value); tensor entries add a pullback closure that captures no variable and
/// no tape. Dropping or resetting a tape frees everything at once, without recursion.
///
/// A tape is used by one thread (or task) at a time: the one that records its first node after creation or
/// `reset()` owns it until the next `reset()` or `takeOwnership()`, and use from another traps (see
/// Docs/Design.md, "Threads"). Independent tapes on different threads or tasks are independent (there is
/// no global mutable state). Inside `withNumericsChecking` (or with `checkingNumerics: true`) the tape stops
/// at the first operation that produces a NaN or an infinity (Docs/Debugging.md).
///
/// - Complexity: recording an operation is amortized O(1); `backward()` is O(number of entries).
public final class Tape {
  @usableFromInline let arena: UnsafeMutablePointer<ScalarArena>
  /// The tensor nodes' entries, by slot. Read and appended to on every tensor operation; a tape is used
  /// by one thread at a time and no access to it overlaps another, so the dynamic exclusivity check
  /// (two runtime calls per access, about 150 instructions) is left out.
  @exclusivity(unchecked) @usableFromInline var tensorEntries: [TensorEntry] = []
  /// The numerics checker while checking is on (Docs/Debugging.md); nil otherwise.
  var numericsChecker: NumericsChecker?

  /// Creates an empty tape, which checks numerics if it is created inside `withNumericsChecking`.
  public init() {
    arena = ArenaHeaders.take()
    arena.pointee.attach(to: self)
    if NumericsChecking.isScoped { numericsChecker = NumericsChecker() }
  }

  deinit {
    arena.pointee.detach()
    ArenaHeaders.give(arena)
  }

  /// The number of recorded nodes (variables and operations).
  public var count: Int { arena.pointee.count }

  /// True once a `backward()` that does not retain the tape has run: the tape then accepts no new
  /// operations and no second `backward()` until `reset()`.
  public var isConsumed: Bool { arena.pointee.isConsumed }

  /// Forgets every recorded node in O(1), keeping the memory for reuse.
  ///
  /// Variables made before the reset become invalid: using one afterwards traps with a message.
  public func reset() {
    arena.pointee.count = 0
    arena.pointee.generation &+= 1
    arena.pointee.isConsumed = false
    arena.pointee.capacity = 0  // the next append claims the tape for its thread (appendScalarSlowly)
    arena.pointee.owner = nil
    tensorEntries.removeAll(keepingCapacity: true)
    numericsChecker?.reset()
  }

  /// Makes a scalar variable (a leaf) with the given value.
  public func variable(_ value: Double) -> Variable<Double> {
    let index = appendScalar(.leaf, -1, -1, aux: 0, value: value)
    return Variable(arena: arena, index: index, generation: arena.pointee.generation, value: value)
  }

  /// Makes a tensor variable (a leaf) with the given value.
  public func variable(_ value: Tensor) -> Variable<Tensor> {
    recordTensor(value, inputs: [], pullback: nil)
  }

  /// Makes one scalar variable per element of `values`: leaves on consecutive nodes, recorded in bulk
  /// (one growth of the arena, one pass writing the entries, one copy of the values).
  ///
  /// - Complexity: O(`values.count`).
  public func variables(_ values: [Double]) -> [Variable<Double>] {
    guard let first = values.first else { return [] }
    let start = appendScalar(.leaf, -1, -1, aux: 0, value: first)  // claims the tape, checks its state
    let n = values.count
    // While checking numerics (capacity 0) every node takes the checked path.
    guard arena.pointee.capacity > 0 else { return [Variable(arena: arena, index: start, generation: generation, value: first)] + values.dropFirst().map { variable($0) } }
    arena.pointee.reserve(n - 1)
    arena.pointee.capacity = arena.pointee.allocated
    let base = Int(start)
    let entries = arena.pointee.entries + base
    let storedValues = arena.pointee.values + base
    let leaf = ScalarEntry(aux: 0, lhs: -1, rhs: -1, op: .leaf)
    for k in 0..<n {
      entries[k] = leaf
      storedValues[k] = values[k]
    }
    arena.pointee.count = base + n
    return Self.leafVariables(values, arena: arena, start: start, generation: generation)
  }

  /// The variables of `values.count` consecutive leaves from node `start`.
  private static func leafVariables(
    _ values: [Double], arena: UnsafeMutablePointer<ScalarArena>, start: Int32, generation: UInt32
  ) -> [Variable<Double>] {
    [Variable<Double>](unsafeUninitializedCapacity: values.count) { buffer, initialized in
      for k in 0..<values.count {
        buffer.initializeElement(
          at: k, to: Variable(arena: arena, index: start &+ Int32(truncatingIfNeeded: k), generation: generation, value: values[k]))
      }
      initialized = values.count
    }
  }

  /// Appends a scalar node and returns its index.
  @inlinable @inline(__always)
  func appendScalar(_ op: ScalarOp, _ lhs: Int32, _ rhs: Int32, aux: Double, value: Double) -> Int32 {
    ScalarArena.append(to: arena, op, lhs, rhs, aux: aux, value: value)
  }

  /// The generation of the tape: it changes on every `reset()`, which invalidates older variables.
  @inlinable var generation: UInt32 { arena.pointee.generation }
}

/// One scalar node: which operation, its inputs, and a constant operand — 16 bytes (24 with its value).
///
/// No operation has both a second input and a constant operand, so the two share one 8-byte field: it
/// holds the second input's index (or a tensor node's slot) when `hasSecondIndex`, else the constant's bits.
/// Recording writes 24 bytes per node instead of 32, which is a quarter less memory traffic in the forward
/// pass and in the reverse sweep, both of which are bound by memory bandwidth on long tapes.
@usableFromInline
struct ScalarEntry {
  /// The constant operand's bits, or the second index (as a 32-bit pattern) when `hasSecondIndex`.
  @usableFromInline var payload: UInt64
  /// Index of the first input (−1 for a leaf).
  @usableFromInline var lhs: Int32
  @usableFromInline var op: ScalarOp
  @usableFromInline var hasSecondIndex: Bool

  /// - Precondition: `rhs < 0` or `aux == 0` (an operation has a second input or a constant, not both).
  @inlinable init(aux: Double, lhs: Int32, rhs: Int32, op: ScalarOp) {
    if rhs >= 0 {
      checkPrecondition(aux == 0, "Tape: node \(op) with both a second input and a constant operand")
      payload = UInt64(UInt32(bitPattern: rhs))
      hasSecondIndex = true
    } else {
      payload = aux.bitPattern
      hasSecondIndex = false
    }
    self.lhs = lhs
    self.op = op
  }

  /// The constant operand of operations such as `x * c` (0 when unused).
  @inlinable var aux: Double { hasSecondIndex ? 0 : Double(bitPattern: payload) }
  /// Index of the second input (−1 for unary operations), or of the tensor entry for a tensor node.
  @inlinable var rhs: Int32 { hasSecondIndex ? Int32(truncatingIfNeeded: payload) : -1 }
  /// The second input's index of a binary operation, read without testing `hasSecondIndex` (the sweep's
  /// direct calls, where the operation is known to be binary).
  @inlinable var secondIndex: Int32 { Int32(truncatingIfNeeded: payload) }
  /// The constant operand (or cached factor) of a unary operation, read without testing `hasSecondIndex`.
  @inlinable var constant: Double { Double(bitPattern: payload) }
}
