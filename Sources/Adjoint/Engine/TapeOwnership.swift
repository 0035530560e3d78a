#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// One tape, one thread at a time. A tape's arena is plain memory written without locks, so two threads
// recording on it at once corrupt the heap when it grows, or silently mix their nodes into wrong gradients.
// The tape remembers who records on it and checks where that costs nothing measurable: on the first node
// after creation or reset (which claims the tape), on every growth of the arena, on every tensor operation,
// on `backward()`, and, while numerics checking is on, on every operation. The rule is written in
// Docs/Design.md ("Threads").

/// Who records on a tape: a Swift task, or, outside any task, a thread.
///
/// A task keeps its identity across suspension points even when it resumes on another thread, so
/// `await` in the middle of a recording is not mistaken for a second thread.
struct TapeOwner {
  /// The POSIX thread, as a number (for the message, and for identity outside tasks).
  let thread: UInt
  /// The task's identity (the address of its task object), or nil outside any task.
  let task: UInt?

  /// The caller's thread and task.
  ///
  /// This runs on every tensor operation, so it is kept to two reads: `pthread_self()` and the current
  /// task's address, which is the task's identity while it runs (what `UnsafeCurrentTask`'s `==`
  /// compares). (`withUnsafeCurrentTask { $0?.hashValue }` cost about 230 instructions per recorded
  /// operation: `UnsafeCurrentTask` is a resilient type, copied and destroyed through value witnesses,
  /// then hashed.)
  @inline(__always)
  static var current: TapeOwner {
    #if canImport(Darwin)
    let thread = UInt(bitPattern: pthread_self())
    #else
    let thread = UInt(pthread_self())
    #endif
    // An optional task is one pointer, null outside any task: reinterpreted in place, it gives the task's
    // address without the value witnesses (copy, destroy) that binding the optional would call.
    let task = withUnsafeCurrentTask { unsafeBitCast($0, to: UInt.self) }
    return TapeOwner(thread: thread, task: task == 0 ? nil : task)
  }

  /// Whether `other` is the same recorder: the same task, or, outside tasks, the same thread.
  func isSame(as other: TapeOwner) -> Bool {
    task == other.task && (task != nil || thread == other.thread)
  }

  var description: String {
    "thread 0x\(String(thread, radix: 16))" + (task == nil ? "" : " (in a Swift task)")
  }
}

extension Tape {
  /// Makes the calling thread (or task) the one that records on this tape and runs its `backward()`.
  ///
  /// A tape belongs to whoever records its first node after creation or `reset()`. To go on recording
  /// on a non-empty tape from another thread — a tape handed to a worker thread, or a recording continued
  /// in a different task — the new thread calls `takeOwnership()` first, after the old one has stopped
  /// using the tape (hand-over through a queue, a lock or `await` orders the two). A `reset()` also frees
  /// the tape for the next thread that records on it.
  ///
  /// ```swift
  /// // thread A:
  /// let x = tape.variable(2.0)   // A records the first node: A owns the tape
  /// let y = x * x
  /// // … A hands tape, x and y to thread B and stops using them; then, on thread B:
  /// tape.takeOwnership()
  /// y.backward()[x]              // 4.0
  /// ```
  ///
  /// - Complexity: O(1).
  public func takeOwnership() {
    arena.pointee.owner = TapeOwner.current
  }

  /// Claims the tape for the caller if it has no owner yet; traps if another thread or task owns it.
  ///
  /// - Parameter action: what the caller is doing, for the message ("record multiply", "run backward()").
  func checkOwner(_ action: @autoclosure () -> String) {
    let current = TapeOwner.current
    guard let owner = arena.pointee.owner else {
      arena.pointee.owner = current
      return
    }
    if _slowPath(!owner.isSame(as: current)) { trapSecondThread(owner: owner, current: current, action: action()) }
  }

  /// The tape's address, to tell tapes apart in messages.
  var addressDescription: String {
    "0x" + String(UInt(bitPattern: Unmanaged.passUnretained(self).toOpaque()), radix: 16)
  }

  @inline(never)
  private func trapSecondThread(owner: TapeOwner, current: TapeOwner, action: String) -> Never {
    failPrecondition(
      "Tape: one tape used from two threads: tape \(addressDescription) (\(count) nodes) belongs to \(owner.description), "
        + "which recorded its first node, but \(current.description) tried to \(action). A tape is recorded "
        + "and differentiated by one thread or task at a time (two at once corrupt it): give each thread its "
        + "own tape, or hand the tape over once its owner has stopped using it, with reset() or takeOwnership() "
        + "on the new thread (Docs/Design.md, \"Threads\")")
  }

  /// Every append that cannot take the inlined fast path: the tape's first node after creation or reset
  /// (which claims the tape for this thread), a full arena, a consumed tape, and every node while numerics
  /// checking is on (`capacity` stays 0 then, so that no check is added to the fast path).
  @usableFromInline @inline(never)
  func appendScalarSlowly(_ op: ScalarOp, _ lhs: Int32, _ rhs: Int32, aux: Double, value: Double) -> Int32 {
    checkPrecondition(
      !arena.pointee.isConsumed,
      "Tape: recording onto a tape that backward() has consumed; call reset() first, or pass retainingTape: true to backward()"
    )
    checkOwner("record \(op)")
    let i = arena.pointee.count
    if i == 0, numericsChecker == nil, NumericsChecking.isScoped { numericsChecker = NumericsChecker() }
    if i >= arena.pointee.allocated { arena.pointee.grow() }
    arena.pointee.entries[i] = ScalarEntry(aux: aux, lhs: lhs, rhs: rhs, op: op)
    arena.pointee.values[i] = value
    arena.pointee.count = i &+ 1
    if let numericsChecker {
      numericsChecker.didAppend(node: i, on: self)
    } else {
      arena.pointee.capacity = arena.pointee.allocated  // back to the fast path until the arena is full
    }
    return Int32(truncatingIfNeeded: i)
  }
}
