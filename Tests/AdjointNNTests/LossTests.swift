import Foundation
import Testing

import AdjointNN

@Suite struct LossTests {
  /// ((1−1)² + (2−0)² + (3−1)²)/3 = 8/3; gradient 2(p − e)/n = [0, 4/3, 4/3].
  @Test func meanSquaredErrorAndItsGradientByHand() {
    let tape = Tape()
    let p = tape.variable(Tensor([1, 2, 3]))
    let loss = meanSquaredError(predicted: p, expected: Tensor([1, 0, 1]))
    expectClose(loss.value, Tensor(8.0 / 3))
    expectClose(loss.backward()[p], Tensor([0, 4.0 / 3, 4.0 / 3]))
  }

  /// mean(max(0, 1 − y·s)) for s = [2, 0.5, −1], y = 1: (0 + 0.5 + 2)/3; gradient −y/n where the margin is
  /// violated, 0 elsewhere.
  @Test func hingeLossAndItsGradientByHand() {
    let tape = Tape()
    let s = tape.variable(Tensor([2, 0.5, -1]))
    let loss = hingeLoss(predicted: s, expected: Tensor([1, 1, 1]))
    expectClose(loss.value, Tensor(2.5 / 3))
    expectClose(loss.backward()[s], Tensor([0, -1.0 / 3, -1.0 / 3]))
  }

  /// The Softmax-with-Loss result: ∂L/∂z = (softmax(z) − onehot(y)) / N, with softmax computed here from
  /// `exp` directly, on random logits.
  @Test func softmaxCrossEntropyGradientIsSoftmaxMinusOneHotOverBatch() {
    var rng = SplitMix64(seed: 21)
    let (batch, classes) = (6, 4)
    let z = Tensor.randomNormal(shape: [batch, classes], standardDeviation: 3, using: &rng)
    let labels = (0..<batch).map { _ in Int.random(in: 0..<classes, using: &rng) }
    var expectedGradient = [Double]()
    var expectedLoss = 0.0
    for i in 0..<batch {
      let row = (0..<classes).map { Foundation.exp(z[i, $0]) }
      let total = row.reduce(0, +)
      for j in 0..<classes { expectedGradient.append((row[j] / total - (j == labels[i] ? 1 : 0)) / Double(batch)) }
      expectedLoss -= Foundation.log(row[labels[i]] / total) / Double(batch)
    }
    let tape = Tape()
    let logits = tape.variable(z)
    let loss = softmaxCrossEntropy(logits: logits, labels: labels)
    expectClose(loss.value, Tensor(expectedLoss), relative: 1e-13)
    expectClose(loss.backward()[logits], Tensor(shape: [batch, classes], scalars: expectedGradient), absolute: 1e-15)
  }

  /// With logits 1000 apart, e^z overflows; the loss through log-softmax is still exact: 1000 and 0.
  @Test func softmaxCrossEntropyIsFiniteForHugeLogits() {
    let logits = Variable(Tensor([[1000, 0], [1000, 0]]))
    expectClose(softmaxCrossEntropy(logits: logits, labels: [1, 0]).value, Tensor(500))
  }

  /// Against the definition −(y log σ(z) + (1 − y) log(1 − σ(z))), and the gradient (σ(z) − y)/n.
  @Test func sigmoidCrossEntropyMatchesTheDefinitionAndItsGradient() {
    let z = Tensor([-3, -0.5, 0, 0.25, 2, 5])
    let y = Tensor([0, 1, 0.5, 1, 0, 1])
    let sigma = z.scalars.map { 1 / (1 + Foundation.exp(-$0)) }
    let n = Double(z.count)
    let expected = zip(sigma, y.scalars).reduce(0) { $0 - ($1.1 * Foundation.log($1.0) + (1 - $1.1) * Foundation.log(1 - $1.0)) } / n
    let tape = Tape()
    let logits = tape.variable(z)
    let loss = sigmoidCrossEntropy(logits: logits, labels: y)
    expectClose(loss.value, Tensor(expected), relative: 1e-13)
    expectClose(loss.backward()[logits], Tensor(zip(sigma, y.scalars).map { ($0 - $1) / n }), absolute: 1e-16)
  }

  /// At z = ±1000 the definition gives log(0); the stable form gives the exact losses 1000 and 0.
  @Test func sigmoidCrossEntropyIsFiniteForHugeLogits() {
    let loss = sigmoidCrossEntropy(logits: Variable(Tensor([1000, -1000])), labels: Tensor([0, 0]))
    expectClose(loss.value, Tensor(500))
  }

  @Test func labelOutOfRangeTraps() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = softmaxCrossEntropy(logits: Variable(Tensor([[1, 2], [3, 4]])), labels: [0, 2])
    }
    expectMessage(result, contains: "softmaxCrossEntropy: label 2 is not a class in 0..<2")
  }

  @Test func mismatchedShapesTrap() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = meanSquaredError(predicted: Variable(Tensor([[1, 2]])), expected: Tensor([1, 2]))
    }
    expectMessage(result, contains: "meanSquaredError: predicted has shape [1, 2], expected has shape [2]")
  }
}
