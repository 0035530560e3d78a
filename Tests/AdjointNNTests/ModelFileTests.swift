import Foundation
import Testing

@testable import AdjointNN

/// Model files: the architecture, the preprocessing and the optimizer state survive a round trip; old
/// parameters-only files load or are rejected with a clear error.
@Suite struct ModelFileTests {
  static let features = Tensor([[1, 10, 0], [3, 14, 0], [2, 9, 0], [6, 11, 0]])

  func makeModel(seed: UInt64 = 1) -> Model {
    var rng = SplitMix64(seed: seed)
    return Model(
      architecture: [
        .dense(inputSize: 3, outputSize: 5, activation: "tanh"), .dropout(probability: 0.2), .relu,
        .dense(inputSize: 5, outputSize: 2, activation: "identity"),
      ],
      standardization: Standardization(fitting: Self.features), using: &rng)
  }

  /// Mean [3, 11, 0]; population variances [3.5, 3.5, 0] (hand sums of squared deviations 14, 14, 0 over 4).
  @Test func standardizationMeasuresTheTrainingColumns() {
    let scaling = Standardization(fitting: Self.features)
    expectClose(scaling.mean, Tensor([3, 11, 0]))
    expectClose(scaling.standardDeviation, Tensor([(3.5).squareRoot(), (3.5).squareRoot(), 1]))
    expectClose(scaling(Tensor([[3, 11, 5]])), Tensor([[0, 0, 5]]))
  }

  @Test func aSavedModelLoadsWithItsArchitectureAndPreprocessing() throws {
    try withDataTemporaryDirectory { directory in
      let url = directory.appendingPathComponent("model.adjt")
      let model = makeModel()
      model.setLearningPhase(.inference)
      try model.write(to: url)
      let loaded = try Model(contentsOf: url)
      loaded.setLearningPhase(.inference)
      #expect(loaded.architecture == model.architecture)
      #expect(loaded.standardization == model.standardization)
      #expect(loaded(Self.features) == model(Self.features))  // the same bits: same parameters, same scaling
      #expect(try Data(contentsOf: url)[8] == 2)
    }
  }

  @Test func theArchitectureIsRecordedAsDocumentedJSON() {
    let archive = makeModel().archive()
    #expect(
      archive.metadata["adjoint.architecture"]
        == #"[{"dense":{"activation":"tanh","inputSize":3,"outputSize":5}},{"dropout":{"probability":0.2}},{"relu":{}},"#
        + #"{"dense":{"activation":"identity","inputSize":5,"outputSize":2}}]"#)
    #expect(archive.metadata["adjoint.version"] == AdjointVersion.current)
    #expect(archive.names == [
      "preprocessing.mean", "preprocessing.standard-deviation", "parameter.0.weight", "parameter.0.bias",
      "parameter.3.weight", "parameter.3.bias",
    ])
  }

  /// Two Adam steps, save, load; one more step on the original and on the restored copy gives the same bits.
  @Test func theOptimizerStateResumesExactly() throws {
    try withDataTemporaryDirectory { directory in
      let url = directory.appendingPathComponent("model.adjt")
      let model = makeModel()
      model.setLearningPhase(.inference)
      var adam = AdamW(learningRate: 0.01, weightDecay: 0.1, decaying: .weightsOnly)
      func step(_ model: Model, _ optimizer: inout some Optimizer) {
        let tape = Tape()
        let loss = softmaxCrossEntropy(logits: model(tape.constant(Self.features)), labels: [0, 1, 1, 0])
        model.parameters.accumulateGradients(from: loss.backward())
        optimizer.update(model.parameters)
        model.parameters.zeroGradients()
      }
      step(model, &adam)
      step(model, &adam)
      try model.write(to: url, optimizer: adam, metadata: ["epochs": "2"])
      let checkpoint = try ModelCheckpoint(contentsOf: url)
      #expect(checkpoint.metadata["epochs"] == "2")
      #expect(checkpoint.optimizer?.configuration == adam.configuration)
      guard var restored = checkpoint.optimizer else { return }
      checkpoint.model.setLearningPhase(.inference)
      step(model, &adam)
      step(checkpoint.model, &restored)
      for (a, b) in zip(model.parameters, checkpoint.model.parameters) { #expect(a.value == b.value) }
    }
  }

  /// What `adjoint train --save` of Adjoint 0.1 wrote: `saveParameters` of a 64-…-10 `Sequential`.
  @Test func aParametersOnlyFileOfTheOldTrainCommandLoads() throws {
    try withDataTemporaryDirectory { directory in
      let url = directory.appendingPathComponent("old.adjt")
      var rng = SplitMix64(seed: 3)
      let old = Sequential(
        Dense(inputSize: 4, outputSize: 6, activation: .relu, using: &rng), Dense(inputSize: 6, outputSize: 3, using: &rng))
      try old.saveParameters(to: url)
      #expect(try Data(contentsOf: url)[8] == 1)
      let loaded = try Model(contentsOf: url)
      #expect(loaded.architecture == LayerSpec.multilayerPerceptron(sizes: [4, 6, 3]))
      let x = Tensor([[1, -2, 3, 0.5]])
      #expect(loaded(x) == old(x))
    }
  }

  @Test func anArchiveWithoutAnArchitectureIsRejectedClearly() throws {
    let archive = TensorArchive([(name: "w", tensor: Tensor([[1, 2]]))])
    let error = #expect(throws: ModelFileError.self) { try ModelCheckpoint(archive: archive, fileName: "w.adjt") }
    guard case .notAModel(let file, _) = error else { Issue.record("got \(String(describing: error))"); return }
    #expect(file == "w.adjt")
    #expect(error?.description.hasPrefix("w.adjt: not a model file: it records no architecture") == true)
  }

  @Test func aDamagedDescriptionIsNamed() {
    var archive = makeModel().archive()
    archive.metadata["adjoint.architecture"] = #"[{"dense":{"activation":"gelu","inputSize":3,"outputSize":5}}]"#
    let error = #expect(throws: ModelFileError.self) { try ModelCheckpoint(archive: archive, fileName: "m.adjt") }
    #expect(error?.description.contains("layer 0: unknown activation \"gelu\"") == true)
    archive.metadata["adjoint.architecture"] = "[{"
    #expect(throws: ModelFileError.self) { try ModelCheckpoint(archive: archive, fileName: "m.adjt") }
  }

  @Test func tensorsThatDoNotFitTheArchitectureAreNamed() {
    var archive = makeModel().archive()
    archive.metadata["adjoint.architecture"] = #"[{"dense":{"activation":"tanh","inputSize":3,"outputSize":4}},{"relu":{}}]"#
    let error = #expect(throws: ModelFileError.self) { try ModelCheckpoint(archive: archive, fileName: "m.adjt") }
    #expect(error == .mismatch(file: "m.adjt", .shapeMismatch(name: "0.weight", expected: [3, 4], found: [3, 5])))
  }

  @Test func aNewerModelFormatIsRejected() {
    var archive = makeModel().archive()
    archive.metadata["adjoint.model-format"] = "7"
    let error = #expect(throws: ModelFileError.self) { try ModelCheckpoint(archive: archive, fileName: "m.adjt") }
    #expect(error?.description.contains("model format 7 is newer than this build reads") == true)
  }
}
