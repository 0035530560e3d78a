/// Counts of (true class, predicted class) pairs: row i, column j is the number of examples of class i
/// predicted as class j (scikit-learn's `confusion_matrix` layout).
///
/// ```swift
/// let matrix = ConfusionMatrix(predicted: [0, 1, 1, 2], expected: [0, 1, 2, 2], classCount: 3)
/// matrix[2, 1]          // 1: one example of class 2 was predicted as 1
/// matrix.accuracy       // 0.75
/// print(matrix)
/// // prints:
/// // true\pred  0  1  2
/// //         0  1  0  0
/// //         1  0  1  0
/// //         2  0  1  1
/// ```
public struct ConfusionMatrix: Sendable, Equatable, CustomStringConvertible {
  /// The number of classes: the matrix is `classCount × classCount`.
  public let classCount: Int
  /// The counts, row-major: `counts[i * classCount + j]` examples of class i were predicted as j.
  public private(set) var counts: [Int]

  /// Tallies the pairs.
  ///
  /// - Parameters:
  ///   - predicted: The predicted class of each example.
  ///   - expected: The true class of each example.
  ///   - classCount: The number of classes.
  /// - Precondition: both arrays have the same length, every class is in `0..<classCount`.
  /// - Complexity: O(n + classCount²).
  public init(predicted: [Int], expected: [Int], classCount: Int) {
    checkPrecondition(classCount >= 0, "ConfusionMatrix: negative class count \(classCount)")
    checkPrecondition(
      predicted.count == expected.count,
      "ConfusionMatrix: \(predicted.count) predictions for \(expected.count) labels")
    self.classCount = classCount
    counts = [Int](repeating: 0, count: classCount * classCount)
    for (index, (p, e)) in zip(predicted, expected).enumerated() {
      checkPrecondition(
        p >= 0 && p < classCount && e >= 0 && e < classCount,
        "ConfusionMatrix: example \(index) has predicted class \(p) and label \(e), expected both in 0..<\(classCount)")
      counts[e * classCount + p] += 1
    }
  }

  /// Tallies the predictions of a `[batch, classes]` score tensor (the argmax of each row) against `labels`.
  ///
  /// - Precondition: `logits` has rank 2, one label per row, every label in `0..<classes`.
  public init(logits: Tensor, labels: [Int]) {
    self.init(predicted: predictedClasses(logits), expected: labels, classCount: logits.shape[1])
  }

  /// The number of examples of class `trueClass` predicted as `predictedClass`.
  public subscript(trueClass: Int, predictedClass: Int) -> Int {
    checkPrecondition(
      trueClass >= 0 && trueClass < classCount && predictedClass >= 0 && predictedClass < classCount,
      "ConfusionMatrix: index [\(trueClass), \(predictedClass)] is outside a \(classCount) × \(classCount) matrix")
    return counts[trueClass * classCount + predictedClass]
  }

  /// The number of examples tallied.
  public var total: Int { counts.reduce(0, +) }

  /// The share on the diagonal, Σᵢ Cᵢᵢ / Σᵢⱼ Cᵢⱼ (NaN when empty).
  public var accuracy: Double {
    guard total > 0 else { return .nan }
    return Double((0..<classCount).reduce(0) { $0 + self[$1, $1] }) / Double(total)
  }

  /// The recall of each class, Cᵢᵢ / Σⱼ Cᵢⱼ: the share of its examples predicted correctly (NaN for a
  /// class with no examples).
  public var recall: [Double] {
    (0..<classCount).map { i in
      let row = (0..<classCount).reduce(0) { $0 + self[i, $1] }
      return row == 0 ? .nan : Double(self[i, i]) / Double(row)
    }
  }

  /// A table with a header row of predicted classes and one row per true class, columns right-aligned.
  public var description: String {
    let corner = "true\\pred"
    let width = max(String(counts.max() ?? 0).count, String(max(classCount - 1, 0)).count)
    func cell(_ text: String, _ w: Int) -> String { String(repeating: " ", count: max(0, w - text.count)) + text }
    var lines = [corner + (0..<classCount).map { "  " + cell(String($0), width) }.joined()]
    for i in 0..<classCount {
      lines.append(cell(String(i), corner.count) + (0..<classCount).map { "  " + cell(String(self[i, $0]), width) }.joined())
    }
    return lines.joined(separator: "\n")
  }
}
