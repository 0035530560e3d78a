/// The predicted class of each row of a `[batch, classes]` tensor of scores: the index of its largest
/// element (the first one on ties).
///
/// - Precondition: `scores` has rank 2 with at least one column.
/// - Complexity: O(batch · classes).
public func predictedClasses(_ scores: Tensor) -> [Int] {
  checkPrecondition(
    scores.rank == 2 && scores.shape[1] > 0,
    "predictedClasses: expected scores of shape [batch, classes] with classes ≥ 1, got \(scores.shape)")
  return scores.argmax(alongAxis: 1)
}

/// The share of rows whose highest score is at the row's label: (1/n) Σᵢ [argmaxⱼ sᵢⱼ = yᵢ].
///
/// ```swift
/// accuracy(logits: Tensor([[2, 1], [0, 3], [5, 4]]), labels: [0, 1, 1])   // 2/3
/// ```
///
/// - Parameters:
///   - logits: Scores (logits or probabilities) of shape `[batch, classes]`.
///   - labels: One class per row, each in `0..<classes`.
/// - Returns: A fraction in [0, 1]; NaN for an empty batch.
/// - Precondition: one label per row, each in range.
/// - Complexity: O(batch · classes).
public func accuracy(logits: Tensor, labels: [Int]) -> Double {
  topKAccuracy(logits: logits, labels: labels, k: 1)
}

/// The share of rows whose label is among the `k` classes with the highest scores (PyTorch users compute it
/// with `topk`; scikit-learn's `top_k_accuracy_score`).
///
/// A row counts when fewer than `k` classes score strictly higher than its label; so on ties the label
/// counts (as in scikit-learn).
///
/// ```swift
/// topKAccuracy(logits: Tensor([[3, 2, 1], [1, 2, 3]]), labels: [1, 0], k: 2)   // 0.5
/// ```
///
/// - Parameters:
///   - logits: Scores of shape `[batch, classes]`.
///   - labels: One class per row, each in `0..<classes`.
///   - k: How many of the best classes count, ≥ 1.
/// - Returns: A fraction in [0, 1]; NaN for an empty batch.
/// - Precondition: `logits` has rank 2, one label per row in range, k ≥ 1.
/// - Complexity: O(batch · classes).
public func topKAccuracy(logits: Tensor, labels: [Int], k: Int) -> Double {
  checkPrecondition(logits.rank == 2, "topKAccuracy: expected logits of shape [batch, classes], got \(logits.shape)")
  let (rows, classes) = (logits.shape[0], logits.shape[1])
  checkPrecondition(labels.count == rows, "topKAccuracy: \(labels.count) labels for logits of shape \(logits.shape)")
  checkPrecondition(k >= 1, "topKAccuracy: k must be ≥ 1, got \(k)")
  guard rows > 0 else { return .nan }
  var correct = 0
  logits.withUnsafeBufferPointer { scores in
    for (row, label) in labels.enumerated() {
      checkPrecondition(label >= 0 && label < classes, "topKAccuracy: label \(label) of row \(row) is outside 0..<\(classes)")
      let target = scores[row * classes + label]
      var higher = 0
      for j in 0..<classes where scores[row * classes + j] > target { higher += 1 }
      if higher < k { correct += 1 }
    }
  }
  return Double(correct) / Double(rows)
}
