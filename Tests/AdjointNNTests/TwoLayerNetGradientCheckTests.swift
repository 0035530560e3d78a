import Testing

import AdjointNN

/// The classic two-layer network gradient check (affine → ReLU → affine → softmax-with-loss on a small
/// random batch): for every parameter, the mean absolute difference between the tape's gradient and the
/// central-difference gradient is below 1e-7.
@Suite struct TwoLayerNetGradientCheckTests {
  @Test func tapeGradientsAgreeWithCentralDifferences() {
    var rng = SplitMix64(seed: 2024)
    let (inputSize, hiddenSize, classCount, batch) = (4, 6, 3, 5)
    let model = Sequential(
      Dense(inputSize: inputSize, outputSize: hiddenSize, activation: .relu, using: &rng),
      Dense(inputSize: hiddenSize, outputSize: classCount, using: &rng))
    // Nonzero biases, so that their gradients are exercised away from the initial point.
    for p in model.parameters where p.name == "bias" {
      p.value = Tensor.random(shape: p.shape, in: -0.1..<0.1, using: &rng)
    }
    let x = Tensor.randomNormal(shape: [batch, inputSize], using: &rng)
    let labels = (0..<batch).map { _ in Int.random(in: 0..<classCount, using: &rng) }

    let tape = Tape()
    let loss = softmaxCrossEntropy(logits: model(tape.constant(x)), labels: labels)
    model.parameters.accumulateGradients(from: loss.backward())

    for (name, parameter) in model.namedParameters {
      let original = parameter.value
      let numerical = numericalGradient(at: original, step: 1e-5) { probe in
        parameter.value = probe
        return softmaxCrossEntropy(logits: model(Variable(x)), labels: labels).value.scalar
      }
      parameter.value = original
      let difference = meanAbsoluteDifference(parameter.gradient, numerical)
      #expect(difference < 1e-7, "\(name): mean |tape − numerical| = \(difference)")
      #expect(parameter.gradient.scalars.contains { $0 != 0 }, "\(name): the gradient is all zeros")
    }
  }
}
