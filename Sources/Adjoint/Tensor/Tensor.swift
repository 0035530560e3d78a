/// An n-dimensional, row-major array of `Double`: a pure value with no differentiation in it.
///
/// `Tensor` is what a `Variable<Tensor>` carries on a tape, and what gradients of tensor variables are.
/// It has value semantics with copy-on-write storage. A rank-0 tensor (a scalar) holds its value inline and
/// allocates nothing; larger storage is recycled through a per-thread cache (see `TensorBuffer`), so a
/// training loop that repeats its shapes reuses the same memory step after step.
///
/// ```swift
/// let m = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
/// m.shape        // [2, 3]
/// m[1, 2]        // 6.0
/// ```
public struct Tensor: Sendable {
  /// The extent of each dimension, outermost first. `[]` for a scalar.
  public let shape: [Int]
  @usableFromInline var storage: Storage

  /// Where the scalars live: inline for rank 0, in a shared copy-on-write buffer otherwise.
  @usableFromInline
  enum Storage: Sendable {
    case scalar(Double)
    case buffer(TensorBuffer)
  }

  /// Creates a tensor of the given shape from its scalars in row-major order.
  ///
  /// - Precondition: `scalars.count` equals the product of `shape`, and no dimension is negative.
  public init(shape: [Int], scalars: [Double]) {
    checkPrecondition(shape.allSatisfy { $0 >= 0 }, "Tensor(shape:scalars:): negative dimension in shape \(shape)")
    let count = shape.reduce(1, *)
    checkPrecondition(
      scalars.count == count,
      "Tensor(shape:scalars:): shape \(shape) needs \(count) scalars, got \(scalars.count)")
    self.shape = shape
    self.storage = shape.isEmpty ? .scalar(scalars[0]) : .buffer(scalars.withUnsafeBufferPointer(TensorBuffer.init(copying:)))
  }

  /// Creates a rank-0 tensor (a scalar). Allocates nothing.
  @inlinable
  public init(_ scalar: Double) {
    self.shape = []
    self.storage = .scalar(scalar)
  }

  /// Creates a rank-1 tensor from an array.
  public init(_ scalars: [Double]) {
    self.shape = [scalars.count]
    self.storage = .buffer(scalars.withUnsafeBufferPointer(TensorBuffer.init(copying:)))
  }

  /// Creates a rank-2 tensor from its rows.
  ///
  /// - Precondition: every row has the same length.
  public init(_ rows: [[Double]]) {
    let columns = rows.first?.count ?? 0
    checkPrecondition(
      rows.allSatisfy { $0.count == columns },
      "Tensor(_ rows:): rows have different lengths \(rows.map(\.count))")
    self.init(shape: [rows.count, columns], scalars: rows.flatMap { $0 })
  }

  /// Creates a tensor of the given shape with every scalar equal to `value`.
  public init(repeating value: Double, shape: [Int]) {
    checkPrecondition(shape.allSatisfy { $0 >= 0 }, "Tensor(repeating:shape:): negative dimension in shape \(shape)")
    self.init(shape: shape) { $0.initialize(repeating: value) }
  }

  /// Creates a tensor of the given shape whose scalars are written by `initializer` into uninitialized memory.
  ///
  /// `initializer` must initialize every one of the `count` scalars of the buffer it is given.
  @inlinable
  public init(shape: [Int], unsafeUninitializedScalars initializer: (UnsafeMutableBufferPointer<Double>) -> Void) {
    self.shape = shape
    if shape.isEmpty {
      var value = 0.0
      withUnsafeMutablePointer(to: &value) { initializer(UnsafeMutableBufferPointer(start: $0, count: 1)) }
      self.storage = .scalar(value)
    } else {
      let buffer = TensorBuffer(uninitializedCount: shape.reduce(1, *))
      initializer(UnsafeMutableBufferPointer(start: buffer.base, count: buffer.count))
      self.storage = .buffer(buffer)
    }
  }

  /// A tensor of zeros.
  public static func zeros(_ shape: [Int]) -> Tensor { Tensor(repeating: 0, shape: shape) }

  /// A tensor of ones.
  public static func ones(_ shape: [Int]) -> Tensor { Tensor(repeating: 1, shape: shape) }

  /// The number of dimensions.
  @inlinable public var rank: Int { shape.count }

  /// The number of scalars: the product of the shape (1 for a scalar).
  @inlinable public var count: Int {
    switch storage {
    case .scalar: return 1
    case .buffer(let b): return b.count
    }
  }

  /// The scalars in row-major order.
  public var scalars: [Double] {
    switch storage {
    case .scalar(let x): return [x]
    case .buffer(let b): return Array(b.buffer)
    }
  }

  /// The only scalar of a tensor with one element (any rank).
  ///
  /// - Precondition: `count == 1`.
  @inlinable public var scalar: Double {
    switch storage {
    case .scalar(let x): return x
    case .buffer(let b):
      checkPrecondition(b.count == 1, "Tensor.scalar: the tensor has shape \(shape), not a single element")
      return b.base[0]
    }
  }

  /// The scalars as a shared buffer (a rank-0 tensor's scalar is copied into a new one-element buffer).
  ///
  /// Kernels read their operands through `buffer.base` rather than nested `withUnsafeBufferPointer`
  /// closures, which would duplicate the loop for each storage case and keep it from being inlined and
  /// vectorized. The buffer stays valid while the returned reference is alive.
  var storageBuffer: TensorBuffer {
    switch storage {
    case .scalar(let x):
      let buffer = TensorBuffer(uninitializedCount: 1)
      buffer.base.initialize(to: x)
      return buffer
    case .buffer(let b): return b
    }
  }

  /// A tensor of the given shape whose scalars are those of `buffer` (which must hold exactly as many).
  init(shape: [Int], buffer: TensorBuffer) {
    self.shape = shape
    self.storage = shape.isEmpty ? .scalar(buffer.base[0]) : .buffer(buffer)
  }

  /// True when every scalar is finite (no NaN, no infinity).
  public var isFinite: Bool { withUnsafeBufferPointer { $0.allSatisfy(\.isFinite) } }

  /// Calls `body` with the scalars in row-major order.
  @inlinable
  public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Double>) throws -> R) rethrows -> R {
    switch storage {
    case .scalar(var x):
      return try withUnsafePointer(to: &x) { try body(UnsafeBufferPointer(start: $0, count: 1)) }
    case .buffer(let b):
      return try body(b.buffer)
    }
  }

  /// Calls `body` with mutable access to the scalars in row-major order (copying the storage first if it is
  /// shared).
  @inlinable
  public mutating func withUnsafeMutableBufferPointer<R>(
    _ body: (UnsafeMutableBufferPointer<Double>) throws -> R
  ) rethrows -> R {
    switch storage {
    case .scalar(var x):
      defer { storage = .scalar(x) }
      return try withUnsafeMutablePointer(to: &x) { try body(UnsafeMutableBufferPointer(start: $0, count: 1)) }
    case .buffer(var b):
      storage = .scalar(0)  // drop our reference so that `b` is uniquely referenced if no one else shares it
      if !isKnownUniquelyReferenced(&b) { b = TensorBuffer(copying: b.buffer) }
      defer { storage = .buffer(b) }
      return try body(UnsafeMutableBufferPointer(start: b.base, count: b.count))
    }
  }

  /// Calls `body(target, source, count)` to overwrite every scalar in one pass: `source` holds the current
  /// scalars and `target` is where the new ones go. They are the same memory when no other tensor shares
  /// the storage; otherwise `target` is a new buffer, which then becomes this tensor's — a shared buffer is
  /// never copied first and then updated. `body` must write all `count` scalars of `target`.
  mutating func overwriteScalars(
    _ body: (_ target: UnsafeMutablePointer<Double>, _ source: UnsafePointer<Double>, _ count: Int) -> Void
  ) {
    switch storage {
    case .scalar(var x):
      withUnsafeMutablePointer(to: &x) { body($0, UnsafePointer($0), 1) }
      storage = .scalar(x)
    case .buffer(var b):
      storage = .scalar(0)  // drop our reference so that `b` is uniquely referenced if no one else shares it
      if isKnownUniquelyReferenced(&b) {
        body(b.base, b.base, b.count)
        storage = .buffer(b)
      } else {
        let target = TensorBuffer(uninitializedCount: b.count)
        withExtendedLifetime(b) { body(target.base, b.base, b.count) }
        storage = .buffer(target)
      }
    }
  }

  /// The scalar at a multi-dimensional index. An index may be negative, counting from the end of its axis
  /// as in NumPy (−1 is the last).
  ///
  /// - Precondition: one index per dimension, each in `-extent..<extent`.
  public subscript(indices: Int...) -> Double {
    get { withUnsafeBufferPointer { $0[offset(of: indices)] } }
    set {
      let i = offset(of: indices)
      withUnsafeMutableBufferPointer { $0[i] = newValue }
    }
  }

  func offset(of indices: [Int]) -> Int {
    checkPrecondition(
      indices.count == shape.count, "Tensor subscript: \(indices.count) indices for shape \(shape)")
    var offset = 0
    for (index, extent) in zip(indices, shape) {
      checkPrecondition(
        index >= -extent && index < extent, "Tensor subscript: index \(indices) is out of bounds for shape \(shape)")
      offset = offset * extent + (index < 0 ? index + extent : index)
    }
    return offset
  }
}

extension Tensor: Equatable {
  /// Exact equality of shapes and scalars (NaN is unequal to itself, as for `Double`).
  public static func == (lhs: Tensor, rhs: Tensor) -> Bool {
    lhs.shape == rhs.shape && lhs.withUnsafeBufferPointer { a in rhs.withUnsafeBufferPointer { b in a.elementsEqual(b) } }
  }
}
