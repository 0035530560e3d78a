import Testing

@testable import AdjointNN

/// Ten rows; row `i` has features `[i, 10 i]` and label `i % 3`, so a batch's rows can be identified.
private let tenRows = LabeledDataset(
  features: Tensor((0..<10).map { [Double($0), Double(10 * $0)] }), labels: (0..<10).map { $0 % 3 }, classCount: 3)

/// The row indices a batch holds, read back from its first feature column.
private func rowIndices(_ batch: MiniBatches.Element) -> [Int] {
  (0..<batch.features.shape[0]).map { Int(batch.features[$0, 0]) }
}

@Suite struct BatchesTests {
  @Test func everyRowAppearsExactlyOncePerEpochWithItsLabel() {
    var rng = SplitMix64(seed: 1)
    let batches = MiniBatches(of: tenRows, batchSize: 4, using: &rng)
    #expect(batches.map { $0.labels.count } == [4, 4, 2])
    let rows = batches.flatMap(rowIndices)
    #expect(rows.sorted() == Array(0..<10))
    for batch in batches {
      for (position, row) in rowIndices(batch).enumerated() {
        #expect(batch.labels[position] == row % 3)
        #expect(batch.features[position, 1] == Double(10 * row))
      }
    }
  }

  @Test func partialLastBatchCanBeDropped() {
    var rng = SplitMix64(seed: 1)
    let batches = MiniBatches(of: tenRows, batchSize: 4, dropsPartialBatch: true, using: &rng)
    #expect(batches.count == 2)
    #expect(batches.map { $0.labels.count } == [4, 4])
    #expect(MiniBatches(inOrder: tenRows, batchSize: 5, dropsPartialBatch: true).count == 2)  // nothing to drop
  }

  @Test func sameSeedSameOrderDifferentSeedDifferentOrder() {
    var a = SplitMix64(seed: 42)
    var b = SplitMix64(seed: 42)
    var c = SplitMix64(seed: 43)
    let first = MiniBatches(of: tenRows, batchSize: 3, using: &a).order
    #expect(first == MiniBatches(of: tenRows, batchSize: 3, using: &b).order)
    #expect(first != MiniBatches(of: tenRows, batchSize: 3, using: &c).order)
  }

  @Test func aValueRepeatsItsEpochAndTheNextEpochReshuffles() {
    var rng = SplitMix64(seed: 5)
    let epoch1 = MiniBatches(of: tenRows, batchSize: 3, using: &rng)
    #expect(epoch1.flatMap(rowIndices) == epoch1.flatMap(rowIndices))
    let epoch2 = MiniBatches(of: tenRows, batchSize: 3, using: &rng)
    #expect(epoch1.order != epoch2.order)
  }

  @Test func inOrderBatchesFollowTheRows() {
    let batches = MiniBatches(inOrder: tenRows, batchSize: 4)
    #expect(batches.map(rowIndices) == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]])
    #expect(batches[2].labels == [2, 0])
  }

  @Test func shufflesLookUniform() {
    // Over 6,000 shuffles of 3 rows, each of the 6 orders should come up about 1,000 times; a count outside
    // 850...1150 (more than 5 standard deviations off) would mean a biased shuffle.
    var rng = SplitMix64(seed: 2024)
    let three = LabeledDataset(features: Tensor([[0], [1], [2]]), labels: [0, 0, 0], classCount: 1)
    var counts: [[Int]: Int] = [:]
    for _ in 0..<6000 { counts[MiniBatches(of: three, batchSize: 3, using: &rng).order, default: 0] += 1 }
    #expect(counts.count == 6)
    #expect(counts.values.allSatisfy { (850...1150).contains($0) }, "\(counts)")
  }

  @Test func uniformDrawStaysBelowItsBound() {
    var rng = SplitMix64(seed: 9)
    for bound in [1, 2, 3, 7, 1 << 40, UInt64.max] as [UInt64] {
      for _ in 0..<100 { #expect(uniformDraw(below: bound, using: &rng) < bound) }
    }
  }

  @Test func splitPartitionsTheRowsByTheRoundedFraction() {
    var rng = SplitMix64(seed: 3)
    let (training, test) = tenRows.split(trainingFraction: 0.75, using: &rng)  // 7.5 rounds to 8
    #expect((training.count, test.count) == (8, 2))
    let rows = (0..<8).map { Int(training.features[$0, 0]) } + (0..<2).map { Int(test.features[$0, 0]) }
    #expect(rows.sorted() == Array(0..<10))
    #expect(training.classCount == 3 && test.classCount == 3)
    #expect(tenRows.split(trainingFraction: 1, using: &rng).test.count == 0)
  }

  @Test func rowsGathersInTheGivenOrder() {
    let picked = tenRows.rows([9, 0, 9])
    #expect(picked.features == Tensor([[9, 90], [0, 0], [9, 90]]))
    #expect(picked.labels == [0, 0, 0])
  }
}
