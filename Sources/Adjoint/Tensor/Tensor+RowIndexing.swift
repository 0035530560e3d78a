// Indexing of tensor values along the first axis: one row, a range of rows, and rows gathered by integer
// indices, with the adjoint of gathering (scattering rows back, adding where an index repeats). Indices may be
// negative, counting from the end as in NumPy (−1 is the last row). The element subscript `t[i, j]` is in
// Tensor.swift.

extension Tensor {
  /// Row `index` along the first axis: a tensor of shape `shape.dropFirst()` (NumPy's `t[i]`; a rank-0
  /// tensor for a vector). The label keeps `t[i]` for the element of a vector.
  ///
  /// ```swift
  /// let m: Tensor = [[1, 2], [3, 4], [5, 6]]
  /// m[row: -1]   // [5, 6]
  /// ```
  ///
  /// - Precondition: rank ≥ 1 and `index` in `-rows..<rows`.
  /// - Complexity: O(count / rows).
  public subscript(row index: Int) -> Tensor { gathering(rows: [index]).reshaped(to: Array(shape.dropFirst())) }

  /// The rows in `range`, along the first axis (NumPy's `t[1:3]`, `t[1:]`, `t[:2]`), copied.
  ///
  /// ```swift
  /// let m: Tensor = [[1, 2], [3, 4], [5, 6]]
  /// m[1...]   // [[3, 4], [5, 6]]
  /// ```
  ///
  /// - Precondition: rank ≥ 1 and `range` lies within `0...rows`.
  public subscript<R: RangeExpression>(range: R) -> Tensor where R.Bound == Int {
    slicing(checkedRowRange(range), alongAxis: 0)
  }

  /// The rows at `indices`, in that order, repeats allowed: shape `[indices.count] + shape.dropFirst()`
  /// (NumPy's `t[[2, 0, 2]]`, PyTorch `index_select(0, …)`, JAX `t[jnp.array([2, 0, 2])]`).
  ///
  /// ```swift
  /// let m: Tensor = [[1, 2], [3, 4], [5, 6]]
  /// m.gathering(rows: [2, 0, -1])   // [[5, 6], [1, 2], [5, 6]]
  /// ```
  ///
  /// - Precondition: rank ≥ 1 and every index in `-rows..<rows`.
  /// - Complexity: O(indices.count · count / rows).
  public func gathering(rows indices: [Int]) -> Tensor {
    let rows = checkedRows(indices, "gathering(rows:)")
    let width = shape.dropFirst().reduce(1, *)
    return Tensor(shape: [rows.count] + shape.dropFirst()) { r in
      withUnsafeBufferPointer { x in
        for (k, row) in rows.enumerated() {
          for j in 0..<width { r[k * width + j] = x[row * width + j] }
        }
      }
    }
  }

  /// `gathering(rows:)` as a subscript: `t[rows: [2, 0, 2]]`.
  public subscript(rows indices: [Int]) -> Tensor { gathering(rows: indices) }

  /// The adjoint of `gathering(rows:)`: `rowCount` rows of zeros, with row k of this tensor **added** into
  /// row `indices[k]` — an index that repeats accumulates (PyTorch `index_add`, JAX `.at[indices].add`).
  ///
  /// ```swift
  /// Tensor([[1, 1], [2, 2], [3, 3]]).scattering(rows: [2, 0, 2], rowCount: 3)   // [[2, 2], [0, 0], [4, 4]]
  /// ```
  ///
  /// - Precondition: rank ≥ 1, `rowCount >= 0`, one index per row of this tensor, each in `-rowCount..<rowCount`.
  /// - Complexity: O(count + rowCount · count / rows).
  public func scattering(rows indices: [Int], rowCount: Int) -> Tensor {
    checkPrecondition(rank >= 1, "scattering(rows:rowCount:): expects rank ≥ 1, got shape \(shape)")
    checkPrecondition(rowCount >= 0, "scattering(rows:rowCount:): negative row count \(rowCount)")
    checkPrecondition(
      indices.count == shape[0],
      "scattering(rows:rowCount:): \(indices.count) indices for the \(shape[0]) rows of shape \(shape)")
    let resultShape = [rowCount] + shape.dropFirst()
    let rows = indices.map {
      Tensor.normalizedRow($0, rowCount: rowCount, shape: resultShape, "scattering(rows:rowCount:)")
    }
    let width = shape.dropFirst().reduce(1, *)
    var result = Tensor.zeros(resultShape)
    withUnsafeBufferPointer { x in
      result.withUnsafeMutableBufferPointer { r in
        for (k, row) in rows.enumerated() {
          for j in 0..<width { r[row * width + j] += x[k * width + j] }
        }
      }
    }
    return result
  }

  /// The indices made non-negative, trapping with the index and the shape if one is out of range.
  func checkedRows(_ indices: [Int], _ operation: String) -> [Int] {
    checkPrecondition(rank >= 1, "\(operation): a rank-0 tensor has no rows")
    return indices.map { Tensor.normalizedRow($0, rowCount: shape[0], shape: shape, operation) }
  }

  /// `range` resolved against the rows of this tensor, trapping if it reaches outside them.
  func checkedRowRange<R: RangeExpression>(_ range: R) -> Range<Int> where R.Bound == Int {
    checkPrecondition(rank >= 1, "Tensor range subscript: a rank-0 tensor has no rows")
    let resolved = range.relative(to: 0..<shape[0])
    checkPrecondition(
      resolved.lowerBound >= 0 && resolved.upperBound <= shape[0],
      "Tensor range subscript: rows \(resolved) are out of bounds for shape \(shape)")
    return resolved
  }

  /// A row index made non-negative (−1 is the last row).
  static func normalizedRow(_ index: Int, rowCount: Int, shape: [Int], _ operation: String) -> Int {
    checkPrecondition(
      index >= -rowCount && index < rowCount,
      "\(operation): row index \(index) is out of range for \(rowCount) rows of shape \(shape)")
    return index < 0 ? index + rowCount : index
  }
}
