import Foundation
import Testing

@testable import AdjointNN

@Suite struct DigitsTests {
  @Test func hasThePublishedSizeAndClassCounts() throws {
    let digits = try Digits.load()
    #expect(digits.features.shape == [1797, 64])
    #expect(digits.classCount == 10)
    // Class counts published with the data set (UCI / scikit-learn `load_digits`).
    #expect(digits.classCounts == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180])
  }

  @Test func scaledPixelsSpanTheUnitInterval() throws {
    let scaled = try Digits.load()
    #expect(scaled.features.scalars.min() == 0)
    #expect(scaled.features.scalars.max() == 1)
    // First row of digits.csv: 0,0,5,13,9,1,0,0, … label 0 (copied from the file).
    #expect(scaled.features[0, 2] == 5.0 / 16)
    #expect(scaled.features[0, 3] == 13.0 / 16)
    #expect(scaled.labels.prefix(3) == [0, 1, 2])
  }

  @Test func unscaledPixelsAreWholeNumbersFromZeroToSixteen() throws {
    let raw = try Digits.load(scaled: false)
    #expect(raw.features.scalars.allSatisfy { $0 == $0.rounded() && (0...16).contains($0) })
    #expect(raw.features.scalars.max() == 16)
    #expect(Array(raw.features.scalars.prefix(8)) == [0, 0, 5, 13, 9, 1, 0, 0])
  }

  /// The example at the top of `Docs/Data.md`.
  @Test func documentationExample() throws {
    var rng = SplitMix64(seed: 7)
    let digits = try Digits.load()
    let (training, test) = digits.split(trainingFraction: 0.8, using: &rng)
    #expect((training.count, test.count) == (1438, 359))  // 0.8 × 1797 = 1437.6, rounded
    var shapes: [[Int]] = []
    for (features, labels) in MiniBatches(of: training, batchSize: 100, using: &rng) {
      #expect(features.shape[0] == labels.count)
      shapes.append(features.shape)
    }
    // ⌈1438 / 100⌉ = 15 batches: 14 full ones and 38 rows left over.
    #expect(shapes == Array(repeating: [100, 64], count: 14) + [[38, 64]])
  }

  @Test func splitIsDeterministicForASeedAndKeepsEveryRowOnce() throws {
    let digits = try Digits.load()
    var a = SplitMix64(seed: 11)
    var b = SplitMix64(seed: 11)
    let first = digits.split(trainingFraction: 0.8, using: &a)
    let second = digits.split(trainingFraction: 0.8, using: &b)
    #expect(first.training == second.training && first.test == second.test)
    // Together the two parts hold each class as often as the whole set.
    let together = zip(first.training.classCounts, first.test.classCounts).map { $0 + $1 }
    #expect(together == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180])
  }
}
