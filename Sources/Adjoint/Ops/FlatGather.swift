// Gathering by flat (row-major) index and its adjoint, the scatter-add: the linear pair behind max pooling
// and embeddings. Each is the other's pullback. Both are batch-polymorphic (Ops/BatchedAdjoints.swift): a
// stack of adjoints is gathered or scattered at the same offsets in each of its blocks.

extension Variable where Value == Tensor {
  /// The elements at the given row-major offsets of this tensor, arranged in `shape`:
  /// `y[k] = x.scalars[flatIndices[k]]` (NumPy/JAX `take` without an axis, PyTorch `torch.take`). An offset
  /// may appear several times. Pullback: v scatter-added into zeros of x's shape,
  /// `dx[flatIndices[k]] += v[k]` (repeated offsets sum their adjoints).
  ///
  /// ```swift
  /// let x = Variable(Tensor([[1, 2, 3], [4, 5, 6]]))
  /// x.gathering(flatIndices: [5, 0, 5], shape: [3]).value.scalars   // [6.0, 1.0, 6.0]
  /// ```
  ///
  /// - Precondition: `shape` has `flatIndices.count` elements; every offset is in `0..<count`.
  /// - Complexity: O(flatIndices.count) forward; O(count + flatIndices.count) backward.
  public func gathering(flatIndices: [Int], shape: [Int]) -> Variable {
    Variable.record(
      "gathering(flatIndices:shape:)", value: value.gathering(flatIndices: flatIndices, shape: shape), inputs: [self],
      batchPolymorphic: true
    ) { v, inputs, _ in
      let (batch, x) = (v.batchShape(beyondRank: shape.count), inputs[0].value)
      guard !batch.isEmpty else { return [v.scatteringAdding(flatIndices: flatIndices, shape: x.shape)] }
      let offsets = Tensor.offsets(flatIndices, inEachOf: batch.reduce(1, *), blocksOf: x.count)
      return [v.scatteringAdding(flatIndices: offsets, shape: batch + x.shape)]
    }
  }

  /// Zeros of `shape` with each element of this tensor added at its offset: `y[flatIndices[k]] += x[k]`.
  /// Pullback: the gather of v at the same offsets.
  func scatteringAdding(flatIndices: [Int], shape: [Int]) -> Variable {
    let result = value.scatteringAdding(flatIndices: flatIndices, shape: shape)
    return Variable.record("scatteringAdding", value: result, inputs: [self], batchPolymorphic: true) { v, inputs, output in
      let (batch, x) = (v.batchShape(beyondRank: shape.count), inputs[0].value)
      guard !batch.isEmpty else { return [v.gathering(flatIndices: flatIndices, shape: x.shape)] }
      let offsets = Tensor.offsets(flatIndices, inEachOf: batch.reduce(1, *), blocksOf: output.value.count)
      return [v.gathering(flatIndices: offsets, shape: batch + x.shape)]
    }
  }
}

extension Tensor {
  /// `offsets` repeated for each of `count` consecutive blocks of `stride` elements: block b's copy is
  /// shifted by b·stride (the offsets of a stack of `count` tensors of `stride` elements each).
  static func offsets(_ offsets: [Int], inEachOf count: Int, blocksOf stride: Int) -> [Int] {
    var result: [Int] = []
    result.reserveCapacity(count * offsets.count)
    for b in 0..<count { result += offsets.lazy.map { $0 + b * stride } }
    return result
  }

  /// The row-major offsets of the elements of rows `rows` (non-negative) of a tensor whose rows have
  /// `rowLength` elements, row by row.
  static func offsets(ofRows rows: [Int], rowLength: Int) -> [Int] {
    rows.flatMap { i in (0..<rowLength).lazy.map { i * rowLength + $0 } }
  }

  /// `y[k] = scalars[flatIndices[k]]`, in `shape` (see `Variable.gathering(flatIndices:shape:)`).
  func gathering(flatIndices: [Int], shape: [Int]) -> Tensor {
    let n = count
    checkPrecondition(
      shape.reduce(1, *) == flatIndices.count,
      "gathering(flatIndices:shape:): \(flatIndices.count) offsets do not fill shape \(shape)")
    let source = storageBuffer
    return Tensor(shape: shape) { out in
      for (k, offset) in flatIndices.enumerated() {
        checkPrecondition(
          offset >= 0 && offset < n,
          "gathering(flatIndices:shape:): offset \(offset) at position \(k) is outside a tensor of shape \(self.shape)")
        out[k] = source.base[offset]
      }
    }
  }

  /// Zeros of `shape` with `scalars[k]` added at `flatIndices[k]`.
  func scatteringAdding(flatIndices: [Int], shape: [Int]) -> Tensor {
    checkPrecondition(
      count == flatIndices.count,
      "scatteringAdding: \(flatIndices.count) offsets for a tensor of shape \(self.shape)")
    let n = shape.reduce(1, *)
    let source = storageBuffer
    return Tensor(shape: shape) { out in
      out.initialize(repeating: 0)
      for (k, offset) in flatIndices.enumerated() {
        checkPrecondition(offset >= 0 && offset < n, "scatteringAdding: offset \(offset) is outside shape \(shape)")
        out[offset] += source.base[k]
      }
    }
  }
}
