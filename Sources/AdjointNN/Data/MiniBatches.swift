/// The mini-batches of one epoch over a ``LabeledDataset``: a collection of `(features, labels)` pairs.
///
/// The order of the rows is fixed when the value is created: shuffled by an injected generator, or the data set's
/// own order. The value can be iterated any number of times with the same result; to reshuffle, make a new one
/// from the (advanced) generator, once per epoch:
///
/// ```swift
/// var rng = SplitMix64(seed: 1)
/// for epoch in 1...3 {
///   for (features, labels) in MiniBatches(of: training, batchSize: 32, using: &rng) {
///     // features: [≤ 32, featureCount], labels: [Int]
///   }
/// }
/// ```
///
/// All batches have `batchSize` rows except perhaps the last, which holds the remaining `count % batchSize`
/// rows, unless `dropsPartialBatch` is `true`, in which case those rows are left out of this epoch (a fresh
/// shuffle leaves out different ones next time).
public struct MiniBatches: RandomAccessCollection, Sendable {
  /// One batch: `features` has shape `[rows, featureCount]`, `labels` has one label per row.
  public typealias Element = (features: Tensor, labels: [Int])
  /// Batches are numbered from 0.
  public typealias Index = Int

  /// The data set the batches are drawn from.
  public let dataset: LabeledDataset
  /// The number of rows in a full batch.
  public let batchSize: Int
  /// The order in which rows are visited; a permutation of the data set's rows.
  public let order: [Int]
  /// Whether a final batch of fewer than `batchSize` rows is left out.
  public let dropsPartialBatch: Bool

  /// The batches of `dataset` in a random order drawn from `generator`.
  ///
  /// - Parameters:
  ///   - dataset: The examples.
  ///   - batchSize: The number of rows per batch.
  ///   - dropsPartialBatch: Whether to leave out a last batch smaller than `batchSize`.
  ///   - generator: The source of the shuffle; it is advanced, so the next call gives another order.
  /// - Precondition: `batchSize > 0`.
  /// - Complexity: O(`dataset.count`).
  public init(
    of dataset: LabeledDataset, batchSize: Int, dropsPartialBatch: Bool = false,
    using generator: inout some RandomNumberGenerator
  ) {
    self.init(
      dataset: dataset, batchSize: batchSize, order: randomPermutation(count: dataset.count, using: &generator),
      dropsPartialBatch: dropsPartialBatch)
  }

  /// The batches of `dataset` in its own row order (no shuffle): for evaluation.
  ///
  /// - Parameters:
  ///   - dataset: The examples.
  ///   - batchSize: The number of rows per batch.
  ///   - dropsPartialBatch: Whether to leave out a last batch smaller than `batchSize`.
  /// - Precondition: `batchSize > 0`.
  public init(inOrder dataset: LabeledDataset, batchSize: Int, dropsPartialBatch: Bool = false) {
    self.init(dataset: dataset, batchSize: batchSize, order: Array(0..<dataset.count), dropsPartialBatch: dropsPartialBatch)
  }

  private init(dataset: LabeledDataset, batchSize: Int, order: [Int], dropsPartialBatch: Bool) {
    checkPrecondition(batchSize > 0, "MiniBatches: batchSize must be positive, got \(batchSize)")
    self.dataset = dataset
    self.batchSize = batchSize
    self.order = order
    self.dropsPartialBatch = dropsPartialBatch
  }

  /// The first batch's index, 0.
  public var startIndex: Int { 0 }

  /// The number of batches: `⌈count / batchSize⌉`, or `⌊count / batchSize⌋` when dropping a partial batch.
  public var endIndex: Int {
    dropsPartialBatch ? order.count / batchSize : (order.count + batchSize - 1) / batchSize
  }

  /// The batch at `position`: the rows `order[position × batchSize ..< min((position + 1) × batchSize, count)]`.
  ///
  /// - Complexity: O(`batchSize × featureCount`): the rows are copied into a new tensor.
  public subscript(position: Int) -> Element {
    checkPrecondition(position >= 0 && position < endIndex, "MiniBatches: batch \(position) is out of range 0..<\(endIndex)")
    let rows = order[(position * batchSize)..<Swift.min((position + 1) * batchSize, order.count)]
    return (gatherRows(of: dataset.features, rows), rows.map { dataset.labels[$0] })
  }
}
