extension LabeledDataset {
  /// Splits the examples at random into a training set and a test set.
  ///
  /// The rows are shuffled by `generator` and the first `(count × trainingFraction).rounded()` of them become
  /// the training set (in shuffled order), the rest the test set. With a seeded generator the split is the same
  /// on every run:
  ///
  /// ```swift
  /// var rng = SplitMix64(seed: 7)
  /// let (training, test) = try Digits.load().split(trainingFraction: 0.8, using: &rng)
  /// (training.count, test.count)   // (1438, 359)
  /// ```
  ///
  /// The split is not stratified: class proportions in each part follow the shuffle.
  ///
  /// - Parameters:
  ///   - trainingFraction: The share of the rows that go to the training set, in `0...1`.
  ///   - generator: The source of randomness; it is advanced.
  /// - Returns: The two parts; every row of `self` is in exactly one of them. Both keep `classCount`.
  /// - Precondition: `0 <= trainingFraction <= 1`.
  /// - Complexity: O(`count × featureCount`).
  public func split(
    trainingFraction: Double, using generator: inout some RandomNumberGenerator
  ) -> (training: LabeledDataset, test: LabeledDataset) {
    checkPrecondition(
      trainingFraction >= 0 && trainingFraction <= 1,
      "LabeledDataset.split: trainingFraction must be in 0...1, got \(trainingFraction)")
    let order = randomPermutation(count: count, using: &generator)
    let trainingCount = Int((Double(count) * trainingFraction).rounded())
    return (rows(order[..<trainingCount]), rows(order[trainingCount...]))
  }
}
