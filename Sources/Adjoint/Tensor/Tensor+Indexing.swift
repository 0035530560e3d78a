// Integer-label indexing of tensor values: one element per row by column index (what cross-entropy needs),
// its adjoint (scattering back into a matrix of zeros), and one-hot encoding.

extension Tensor {
  /// For each row i of a matrix, the element in column `columns[i]`: `result[i] = self[i, columns[i]]`, a
  /// tensor of shape `[rows]`.
  ///
  /// With a matrix of log-probabilities and the class labels of a batch, this picks each example's
  /// log-probability of its true class. The equivalents elsewhere: NumPy/JAX
  /// `take_along_axis(x, columns[:, None], axis=1)[:, 0]`, PyTorch `x.gather(1, columns[:, None]).squeeze(1)`.
  ///
  /// ```swift
  /// Tensor([[0.1, 0.9], [0.8, 0.2], [0.3, 0.7]]).gathering(columnPerRow: [1, 0, 1])   // [0.9, 0.8, 0.7]
  /// ```
  ///
  /// - Precondition: the tensor has rank 2, `columns.count` equals the number of rows, and every column
  ///   index is in `0..<columnCount`.
  /// - Complexity: O(rows).
  public func gathering(columnPerRow columns: [Int]) -> Tensor {
    let (rows, width) = checkedLabels(columns, "gathering(columnPerRow:)")
    return Tensor(shape: [rows]) { r in
      withUnsafeBufferPointer { x in for i in 0..<rows { r[i] = x[i * width + columns[i]] } }
    }
  }

  /// The adjoint of `gathering(columnPerRow:)`: a `[rows, columnCount]` matrix of zeros with this vector's
  /// element i at `[i, columns[i]]`.
  func scattering(columnPerRow columns: [Int], columnCount: Int) -> Tensor {
    checkPrecondition(
      rank == 1 && shape[0] == columns.count,
      "scattering(columnPerRow:): \(columns.count) column indices for shape \(shape)")
    var result = Tensor.zeros([columns.count, columnCount])
    withUnsafeBufferPointer { x in
      result.withUnsafeMutableBufferPointer { r in
        for (i, column) in columns.enumerated() {
          checkPrecondition(
            column >= 0 && column < columnCount,
            "scattering(columnPerRow:): column \(column) is out of range for \(columnCount) columns")
          r[i * columnCount + column] = x[i]
        }
      }
    }
    return result
  }

  /// One row per label, with 1 in the label's column and 0 elsewhere: shape `[labels.count, classCount]`.
  ///
  /// ```swift
  /// Tensor.oneHot(labels: [2, 0], classCount: 3)   // [[0, 0, 1], [1, 0, 0]]
  /// ```
  ///
  /// - Precondition: every label is in `0..<classCount`.
  /// - Complexity: O(labels.count · classCount).
  public static func oneHot(labels: [Int], classCount: Int) -> Tensor {
    checkPrecondition(classCount >= 0, "oneHot(labels:classCount:): negative class count \(classCount)")
    var result = Tensor.zeros([labels.count, classCount])
    result.withUnsafeMutableBufferPointer { r in
      for (i, label) in labels.enumerated() {
        checkPrecondition(
          label >= 0 && label < classCount,
          "oneHot(labels:classCount:): label \(label) is out of range for \(classCount) classes")
        r[i * classCount + label] = 1
      }
    }
    return result
  }

  /// Checks that `columns` holds one valid column index per row of this matrix; returns (rows, columns).
  func checkedLabels(_ columns: [Int], _ operation: String) -> (Int, Int) {
    checkPrecondition(rank == 2, "\(operation): expects a rank-2 tensor, got shape \(shape)")
    let (rows, width) = (shape[0], shape[1])
    checkPrecondition(columns.count == rows, "\(operation): \(columns.count) column indices for \(rows) rows of shape \(shape)")
    for column in columns {
      checkPrecondition(
        column >= 0 && column < width, "\(operation): column \(column) is out of range for shape \(shape)")
    }
    return (rows, width)
  }
}
