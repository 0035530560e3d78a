extension LabeledDataset {
  /// The most classes a CSV file may imply when the caller does not state `classCount`: 1,000,000.
  ///
  /// A label of 9007199254740991 would otherwise make a data set of 2⁵³ classes, whose ``classCounts`` needs
  /// 72 PB and whose classifier's last layer cannot exist. Pass `classCount` to read a file with more classes.
  public static let maximumInferredClassCount = 1_000_000

  /// The class count a file's labels imply, or `nil` when they break the class rule.
  ///
  /// The rule, when the caller does not state the class count: the count is the largest label + 1, which must
  /// be at most ``maximumInferredClassCount``, and at least half of the classes 0 … largest label must occur (so
  /// `[0, 1, 3]` implies 4 classes, but a lone `100000` beside `0` and `1` implies nothing: 3 of 100,001 classes
  /// occur). Labels numbered from 1, or class identifiers such as `100`, `200`, break it on purpose: a classifier
  /// with a mostly empty output layer is almost always a mistake. Labels are the caller's to check (each ≥ 0).
  ///
  /// ```swift
  /// LabeledDataset.inferredClassCount(ofLabels: [0, 1, 3])        // 4
  /// LabeledDataset.inferredClassCount(ofLabels: [0, 1, 100_000])  // nil
  /// ```
  ///
  /// - Parameter labels: Class labels, each ≥ 0.
  /// - Returns: The largest label + 1 (0 for no labels), or `nil`.
  /// - Complexity: O(`labels.count` + the largest label), with one array of at most
  ///   ``maximumInferredClassCount`` flags.
  public static func inferredClassCount(ofLabels labels: [Int]) -> Int? {
    guard let largest = labels.max() else { return 0 }
    guard largest < maximumInferredClassCount else { return nil }
    return presentClassCount(labels, below: largest + 1) * 2 >= largest + 1 ? largest + 1 : nil
  }
}

/// The number of distinct values among `labels`, each in `0..<classCount`.
private func presentClassCount(_ labels: [Int], below classCount: Int) -> Int {
  var seen = [Bool](repeating: false, count: classCount)
  var present = 0
  for label in labels {
    checkPrecondition(label >= 0, "LabeledDataset.inferredClassCount: negative label \(label)")
    guard !seen[label] else { continue }
    seen[label] = true
    present += 1
  }
  return present
}

/// The class count of a parsed CSV table by the rule of ``LabeledDataset/inferredClassCount(ofLabels:)``.
///
/// - Throws: ``DataError/sparseLabels(file:line:column:label:presentClasses:)`` naming the largest label and its
///   line (labels above the limit were already rejected, line by line, by the parser).
func csvClassCount(of table: NumericCSVParser.Table, fileName: String) throws(DataError) -> Int {
  if let count = LabeledDataset.inferredClassCount(ofLabels: table.labels) { return count }
  guard let largest = table.largestLabel else { return 0 }
  if largest.label >= LabeledDataset.maximumInferredClassCount {
    throw .tooManyClasses(
      file: fileName, line: largest.line, column: largest.column, label: largest.label,
      limit: LabeledDataset.maximumInferredClassCount)
  }
  throw .sparseLabels(
    file: fileName, line: largest.line, column: largest.column, label: largest.label,
    presentClasses: presentClassCount(table.labels, below: largest.label + 1))
}
