#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The contiguous storage of a tape's nodes (entries and values in creation order) and the header that
/// variables point to.
///
/// A variable refers to its tape through a pointer to this header rather than through a reference to the
/// `Tape` object, so that copying a variable, recording an operation and dropping a temporary do no
/// reference counting (which was most of the cost of a cheap scalar operation). Headers are immortal: a
/// freed tape's header goes back to a process-wide pool, its `generation` one higher, and is reused by a
/// later tape. A variable records the generation it was made in, and every operation compares it with the
/// header's, so a variable whose tape has been reset or freed is caught (and trapped with a message) by the
/// same comparison, never read through a dangling pointer. A (header, generation) pair therefore names one
/// recording for the life of the process (`TapeRecording`).
@usableFromInline
struct ScalarArena {
  @usableFromInline var count = 0
  /// Capacity of the fast path; 0 routes every append to `Tape.appendScalarSlowly`: before a tape's first
  /// node (which claims its thread), while it is closed to recording, and while it checks numerics.
  @usableFromInline var capacity = 0
  @usableFromInline var allocated = 0
  @usableFromInline var entries: UnsafeMutablePointer<ScalarEntry>
  @usableFromInline var values: UnsafeMutablePointer<Double>
  /// Bumped by every `reset()` and when the tape is freed; variables of other generations are stale.
  @usableFromInline var generation: UInt32 = 0
  /// The generation in which the current tape took this header (variables of earlier generations belong to
  /// freed tapes).
  @usableFromInline var firstGeneration: UInt32 = 0
  @usableFromInline var isConsumed = false
  /// The tape that owns this header, unretained (nil while the header is in the pool).
  @usableFromInline var tapeObject: Unmanaged<Tape>?
  /// The thread or task that records on the tape; nil until the first node after creation or reset.
  var owner: TapeOwner?

  init() {
    entries = Self.noEntries
    values = Self.noValues
  }

  /// Placeholders for a header without storage (never read: `allocated` is 0).
  nonisolated(unsafe) static let noEntries = UnsafeMutablePointer<ScalarEntry>.allocate(capacity: 1)
  nonisolated(unsafe) static let noValues = UnsafeMutablePointer<Double>.allocate(capacity: 1)

  /// Gives this header to `tape`, with storage from the thread's cache.
  mutating func attach(to tape: Tape) {
    if let cached = ThreadLocalCache.takeArena() {
      entries = cached.entries
      values = cached.values
      allocated = cached.capacity
    }
    count = 0
    capacity = 0
    isConsumed = false
    owner = nil
    firstGeneration = generation
    tapeObject = Unmanaged.passUnretained(tape)
  }

  /// Returns the storage to this thread's cache and makes every variable of the tape stale.
  mutating func detach() {
    if allocated > 0 { ThreadLocalCache.give(.init(entries: entries, values: values, capacity: allocated)) }
    entries = Self.noEntries
    values = Self.noValues
    allocated = 0
    count = 0
    capacity = 0
    owner = nil
    tapeObject = nil
    generation &+= 1
  }

  /// The tape of a variable made in generation `g`; traps if that tape has been freed.
  @usableFromInline
  func tape(recordedIn g: UInt32) -> Tape {
    guard let tape = liveTape(recordedIn: g) else {
      failPrecondition(
        "Variable: the tape this variable was recorded on has been freed; keep the Tape alive while its variables are in use")
    }
    return tape
  }

  /// The tape of a variable made in generation `g`, or nil if that tape has been freed.
  func liveTape(recordedIn g: UInt32) -> Tape? {
    guard let tapeObject, g &- firstGeneration <= generation &- firstGeneration else { return nil }
    return tapeObject.takeUnretainedValue()
  }

  /// Appends a scalar node and returns its index.
  @inlinable @inline(__always)
  static func append(
    to arena: UnsafeMutablePointer<ScalarArena>, _ op: ScalarOp, _ lhs: Int32, _ rhs: Int32, aux: Double,
    value: Double
  ) -> Int32 {
    let i = arena.pointee.count
    if _slowPath(i >= arena.pointee.capacity) { return appendSlowly(to: arena, op, lhs, rhs, aux: aux, value: value) }
    arena.pointee.entries[i] = ScalarEntry(aux: aux, lhs: lhs, rhs: rhs, op: op)
    arena.pointee.values[i] = value
    arena.pointee.count = i &+ 1
    return Int32(truncatingIfNeeded: i)
  }

  /// The slow path of `append`, on the header's tape (live: callers have compared generations).
  @usableFromInline @inline(never)
  static func appendSlowly(
    to arena: UnsafeMutablePointer<ScalarArena>, _ op: ScalarOp, _ lhs: Int32, _ rhs: Int32, aux: Double,
    value: Double
  ) -> Int32 {
    guard let tape = arena.pointee.tapeObject else { failPrecondition("Tape: recording onto a freed tape") }
    return tape._withUnsafeGuaranteedRef { $0.appendScalarSlowly(op, lhs, rhs, aux: aux, value: value) }
  }

  /// Makes room for at least `extra` more nodes (growing geometrically).
  mutating func reserve(_ extra: Int) {
    let needed = count + extra
    checkPrecondition(needed <= Int(Int32.max), "Tape: more than \(Int32.max) nodes")
    guard needed > allocated else { return }
    let newCapacity = Swift.min(Swift.max(1024, allocated * 2, needed), Int(Int32.max))
    entries = ArenaMemory.reallocate(allocated > 0 ? entries : nil, count: newCapacity)
    values = ArenaMemory.reallocate(allocated > 0 ? values : nil, count: newCapacity)
    allocated = newCapacity
  }

  /// Makes room for at least one more node.
  mutating func grow() { reserve(1) }

  /// Closes the tape to recording (after a consuming backward pass).
  mutating func close() {
    isConsumed = true
    capacity = 0
  }
}

/// The memory of arenas and adjoint buffers: `malloc`-family blocks, so that growth is a `realloc` (for
/// large blocks the C library remaps the pages instead of copying them), and large blocks are marked for
/// transparent huge pages (one page fault per 2 MiB instead of per 4 KiB where the system allows it).
enum ArenaMemory {
  /// Blocks of at least this many bytes are advised to use huge pages.
  static let hugePageThreshold = 4 << 20

  /// `pointer`'s block (or a new one for nil) resized to `count` elements; the contents are kept.
  static func reallocate<T>(_ pointer: UnsafeMutablePointer<T>?, count: Int) -> UnsafeMutablePointer<T> {
    let bytes = count * MemoryLayout<T>.stride
    guard let raw = realloc(pointer.map { UnsafeMutableRawPointer($0) }, bytes) else {
      failPrecondition("Tape: out of memory growing an arena to \(bytes) bytes")
    }
    adviseHugePages(raw, bytes: bytes)
    return raw.bindMemory(to: T.self, capacity: count)
  }

  /// A zero-filled block of `count` doubles (fresh pages from the system are zero already: no pass over them).
  static func allocateZeroed(count: Int) -> UnsafeMutablePointer<Double> {
    guard let raw = calloc(Swift.max(count, 1), MemoryLayout<Double>.stride) else {
      failPrecondition("Tape: out of memory allocating \(count) adjoints")
    }
    return raw.bindMemory(to: Double.self, capacity: count)
  }

  /// Frees a block from `reallocate` or `allocateZeroed`.
  static func free<T>(_ pointer: UnsafeMutablePointer<T>) {
    #if canImport(Glibc)
    Glibc.free(UnsafeMutableRawPointer(pointer))
    #else
    Darwin.free(UnsafeMutableRawPointer(pointer))
    #endif
  }

  private static func adviseHugePages(_ raw: UnsafeMutableRawPointer, bytes: Int) {
    #if os(Linux)
    guard bytes >= hugePageThreshold else { return }
    let page = 2 << 20
    let start = (Int(bitPattern: raw) + page - 1) & ~(page - 1)
    let end = (Int(bitPattern: raw) + bytes) & ~(page - 1)
    if end > start { _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, MADV_HUGEPAGE) }
    #endif
  }
}

/// The process-wide pool of free arena headers (see `ScalarArena`): taken when a tape is created, given back
/// when it is freed, never deallocated.
enum ArenaHeaders {
  nonisolated(unsafe) private static var free: [UnsafeMutablePointer<ScalarArena>] = []
  nonisolated(unsafe) private static let lock: UnsafeMutablePointer<pthread_mutex_t> = {
    let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    pthread_mutex_init(lock, nil)
    return lock
  }()

  /// A header for a new tape.
  static func take() -> UnsafeMutablePointer<ScalarArena> {
    pthread_mutex_lock(lock)
    let header = free.popLast()
    pthread_mutex_unlock(lock)
    if let header { return header }
    let fresh = UnsafeMutablePointer<ScalarArena>.allocate(capacity: 1)
    fresh.initialize(to: ScalarArena())
    return fresh
  }

  /// Returns a freed tape's (detached) header to the pool.
  static func give(_ header: UnsafeMutablePointer<ScalarArena>) {
    pthread_mutex_lock(lock)
    free.append(header)
    pthread_mutex_unlock(lock)
  }
}
