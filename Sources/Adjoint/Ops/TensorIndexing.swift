// Indexing of tensor variables: elements and rows (`x[i, j]`, `x[i]`), ranges of rows (`x[1..<3]`), rows
// gathered by integer indices and its adjoint, the scatter-add. Indices may be negative as in NumPy.
// Gathering and scattering are linear and each other's adjoints; elements, rows and ranges are compositions
// of reshape, gather and slicing, so their pullbacks (zeros with v where the part was taken) come from those.

extension Variable where Value == Tensor {
  /// The part of x at the leading indices: with n indices on a tensor of rank r ≥ n, the tensor of shape
  /// `shape[n...]` at those positions of the first n axes (NumPy basic integer indexing). `x[i, j]` of a
  /// matrix is a rank-0 tensor; `x[i]` is row i. Negative indices count from the end.
  ///
  /// Pullback: zeros of x's shape with v at the indexed position.
  ///
  /// ```swift
  /// let x = Variable(Tensor([[1, 2, 3], [4, 5, 6]]))
  /// x[1, -1].value   // Tensor(6.0)
  /// x[0].value       // [1, 2, 3]
  /// ```
  ///
  /// - Precondition: 1 ≤ n ≤ rank and each index in `-extent..<extent` of its axis.
  public subscript(indices: Int...) -> Variable {
    let shape = value.shape
    checkPrecondition(
      !indices.isEmpty && indices.count <= shape.count,
      "Variable subscript: \(indices.count) indices \(indices) for shape \(shape)")
    var offset = 0
    for (axis, index) in indices.enumerated() {
      let extent = shape[axis]
      checkPrecondition(
        index >= -extent && index < extent,
        "Variable subscript: index \(index) is out of range for axis \(axis) of shape \(shape)")
      offset = offset * extent + (index < 0 ? index + extent : index)
    }
    let rest = Array(shape[indices.count...])
    return reshaped(to: [-1] + rest).gathering(rows: [offset]).reshaped(to: rest)
  }

  /// The rows in `range` along the first axis (`x[1..<3]`, `x[1...]`, `x[..<2]`): `slicing(_:alongAxis: 0)`.
  /// Pullback: v padded with zero rows back to x's shape.
  ///
  /// - Precondition: rank ≥ 1 and `range` lies within `0...rows`.
  public subscript<R: RangeExpression>(range: R) -> Variable where R.Bound == Int {
    slicing(value.checkedRowRange(range), alongAxis: 0)
  }

  /// The rows at `indices`, in order, repeats allowed (see `Tensor.gathering(rows:)`; an embedding lookup).
  ///
  /// Pullback: the **scatter-add** of v — row k of v added into row `indices[k]` of zeros of x's shape, so an
  /// index taken twice receives the sum of both adjoints.
  ///
  /// - Precondition: rank ≥ 1 and every index in `-rows..<rows`.
  public func gathering(rows indices: [Int]) -> Variable {
    let rows = value.checkedRows(indices, "gathering(rows:)")
    let result = value.gathering(rows: rows)
    return Variable.record("gathering(rows:)", value: result, inputs: [self], batchPolymorphic: true) { v, inputs, output in
      let (batch, x) = (v.batchShape(beyondRank: output.value.rank), inputs[0].value)
      guard !batch.isEmpty else { return [v.scattering(rows: rows, rowCount: x.shape[0])] }
      // A stack of adjoints: the same rows of each, scatter-added by flat offset.
      let offsets = Tensor.offsets(ofRows: rows, rowLength: x.count / Swift.max(1, x.shape[0]))
      let all = Tensor.offsets(offsets, inEachOf: batch.reduce(1, *), blocksOf: x.count)
      return [v.scatteringAdding(flatIndices: all, shape: batch + x.shape)]
    }
  }

  /// `gathering(rows:)` as a subscript: `x[rows: [2, 0, 2]]`.
  public subscript(rows indices: [Int]) -> Variable { gathering(rows: indices) }

  /// `rowCount` rows of zeros with row k of x added into row `indices[k]` (see
  /// `Tensor.scattering(rows:rowCount:)`). Pullback: the gather of v at the same rows.
  ///
  /// - Precondition: rank ≥ 1, one index per row of x, each in `-rowCount..<rowCount`.
  public func scattering(rows indices: [Int], rowCount: Int) -> Variable {
    let result = value.scattering(rows: indices, rowCount: rowCount)
    return Variable.record("scattering(rows:rowCount:)", value: result, inputs: [self], batchPolymorphic: true) {
      v, inputs, output in
      let (batch, x) = (v.batchShape(beyondRank: output.value.rank), inputs[0].value)
      guard !batch.isEmpty else { return [v.gathering(rows: indices)] }
      // A stack of adjoints: the same rows of each, gathered by flat offset.
      let rows = indices.map { $0 < 0 ? $0 + rowCount : $0 }
      let offsets = Tensor.offsets(ofRows: rows, rowLength: output.value.count / Swift.max(1, rowCount))
      let all = Tensor.offsets(offsets, inEachOf: batch.reduce(1, *), blocksOf: output.value.count)
      return [v.gathering(flatIndices: all, shape: batch + x.shape)]
    }
  }
}
