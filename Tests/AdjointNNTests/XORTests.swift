import Testing

import AdjointNN

/// XOR is the smallest problem a linear model cannot solve: a hidden layer is needed.
@Suite struct XORTests {
  @Test func smallNetworkLearnsXOR() {
    var rng = SplitMix64(seed: 42)
    let model = Sequential(
      Dense(inputSize: 2, outputSize: 8, activation: .tanh, using: &rng),
      Dense(inputSize: 8, outputSize: 1, using: &rng))
    let x = Tensor([[0, 0], [0, 1], [1, 0], [1, 1]])
    let y = Tensor(shape: [4, 1], scalars: [0, 1, 1, 0])
    var adam = Adam(learningRate: 0.05)
    var lastLoss = Double.infinity
    for _ in 0..<300 {
      let tape = Tape()
      let loss = sigmoidCrossEntropy(logits: model(tape.constant(x)), labels: y)
      lastLoss = loss.value.scalar
      model.parameters.zeroGradients()
      model.parameters.accumulateGradients(from: loss.backward())
      adam.update(model.parameters)
    }
    let predictions = model(x).scalars.map { $0 > 0 ? 1.0 : 0.0 }
    #expect(predictions == y.scalars)
    #expect(lastLoss < 0.05)
  }
}
