import Testing

import AdjointNN

/// Accuracy, top-k accuracy and the confusion matrix against scikit-learn 1.9.1's printed values
/// (`Tests/References/metrics_reference.py`).
@Suite struct MetricsTests {
  static let scores = Tensor([
    [0.1, 2.0, 0.3, -1.0], [1.5, 0.2, 0.1, 0.0], [0.0, 0.1, 0.2, 0.3], [2.0, 1.9, -3.0, 0.5],
    [0.3, 0.2, 0.9, 0.8], [-1.0, 0.0, 1.0, 2.0], [0.5, 0.4, 0.3, 0.2], [0.2, 0.9, 0.1, 0.3],
  ])
  static let labels = [1, 0, 2, 1, 3, 3, 2, 0]

  @Test func accuracyMatchesScikitLearn() {
    #expect(accuracy(logits: Self.scores, labels: Self.labels) == 0.375)  // 3 of 8, exact
  }

  @Test func topKAccuracyMatchesScikitLearn() {
    #expect(topKAccuracy(logits: Self.scores, labels: Self.labels, k: 1) == 0.375)
    #expect(topKAccuracy(logits: Self.scores, labels: Self.labels, k: 2) == 0.75)
    #expect(topKAccuracy(logits: Self.scores, labels: Self.labels, k: 3) == 1)
  }

  @Test func confusionMatrixMatchesScikitLearn() {
    let matrix = ConfusionMatrix(logits: Self.scores, labels: Self.labels)
    #expect(matrix.counts == [1, 1, 0, 0, 1, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 1])
    #expect(matrix.total == 8)
    #expect(matrix.accuracy == 0.375)
    #expect(matrix.recall == [0.5, 0.5, 0, 0.5])
  }

  @Test func confusionMatrixPrintsATable() {
    let matrix = ConfusionMatrix(predicted: [0, 1, 1, 2], expected: [0, 1, 2, 2], classCount: 3)
    #expect(matrix[2, 1] == 1)
    #expect(matrix.description == """
      true\\pred  0  1  2
              0  1  0  0
              1  0  1  0
              2  0  1  1
      """)
  }

  @Test func emptyBatchHasNaNAccuracy() {
    #expect(accuracy(logits: Tensor.zeros([0, 3]), labels: []).isNaN)
  }

  @Test func outOfRangeLabelTraps() async {
    await #expect(processExitsWith: .failure) {
      _ = accuracy(logits: Tensor([[1, 2]]), labels: [2])
    }
  }
}
