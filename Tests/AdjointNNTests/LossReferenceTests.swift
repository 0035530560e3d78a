import Testing

import AdjointNN

/// The losses' values and gradients against PyTorch 2.13 in float64, as printed by
/// Tests/References/reductions_and_losses_pytorch.py (`F.cross_entropy`, `F.mse_loss`,
/// `F.binary_cross_entropy_with_logits`, `F.huber_loss`, `F.nll_loss`).
@Suite struct LossReferenceTests {
  let logits: Tensor = [[2, 1, 0], [0.5, -1, 3]]

  @Test func softmaxCrossEntropyWithIntegerLabelsMatchesPyTorch() {
    let (value, g) = valueWithGradient(at: logits) { softmaxCrossEntropy(logits: $0, labels: [0, 2]) }
    expectClose(Tensor(value), Tensor(0.25164014692938136))
    expectClose(
      g, [[-0.1673795221125891, 0.12236423552739882, 0.04501528658519022], [0.03729777856610721, 0.008322259304636172, -0.04562003787074337]])
  }

  @Test func softmaxCrossEntropyWithProbabilitiesMatchesPyTorch() {
    let p: Tensor = [[0.5, 0.5, 0], [0.2, 0.3, 0.5]]
    let (value, g) = valueWithGradient(at: logits) { softmaxCrossEntropy(logits: $0, probabilities: p) }
    expectClose(Tensor(value), Tensor(1.3516401469293813))
    expectClose(
      g, [[0.08262047788741089, -0.12763576447260117, 0.04501528658519022], [-0.06270222143389279, -0.14167774069536382, 0.20437996212925663]])
  }

  /// One-hot probabilities give the integer-label loss and gradient.
  @Test func oneHotProbabilitiesEqualIntegerLabels() {
    let oneHot = Tensor.oneHot(labels: [0, 2], classCount: 3)
    let soft = valueWithGradient(at: logits) { softmaxCrossEntropy(logits: $0, probabilities: oneHot) }
    let hard = valueWithGradient(at: logits) { softmaxCrossEntropy(logits: $0, labels: [0, 2]) }
    expectClose(Tensor(soft.value), Tensor(hard.value))
    expectClose(soft.gradient, hard.gradient)
  }

  @Test func softmaxCrossEntropyOnASingleRowMatchesPyTorch() {
    let z: Tensor = [2, 1, 0]
    let (value, g) = valueWithGradient(at: z) { softmaxCrossEntropy(logits: $0, label: 0) }
    expectClose(Tensor(value), Tensor(0.4076059644443804))
    expectClose(g, [-0.3347590442251782, 0.24472847105479764, 0.09003057317038043])
    let soft = valueWithGradient(at: z) { softmaxCrossEntropy(logits: $0, probabilities: [0.1, 0.2, 0.7]) }
    expectClose(Tensor(soft.value), Tensor(2.00760596444438))
    expectClose(soft.gradient, [0.5652409557748218, 0.04472847105479763, -0.6099694268296195])
  }

  @Test func meanSquaredErrorIsDifferentiableInBothArguments() {
    let tape = Tape()
    let (a, b) = (tape.variable(Tensor([1, 2, 3.5])), tape.variable(Tensor([1.5, 0, 1])))
    let loss = meanSquaredError(predicted: a, expected: b)
    expectClose(loss.value, Tensor(3.5))
    let g = loss.backward()
    expectClose(g[a], [-0.3333333333333333, 1.3333333333333333, 1.6666666666666665])
    expectClose(g[b], [0.3333333333333333, -1.3333333333333333, -1.6666666666666665])
  }

  /// Stable at logits ±30 and 40, where σ(40) rounds to 1 and log(1 − σ) would be −∞.
  @Test func binaryCrossEntropyWithLogitsMatchesPyTorch() {
    let z: Tensor = [-30, -1, 0, 2, 40]
    let y: Tensor = [0, 0.3, 1, 1, 0]
    let (value, g) = valueWithGradient(at: z) { sigmoidCrossEntropy(logits: $0, labels: y) }
    expectClose(Tensor(value), Tensor(8.286667375824248))
    expectClose(g, [1.87152459376786e-14, -0.006211715726000977, -0.1, -0.023840584404423538, 0.2])
  }

  @Test func huberLossMatchesPyTorchForTwoDeltas() {
    let (p, e): (Tensor, Tensor) = ([0.2, -1.5, 3, 0.5], [0, 0, 1, 1])
    let one = valueWithGradient(at: p) { huberLoss(predicted: $0, expected: e, delta: 1) }
    expectClose(Tensor(one.value), Tensor(0.66125))
    expectClose(one.gradient, [0.05, -0.25, 0.25, -0.125])
    let half = valueWithGradient(at: p) { huberLoss(predicted: $0, expected: e, delta: 0.5) }
    expectClose(Tensor(half.value), Tensor(0.41125))
    expectClose(half.gradient, [0.05, -0.125, 0.125, -0.125])
  }

  /// At |d| = δ the derivative is δ·sign(d)/n from either side: the two halves of the minimum's tie add up.
  @Test func huberLossDerivativeIsContinuousAtDelta() {
    let g = gradient(at: Tensor([1, -1, 0])) { huberLoss(predicted: $0, expected: [0, 0, 0], delta: 1) }
    expectClose(g, Tensor([1.0 / 3, -1.0 / 3, 0]))
  }

  @Test func negativeLogLikelihoodMatchesPyTorch() {
    let x: Tensor = [[-0.1, -2.4], [-1.2, -0.4], [-0.7, -0.7]]
    let (value, g) = valueWithGradient(at: x) { negativeLogLikelihood(logProbabilities: $0, labels: [0, 1, 1]) }
    expectClose(Tensor(value), Tensor(0.4000000000000001))
    expectClose(g, [[-0.3333333333333333, 0], [0, -0.3333333333333333], [0, -0.3333333333333333]])
  }

  /// The example of Docs/NeuralNetworks.md, "Losses", with the output it prints (PyTorch's values above).
  @Test func guideExample() {
    let logits = Variable(Tensor([[2, 1, 0], [0.5, -1, 3]]))
    let soft = softmaxCrossEntropy(logits: logits, probabilities: Tensor([[0.5, 0.5, 0], [0.2, 0.3, 0.5]]))
    let huber = huberLoss(predicted: Variable(Tensor([0.2, -1.5, 3, 0.5])), expected: Tensor([0, 0, 1, 1]))
    #expect("\(soft.value) \(huber.value)" == "1.3516401469293813 0.66125")
  }
}
