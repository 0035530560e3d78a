import Testing
import AdjointNN

/// The training loop of README.md, as written there: one epoch over the bundled digits.
@Suite struct ReadmeTrainingExampleTests {
  @Test func trainingLoopLearnsTheDigits() throws {
    var rng = SplitMix64(seed: 1)
    let model = Sequential(
      Dense(inputSize: 64, outputSize: 128, activation: .relu, using: &rng),
      Dense(inputSize: 128, outputSize: 10, using: &rng))
    var optimizer = SGD(learningRate: 0.1, momentum: 0.9)
    for batch in MiniBatches(of: try Digits.load(), batchSize: 32, using: &rng) {
      let tape = Tape()
      let loss = softmaxCrossEntropy(logits: model(tape.constant(batch.features)), labels: batch.labels)
      model.parameters.accumulateGradients(from: loss.backward())
      optimizer.update(model.parameters)
      model.parameters.zeroGradients()
    }
    // After one epoch the network classifies most of the digits (chance is 10 %).
    let digits = try Digits.load()
    let predictions = model(digits.features).argmax(alongAxis: 1)
    let accuracy = Double(zip(predictions, digits.labels).filter { $0 == $1 }.count) / Double(digits.count)
    #expect(accuracy > 0.9, "accuracy after one epoch: \(accuracy)")
  }
}
