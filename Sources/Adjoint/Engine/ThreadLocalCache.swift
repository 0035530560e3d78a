#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A per-thread cache of one retired tape arena, one retired adjoint buffer, and recently freed tensor
/// buffers.
///
/// `gradient(at:in:)` makes a fresh tape on every call. Without reuse, each call would allocate its arena
/// from scratch, grow it by doubling (copying as it goes) and touch fresh pages — on a virtual machine the
/// page faults alone cost more than recording. A tape therefore takes its memory from its thread's cache
/// and gives it back when it is freed; a `Gradients` does the same with its adjoint buffer. The cache is
/// per thread (POSIX thread-specific data), so threads share nothing, and it holds at most one buffer of
/// each kind, of at most `maximumBytes`.
enum ThreadLocalCache {
  /// Buffers larger than this are freed rather than cached: 256 MiB, an arena of 8·2²⁰ nodes (W8's dot
  /// product at N = 10⁶ with both vectors active records 4·10⁶).
  static let maximumBytes = 256 << 20

  /// One retired buffer: its base address and how many elements it holds.
  struct Retired {
    var entries: UnsafeMutablePointer<ScalarEntry>
    var values: UnsafeMutablePointer<Double>
    var capacity: Int
  }

  /// One thread's cached buffers, freed when the thread ends.
  private final class Slots {
    var arena: Retired?
    var adjoints: (pointer: UnsafeMutablePointer<Double>, capacity: Int)?
    /// Freed tensor buffers by exact size, most recently freed last.
    var tensorBuffers: [(count: Int, pointer: UnsafeMutablePointer<Double>)] = []
    var tensorBytes = 0

    deinit {
      if let arena {
        ArenaMemory.free(arena.entries)
        ArenaMemory.free(arena.values)
      }
      adjoints.map { ArenaMemory.free($0.pointer) }
      for buffer in tensorBuffers { buffer.pointer.deallocate() }
    }
  }

  private static let key: pthread_key_t = {
    var key = pthread_key_t()
    let status = pthread_key_create(&key) { slots in
      guard let slots else { return }
      Unmanaged<AnyObject>.fromOpaque(slots).release()
    }
    checkPrecondition(status == 0, "Adjoint: pthread_key_create failed (\(status))")
    return key
  }()

  private static var slots: Slots {
    if let raw = pthread_getspecific(key) {
      return Unmanaged<Slots>.fromOpaque(raw).takeUnretainedValue()
    }
    let slots = Slots()
    pthread_setspecific(key, Unmanaged.passRetained(slots).toOpaque())
    return slots
  }

  /// Takes this thread's cached arena, if any.
  static func takeArena() -> Retired? {
    let s = slots
    defer { s.arena = nil }
    return s.arena
  }

  /// Offers an arena for reuse on this thread; frees it if the cache already holds a larger one or if it is
  /// too large to keep.
  static func give(_ arena: Retired) {
    let bytes = arena.capacity * (MemoryLayout<ScalarEntry>.stride + MemoryLayout<Double>.stride)
    let s = slots
    if bytes <= maximumBytes, arena.capacity > (s.arena?.capacity ?? -1) {
      if let old = s.arena {
        ArenaMemory.free(old.entries)
        ArenaMemory.free(old.values)
      }
      s.arena = arena
    } else {
      ArenaMemory.free(arena.entries)
      ArenaMemory.free(arena.values)
    }
  }

  /// A zero-filled buffer of `count` doubles, from this thread's cache when it is large enough.
  static func takeAdjoints(count: Int) -> (pointer: UnsafeMutablePointer<Double>, capacity: Int) {
    let s = slots
    if let cached = s.adjoints, cached.capacity >= count {
      s.adjoints = nil
      cached.pointer.update(repeating: 0, count: count)
      return cached
    }
    return (ArenaMemory.allocateZeroed(count: count), count)
  }

  /// Offers an adjoint buffer for reuse on this thread (keeping the larger of it and the cached one).
  static func give(adjoints pointer: UnsafeMutablePointer<Double>, capacity: Int) {
    let s = slots
    if capacity * MemoryLayout<Double>.stride <= maximumBytes, capacity > (s.adjoints?.capacity ?? -1) {
      s.adjoints.map { ArenaMemory.free($0.pointer) }
      s.adjoints = (pointer, capacity)
    } else {
      ArenaMemory.free(pointer)
    }
  }

  /// At most this many bytes of freed tensor buffers are kept per thread.
  static let maximumTensorBytes = 32 << 20
  /// At most this many freed tensor buffers are kept per thread.
  static let maximumTensorBuffers = 32

  /// A freed tensor buffer of exactly `count` scalars, if this thread has one.
  static func takeTensorBuffer(count: Int) -> UnsafeMutablePointer<Double>? {
    let s = slots
    guard let k = s.tensorBuffers.lastIndex(where: { $0.count == count }) else { return nil }
    s.tensorBytes -= count * MemoryLayout<Double>.stride
    return s.tensorBuffers.remove(at: k).pointer
  }

  /// Keeps a freed tensor buffer for reuse on this thread, evicting the oldest ones beyond the limits.
  static func give(tensorBuffer pointer: UnsafeMutablePointer<Double>, count: Int) {
    let bytes = count * MemoryLayout<Double>.stride
    guard bytes <= maximumTensorBytes else { return pointer.deallocate() }
    let s = slots
    s.tensorBuffers.append((count, pointer))
    s.tensorBytes += bytes
    while s.tensorBytes > maximumTensorBytes || s.tensorBuffers.count > maximumTensorBuffers {
      let oldest = s.tensorBuffers.removeFirst()
      s.tensorBytes -= oldest.count * MemoryLayout<Double>.stride
      oldest.pointer.deallocate()
    }
  }
}
