import Foundation
import Testing

@testable import AdjointNN

/// Model files of convolutional networks: conv, pooling, batch-norm (with its running statistics) and
/// layer-norm specs survive a round trip.
@Suite struct ConvolutionalModelFileTests {
  static let architecture: [LayerSpec] = [
    .reshape(shape: [1, 6, 6]),
    .conv2d(inputChannels: 1, outputChannels: 4, kernelSize: [3, 3], stride: [1, 1], padding: [1, 1], dilation: [1, 1], groups: 1, activation: "relu"),
    .batchNorm(featureCount: 4, momentum: 0.1, epsilon: 1e-5),
    .maxPool2d(kernelSize: [2, 2], stride: [2, 2], padding: [0, 0]),
    .avgPool2d(kernelSize: [3, 3], stride: [1, 1], padding: [1, 1]),
    .flatten,
    .layerNorm(normalizedShape: [36], epsilon: 1e-5),
    .dense(inputSize: 36, outputSize: 3, activation: "identity"),
  ]

  @Test func aConvolutionalModelRoundTripsWithItsBatchNormStatistics() throws {
    var rng = SplitMix64(seed: 9)
    let model = Model(architecture: Self.architecture, using: &rng)
    let x = Tensor.randomNormal(shape: [5, 36], standardDeviation: 1, using: &rng)
    model.setLearningPhase(.training)
    _ = model(x)  // updates the running statistics
    model.setLearningPhase(.inference)
    let archive = model.archive()
    #expect(archive.names.contains("state.2.running-mean") && archive.names.contains("state.2.running-variance"))
    let loaded = try ModelCheckpoint(archive: TensorArchive(decoding: archive.encoded(), fileName: "c.adjt"), fileName: "c.adjt").model
    loaded.setLearningPhase(.inference)
    #expect(loaded.architecture == Self.architecture)
    #expect(loaded(x) == model(x))
  }

  @Test func missingBatchNormStatisticsAreNamed() {
    var rng = SplitMix64(seed: 9)
    var archive = Model(architecture: Self.architecture, using: &rng).archive()
    archive.entries.removeAll { $0.name == "state.2.running-variance" }
    let error = #expect(throws: ModelFileError.self) { try ModelCheckpoint(archive: archive, fileName: "c.adjt") }
    #expect(error == .mismatch(file: "c.adjt", .missingParameter(name: "state.2.running-variance")))
  }

  /// 8×8 digits: 32×8×8 → 64×8×8 → 64×4×4 = 1024 → 10 logits.
  @Test func theSmallCNNFitsTheDigits() {
    var rng = SplitMix64(seed: 0)
    let model = Model(architecture: LayerSpec.smallConvolutionalNetwork(side: 8, classes: 10), using: &rng)
    #expect(model(Tensor.zeros([3, 64])).shape == [3, 10])
    #expect(model.parameterCount == (32 * 9 + 32) + 2 * 32 + (64 * 32 * 9 + 64) + 2 * 64 + (1024 * 10 + 10))
  }
}
