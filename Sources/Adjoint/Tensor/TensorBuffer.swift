/// The heap storage of a tensor of rank ≥ 1: a fixed number of `Double`s, shared copy-on-write by tensors.
///
/// Training repeats the same shapes step after step, and large buffers straight from `malloc` come from
/// fresh pages each time (the allocator returns big blocks to the system on free), so every step would pay
/// page faults for its activations and gradients. A buffer of at least `pooledMinimumCount` scalars is
/// therefore returned to its thread's cache when freed and handed out again for the next request of exactly
/// that size (see `ThreadLocalCache`); smaller buffers use `malloc` directly.
@usableFromInline
final class TensorBuffer: @unchecked Sendable {  // immutable once shared: mutation requires unique ownership
  @usableFromInline let base: UnsafeMutablePointer<Double>
  @usableFromInline let count: Int

  /// Buffers smaller than this many scalars are not pooled.
  static let pooledMinimumCount = 512

  /// A buffer of `count` uninitialized scalars.
  @usableFromInline
  init(uninitializedCount count: Int) {
    self.count = count
    if count >= Self.pooledMinimumCount, let reused = ThreadLocalCache.takeTensorBuffer(count: count) {
      base = reused
    } else {
      base = .allocate(capacity: Swift.max(count, 1))
    }
  }

  deinit {
    if count >= Self.pooledMinimumCount {
      ThreadLocalCache.give(tensorBuffer: base, count: count)
    } else {
      base.deallocate()
    }
  }

  /// A buffer holding a copy of `scalars`.
  @usableFromInline
  convenience init(copying scalars: UnsafeBufferPointer<Double>) {
    self.init(uninitializedCount: scalars.count)
    if let source = scalars.baseAddress { base.initialize(from: source, count: scalars.count) }
  }

  /// The scalars, read-only.
  @inlinable var buffer: UnsafeBufferPointer<Double> { UnsafeBufferPointer(start: base, count: count) }
}
