import Foundation
import Testing

import AdjointNN

/// The examples of `Docs/NeuralNetworks.md` (models, schedules and clipping, metrics) as written there, with
/// the values the guide prints.
@Suite struct ModelsGuideTests {
  @Test func theModelExampleTrainsSavesAndLoads() throws {
    var rng = SplitMix64(seed: 0)
    let (training, test) = try Digits.load(scaled: false).split(trainingFraction: 0.8, using: &rng)
    let model = Model(
      architecture: LayerSpec.multilayerPerceptron(sizes: [64, 32, 10]),
      standardization: Standardization(fitting: training.features), using: &rng)
    var optimizer = AdamW(learningRate: 1e-2, weightDecay: 1e-2, decaying: .weightsOnly)
    for _ in 0..<3 {
      for batch in MiniBatches(of: training, batchSize: 64, using: &rng) {
        let tape = Tape()
        let loss = softmaxCrossEntropy(logits: model(tape.constant(batch.features)), labels: batch.labels)
        model.parameters.accumulateGradients(from: loss.backward())
        model.parameters.clipGradientNorm(maxNorm: 5)
        optimizer.update(model.parameters)
        model.parameters.zeroGradients()
      }
    }
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("digits-\(UUID().uuidString).adjt")
    defer { try? FileManager.default.removeItem(at: url) }
    try model.write(to: url, optimizer: optimizer)
    let loaded = try Model(contentsOf: url)
    #expect(accuracy(logits: loaded(test.features), labels: test.labels) > 0.9)
    let checkpoint = try ModelCheckpoint(contentsOf: url)
    #expect(checkpoint.optimizer?.configuration.name == "adamw")
    #expect(checkpoint.metadata["adjoint.version"] == "0.2.0")
  }

  @Test func theScheduleAndClippingExample() {
    let schedule = LinearWarmup(steps: 2, then: CosineDecay(initial: 0.1, steps: 8))
    let rates = (0..<4).map { schedule.learningRate(at: $0) }
    #expect("\(rates)" == "[0.05, 0.1, 0.1, 0.09619397662556434]", "\(rates)")
    var optimizer = Scheduled(SGD(learningRate: 0.1, momentum: 0.9), schedule: schedule)
    let p = Parameter(Tensor([1.0, 0.0]), name: "p")
    p.gradient = Tensor([3.0, 4.0])
    #expect([p].clipGradientNorm(maxNorm: 1) == 5)
    optimizer.update([p])
    #expect(optimizer.step == 1 && optimizer.learningRate == 0.05)
  }

  @Test func theMetricsExample() {
    let scores = Tensor([[2, 1, 0], [0, 3, 1], [5, 4, 0], [0, 1, 2]])
    let labels = [0, 1, 1, 0]
    #expect(accuracy(logits: scores, labels: labels) == 0.5)
    #expect(topKAccuracy(logits: scores, labels: labels, k: 2) == 0.75)
    #expect("\(ConfusionMatrix(logits: scores, labels: labels))" == """
      true\\pred  0  1  2
              0  1  0  1
              1  1  1  0
              2  0  0  0
      """)
  }
}
