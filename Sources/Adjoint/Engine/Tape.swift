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
/// first. Scalar entries are plain data in one contiguous arena (32 bytes per node: operation code, input
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
  @usableFromInline var tensorEntries: [TensorEntry] = []
  /// The numerics checker while checking is on (Docs/Debugging.md); nil otherwise.
  var numericsChecker: NumericsChecker?

  /// Creates an empty tape, which checks numerics if it is created inside `withNumericsChecking`.
  public init() {
    arena = .allocate(capacity: 1)
    arena.initialize(to: ScalarArena())
    if NumericsChecking.isScoped { numericsChecker = NumericsChecker() }
  }

  deinit {
    arena.pointee.release()
    arena.deinitialize(count: 1)
    arena.deallocate()
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
    return Variable(tape: self, index: index, generation: arena.pointee.generation, value: value)
  }

  /// Makes a tensor variable (a leaf) with the given value.
  public func variable(_ value: Tensor) -> Variable<Tensor> {
    recordTensor(value, inputs: [], pullback: nil)
  }

  /// Makes one scalar variable per element of `values`.
  public func variables(_ values: [Double]) -> [Variable<Double>] {
    values.map { variable($0) }
  }

  /// Appends a scalar node and returns its index.
  @inlinable @inline(__always)
  func appendScalar(_ op: ScalarOp, _ lhs: Int32, _ rhs: Int32, aux: Double, value: Double) -> Int32 {
    if _slowPath(arena.pointee.count >= arena.pointee.capacity) {
      return appendScalarSlowly(op, lhs, rhs, aux: aux, value: value)
    }
    let i = arena.pointee.count
    arena.pointee.entries[i] = ScalarEntry(aux: aux, lhs: lhs, rhs: rhs, op: op)
    arena.pointee.values[i] = value
    arena.pointee.count = i &+ 1
    return Int32(truncatingIfNeeded: i)
  }

  /// The generation of the tape: it changes on every `reset()`, which invalidates older variables.
  @inlinable var generation: UInt32 { arena.pointee.generation }
}

/// One scalar node: which operation, its inputs, and a constant operand (32 bytes with its value).
@usableFromInline
struct ScalarEntry {
  /// The constant operand of operations such as `x * c` (0 when unused).
  @usableFromInline var aux: Double
  /// Index of the first input (−1 for a leaf).
  @usableFromInline var lhs: Int32
  /// Index of the second input (−1 for unary operations), or of the tensor entry for a tensor node.
  @usableFromInline var rhs: Int32
  @usableFromInline var op: ScalarOp

  @inlinable init(aux: Double, lhs: Int32, rhs: Int32, op: ScalarOp) {
    self.aux = aux
    self.lhs = lhs
    self.rhs = rhs
    self.op = op
  }
}

/// The contiguous storage of a tape's nodes: entries and values in creation order.
///
/// Kept behind a pointer so that the hot recording path does no reference counting and no exclusivity
/// checks.
@usableFromInline
struct ScalarArena {
  @usableFromInline var count = 0
  /// Capacity of the fast path; 0 routes every append to `Tape.appendScalarSlowly`: before a tape's first
  /// node (which claims its thread), while it is closed to recording, and while it checks numerics.
  @usableFromInline var capacity = 0
  @usableFromInline var allocated = 0
  @usableFromInline var entries: UnsafeMutablePointer<ScalarEntry>
  @usableFromInline var values: UnsafeMutablePointer<Double>
  @usableFromInline var generation: UInt32 = 0
  @usableFromInline var isConsumed = false
  /// The thread or task that records on the tape; nil until the first node after creation or reset.
  var owner: TapeOwner?

  init() {
    if let cached = ThreadLocalCache.takeArena() {
      entries = cached.entries
      values = cached.values
      allocated = cached.capacity
    } else {
      entries = .allocate(capacity: 0)
      values = .allocate(capacity: 0)
    }
  }

  /// Makes room for at least one more node.
  mutating func grow() {
    checkPrecondition(allocated < Int(Int32.max), "Tape: more than \(Int32.max) nodes")
    let newCapacity = Swift.min(Swift.max(1024, allocated * 2), Int(Int32.max))
    let newEntries = UnsafeMutablePointer<ScalarEntry>.allocate(capacity: newCapacity)
    newEntries.moveInitialize(from: entries, count: count)
    entries.deallocate()
    entries = newEntries
    let newValues = UnsafeMutablePointer<Double>.allocate(capacity: newCapacity)
    newValues.moveInitialize(from: values, count: count)
    values.deallocate()
    values = newValues
    allocated = newCapacity
  }

  /// Closes the tape to recording (after a consuming backward pass).
  mutating func close() {
    isConsumed = true
    capacity = 0
  }

  /// Returns the memory to this thread's cache for the next tape.
  func release() {
    ThreadLocalCache.give(.init(entries: entries, values: values, capacity: allocated))
  }
}
