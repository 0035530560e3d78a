/// A classification data set: one row of features per example and its integer class label.
///
/// `features` has shape `[count, featureCount]`; `labels[i]` is the class of row `i`, in `0..<classCount`.
///
/// ```swift
/// let data = LabeledDataset(
///   features: Tensor([[0, 1], [1, 0], [1, 1]]), labels: [1, 1, 0], classCount: 2)
/// data.count          // 3
/// data.classCounts    // [1, 2]
/// ```
public struct LabeledDataset: Sendable, Equatable {
  /// The examples, one per row: shape `[count, featureCount]`.
  public let features: Tensor
  /// The class of each row, each in `0..<classCount`.
  public let labels: [Int]
  /// The number of classes. Labels run from 0 to `classCount - 1`; some classes may have no examples.
  public let classCount: Int

  /// Creates a data set from a feature matrix and its labels.
  ///
  /// - Parameters:
  ///   - features: A rank-2 tensor with one row per example.
  ///   - labels: One label per row, each in `0..<classCount`.
  ///   - classCount: The number of classes.
  /// - Precondition: `features` has rank 2, `labels.count == features.shape[0]`, and every label is in
  ///   `0..<classCount`.
  public init(features: Tensor, labels: [Int], classCount: Int) {
    checkPrecondition(features.rank == 2, "LabeledDataset: features must have rank 2, got shape \(features.shape)")
    checkPrecondition(
      labels.count == features.shape[0],
      "LabeledDataset: \(labels.count) labels for \(features.shape[0]) rows (features shape \(features.shape))")
    checkPrecondition(classCount >= 0, "LabeledDataset: negative class count \(classCount)")
    if let bad = labels.first(where: { $0 < 0 || $0 >= classCount }) {
      failPrecondition("LabeledDataset: label \(bad) is outside 0..<\(classCount)")
    }
    self.features = features
    self.labels = labels
    self.classCount = classCount
  }

  /// The number of examples (rows).
  public var count: Int { features.shape[0] }

  /// The number of features in each row.
  public var featureCount: Int { features.shape[1] }

  /// How many examples each class has: `classCounts[c]` is the number of rows labelled `c`.
  ///
  /// - Complexity: O(`count`).
  public var classCounts: [Int] {
    var counts = [Int](repeating: 0, count: classCount)
    for label in labels { counts[label] += 1 }
    return counts
  }

  /// The data set made of the given rows, in the given order (rows may repeat).
  ///
  /// - Parameter rows: Row indices, each in `0..<count`.
  /// - Returns: A data set with `rows.count` examples and the same `classCount`.
  /// - Precondition: every index is in `0..<count`.
  /// - Complexity: O(`rows.count × featureCount`).
  public func rows(_ rows: some Collection<Int>) -> LabeledDataset {
    LabeledDataset(
      uncheckedFeatures: gatherRows(of: features, rows),
      labels: rows.map { labels[$0] },
      classCount: classCount)
  }

  /// Creates a data set without checking the labels (for callers that already did).
  init(uncheckedFeatures features: Tensor, labels: [Int], classCount: Int) {
    checkPrecondition(
      features.rank == 2 && labels.count == features.shape[0],
      "LabeledDataset: \(labels.count) labels for features of shape \(features.shape)")
    self.features = features
    self.labels = labels
    self.classCount = classCount
  }
}

/// The rows of a rank-2 tensor at the given indices, in order, as a new `[rows.count, columns]` tensor.
///
/// - Precondition: `matrix` has rank 2 and every index is in `0..<matrix.shape[0]`.
func gatherRows(of matrix: Tensor, _ rows: some Collection<Int>) -> Tensor {
  checkPrecondition(matrix.rank == 2, "gatherRows: expected a rank-2 tensor, got shape \(matrix.shape)")
  let rowCount = matrix.shape[0]
  let columns = matrix.shape[1]
  return matrix.withUnsafeBufferPointer { source in
    Tensor(shape: [rows.count, columns]) { destination in
      var offset = 0
      for row in rows {
        checkPrecondition(row >= 0 && row < rowCount, "gatherRows: row \(row) is out of bounds for \(rowCount) rows")
        for column in 0..<columns {
          destination.initializeElement(at: offset + column, to: source[row * columns + column])
        }
        offset += columns
      }
    }
  }
}
