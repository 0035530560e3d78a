// Shape operations on tensor values: reshape, transpose, concatenate, stack and slice. None of them does
// arithmetic; reshape does not even copy (the storage is shared, copy-on-write).

extension Tensor {
  /// Makes a tensor directly from a shape and storage (which must agree).
  init(shape: [Int], storage: Storage) {
    self.shape = shape
    self.storage = storage
  }

  /// The same scalars in row-major order, viewed with another shape. One extent may be −1, meaning
  /// "whatever makes the count right" (as in NumPy and PyTorch).
  ///
  /// ```swift
  /// Tensor([1, 2, 3, 4, 5, 6]).reshaped(to: [2, -1])   // [[1, 2, 3], [4, 5, 6]]
  /// ```
  ///
  /// - Precondition: the new shape has the same number of scalars; at most one extent is −1, the others ≥ 0.
  /// - Complexity: O(1): the storage is shared, not copied.
  public func reshaped(to newShape: [Int]) -> Tensor {
    var newShape = newShape
    if let unknown = newShape.firstIndex(of: -1) {
      let known = newShape.enumerated().filter { $0.offset != unknown }.map(\.element)
      let product = known.reduce(1, *)
      checkPrecondition(
        known.allSatisfy { $0 >= 0 } && product > 0 && count % product == 0,
        "reshaped(to:): cannot reshape \(shape) (\(count) scalars) to \(newShape)")
      newShape[unknown] = count / product
    }
    checkPrecondition(
      newShape.allSatisfy { $0 >= 0 } && newShape.reduce(1, *) == count,
      "reshaped(to:): cannot reshape \(shape) (\(count) scalars) to \(newShape)")
    if newShape == shape { return self }
    switch storage {
    case .scalar(let x): return Tensor(shape: newShape, scalars: [x])
    case .buffer(let b): return Tensor(shape: newShape, storage: newShape.isEmpty ? .scalar(b.base[0]) : .buffer(b))
    }
  }

  /// The transpose of a matrix: `result[j, i] = self[i, j]`.
  ///
  /// - Precondition: the rank is 2.
  /// - Complexity: O(count).
  public func transposed() -> Tensor {
    checkPrecondition(rank == 2, "transposed(): expects a rank-2 tensor, got shape \(shape)")
    let (rows, columns) = (shape[0], shape[1])
    return Tensor(shape: [columns, rows]) { r in
      withUnsafeBufferPointer { x in
        for i in 0..<rows { for j in 0..<columns { r[j * rows + i] = x[i * columns + j] } }
      }
    }
  }

  /// The axes reordered: axis d of the result is axis `permutation[d]` of this tensor (NumPy's
  /// `transpose(axes)`, PyTorch's `permute`).
  ///
  /// ```swift
  /// Tensor.zeros([2, 3, 4]).transposed(permutation: [2, 0, 1]).shape   // [4, 2, 3]
  /// ```
  ///
  /// - Precondition: `permutation` is a permutation of `0..<rank`.
  /// - Complexity: O(count).
  public func transposed(permutation: [Int]) -> Tensor {
    checkPrecondition(
      permutation.sorted() == Array(0..<rank),
      "transposed(permutation:): \(permutation) is not a permutation of the axes of shape \(shape)")
    if permutation == Array(0..<rank) { return self }
    var strides = [Int](repeating: 1, count: rank)
    for d in stride(from: rank - 2, through: 0, by: -1) { strides[d] = strides[d + 1] * shape[d + 1] }
    let newShape = permutation.map { shape[$0] }
    let readStrides = permutation.map { strides[$0] }
    let step = readStrides[rank - 1]
    return Tensor(shape: newShape) { r in
      withUnsafeBufferPointer { x in
        Tensor.forEachRow(of: newShape, readStrides, readStrides) { start, inner, offset, _ in
          for j in 0..<inner { r[start + j] = x[offset + j * step] }
        }
      }
    }
  }

  /// Joins tensors along an existing axis (NumPy's `concatenate`).
  ///
  /// ```swift
  /// Tensor(concatenating: [Tensor([[1, 2]]), Tensor([[3, 4], [5, 6]])], alongAxis: 0)   // [[1, 2], [3, 4], [5, 6]]
  /// ```
  ///
  /// - Precondition: at least one tensor; all have the same rank ≥ 1 and the same extents except along `axis`.
  /// - Complexity: O(total count).
  public init(concatenating tensors: [Tensor], alongAxis axis: Int = 0) {
    checkPrecondition(!tensors.isEmpty, "Tensor(concatenating:alongAxis:): no tensors to concatenate")
    let first = tensors[0]
    checkPrecondition(first.rank > 0, "Tensor(concatenating:alongAxis:): cannot concatenate rank-0 tensors")
    let k = first.normalizedAxis(axis, "Tensor(concatenating:alongAxis:)")
    for t in tensors {
      checkPrecondition(
        t.rank == first.rank && t.shape.enumerated().allSatisfy { $0.offset == k || $0.element == first.shape[$0.offset] },
        "Tensor(concatenating:alongAxis:): shapes \(tensors.map(\.shape)) differ outside axis \(axis)")
    }
    var shape = first.shape
    shape[k] = tensors.reduce(0) { $0 + $1.shape[k] }
    let outer = shape[..<k].reduce(1, *)
    let inner = shape[(k + 1)...].reduce(1, *)
    let rowLength = shape[k] * inner
    self.init(shape: shape) { r in
      var offset = 0
      for t in tensors {
        let chunk = t.shape[k] * inner
        t.withUnsafeBufferPointer { x in
          for o in 0..<outer { for j in 0..<chunk { r[o * rowLength + offset + j] = x[o * chunk + j] } }
        }
        offset += chunk
      }
    }
  }

  /// This tensor joined with `other` along `axis`.
  ///
  /// - Precondition: as for `Tensor(concatenating:alongAxis:)`.
  public func concatenated(with other: Tensor, alongAxis axis: Int = 0) -> Tensor {
    Tensor(concatenating: [self, other], alongAxis: axis)
  }

  /// Joins tensors of one shape along a new axis inserted at `axis` (NumPy's `stack`): stacking n tensors
  /// of shape [a, b] along axis 0 gives [n, a, b]; along axis 2 (or −1), [a, b, n].
  ///
  /// - Precondition: at least one tensor, all of the same shape; `axis` in `-(rank + 1)...rank`.
  /// - Complexity: O(total count).
  public init(stacking tensors: [Tensor], alongAxis axis: Int = 0) {
    checkPrecondition(!tensors.isEmpty, "Tensor(stacking:alongAxis:): no tensors to stack")
    let shape = tensors[0].shape
    checkPrecondition(
      tensors.allSatisfy { $0.shape == shape }, "Tensor(stacking:alongAxis:): shapes \(tensors.map(\.shape)) differ")
    let k = Tensor.stackingAxis(axis, rank: shape.count, "Tensor(stacking:alongAxis:)")
    var expanded = shape
    expanded.insert(1, at: k)
    self.init(concatenating: tensors.map { $0.reshaped(to: expanded) }, alongAxis: k)
  }

  /// The position of the new axis of a stack, made non-negative.
  static func stackingAxis(_ axis: Int, rank: Int, _ operation: String) -> Int {
    checkPrecondition(axis >= -(rank + 1) && axis <= rank, "\(operation): axis \(axis) is out of range for rank \(rank)")
    return axis < 0 ? axis + rank + 1 : axis
  }

  /// The elements whose index along `axis` is in `range` (NumPy's `x[..., lower:upper, ...]`), copied.
  ///
  /// ```swift
  /// Tensor([[1, 2, 3], [4, 5, 6]]).slicing(1..<3, alongAxis: 1)   // [[2, 3], [5, 6]]
  /// ```
  ///
  /// - Precondition: `axis` is in `-rank..<rank` and `range` lies within its extent.
  /// - Complexity: O(count of the result).
  public func slicing(_ range: Range<Int>, alongAxis axis: Int) -> Tensor {
    let k = normalizedAxis(axis, "slicing(_:alongAxis:)")
    checkPrecondition(
      range.lowerBound >= 0 && range.upperBound <= shape[k],
      "slicing(_:alongAxis:): range \(range) is out of bounds for axis \(axis) of shape \(shape)")
    var newShape = shape
    newShape[k] = range.count
    let (outer, inner, n) = (shape[..<k].reduce(1, *), shape[(k + 1)...].reduce(1, *), shape[k])
    let chunk = range.count * inner
    return Tensor(shape: newShape) { r in
      withUnsafeBufferPointer { x in
        for o in 0..<outer {
          let source = (o * n + range.lowerBound) * inner
          for j in 0..<chunk { r[o * chunk + j] = x[source + j] }
        }
      }
    }
  }

  /// This tensor placed inside zeros along `axis`, with `before` zero slices in front and `after` behind:
  /// the adjoint of `slicing(_:alongAxis:)`.
  func zeroPadded(alongAxis axis: Int, before: Int, after: Int) -> Tensor {
    let k = normalizedAxis(axis, "zeroPadded(alongAxis:)")
    let parts = [
      Tensor.zeros(shape.enumerated().map { $0.offset == k ? before : $0.element }), self,
      Tensor.zeros(shape.enumerated().map { $0.offset == k ? after : $0.element }),
    ]
    return Tensor(concatenating: parts, alongAxis: k)
  }
}
