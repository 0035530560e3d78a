import Foundation
import Testing

import AdjointNN

/// Each optimizer against a few steps worked out by hand from its published update rule.
@Suite struct OptimizerTests {
  /// A parameter with the given value and gradient.
  func parameter(_ value: [Double], gradient: [Double]) -> Parameter {
    let p = Parameter(Tensor(value), name: "p")
    p.gradient = Tensor(gradient)
    return p
  }

  @Test func plainSGDStepsAgainstTheGradient() {
    let p = parameter([1, -2], gradient: [0.5, 1])
    var sgd = SGD(learningRate: 0.1)
    sgd.update([p])
    expectClose(p.value, Tensor([0.95, -2.1]))
  }

  /// μ = 0.9, g = 1 at each step, η = 0.1: b = 1, p = 0.9; then b = 0.9 + 1 = 1.9, p = 0.9 − 0.19 = 0.71.
  @Test func momentumAccumulatesAVelocity() {
    let p = parameter([1], gradient: [1])
    var sgd = SGD(learningRate: 0.1, momentum: 0.9)
    sgd.update([p])
    expectClose(p.value, Tensor([0.9]), absolute: 1e-15)
    sgd.update([p])
    expectClose(p.value, Tensor([0.71]), absolute: 1e-15)
  }

  /// Nesterov: step with g + μ·b. b = 1, g' = 1.9, p = 0.81; then b = 1.9, g' = 1 + 1.71 = 2.71, p = 0.539.
  @Test func nesterovLooksAheadAlongTheVelocity() {
    let p = parameter([1], gradient: [1])
    var sgd = SGD(learningRate: 0.1, momentum: 0.9, nesterov: true)
    sgd.update([p])
    expectClose(p.value, Tensor([0.81]), absolute: 1e-15)
    sgd.update([p])
    expectClose(p.value, Tensor([0.539]), absolute: 1e-15)
  }

  /// λ = 0.1, p = 2, g = 0.5: g' = 0.5 + 0.2 = 0.7, p = 2 − 0.07 = 1.93.
  @Test func weightDecayAddsTheL2Gradient() {
    let p = parameter([2], gradient: [0.5])
    var sgd = SGD(learningRate: 0.1, weightDecay: 0.1)
    sgd.update([p])
    expectClose(p.value, Tensor([1.93]), absolute: 1e-15)
  }

  @Test func eachParameterHasItsOwnVelocity() {
    let a = parameter([0], gradient: [1])
    let b = parameter([0], gradient: [-2])
    var sgd = SGD(learningRate: 1, momentum: 0.5)
    sgd.update([a, b])
    sgd.update([a, b])
    // a: −1, then b = 0.5 + 1 = 1.5 → −2.5; b: +2, then 2 · 1.5 = 3 → 5.
    expectClose(a.value, Tensor([-2.5]))
    expectClose(b.value, Tensor([5]))
  }

  /// At the first step m̂ = g and v̂ = g², so each element moves by η·g/(|g| + ε) ≈ η·sign(g) whatever the
  /// gradient's size (and not at all where g = 0).
  @Test func adamFirstStepMovesEachWeightByTheLearningRate() {
    let p = parameter([1, 1, 1, 1], gradient: [0.3, -4, 0, 1e-2])
    var adam = Adam(learningRate: 0.01)
    adam.update([p])
    expectClose(p.value, Tensor([0.99, 1.01, 1, 0.99]), absolute: 1e-7)
  }

  /// Two steps, g = 0.3 then 0.1, β₁ = 0.9, β₂ = 0.999, η = 0.01, ε = 1e-8:
  /// m = 0.03, v = 9e-5; then m = 0.9·0.03 + 0.1·0.1 = 0.037, v = 0.999·9e-5 + 0.001·0.01 = 9.991e-5;
  /// m̂ = 0.037/0.19, v̂ = 9.991e-5/0.001999.
  @Test func adamSecondStepUsesBiasCorrectedMoments() {
    let p = parameter([0], gradient: [0.3])
    var adam = Adam(learningRate: 0.01)
    adam.update([p])
    let first = -0.01 * 0.3 / (0.3 + 1e-8)
    expectClose(p.value, Tensor([first]), absolute: 1e-15)
    p.gradient = Tensor([0.1])
    adam.update([p])
    let second = (0.037 / 0.19) / ((9.991e-5 / 0.001999).squareRoot() + 1e-8)
    expectClose(p.value, Tensor([first - 0.01 * second]), absolute: 1e-12)
  }

  /// L2 weight decay in Adam: the first step is still ≈ η·sign(g + λp).
  @Test func adamWeightDecayJoinsTheGradient() {
    let p = parameter([1], gradient: [-0.05])
    var adam = Adam(learningRate: 0.01, weightDecay: 0.1)
    adam.update([p])
    expectClose(p.value, Tensor([0.99]), absolute: 1e-7)  // g + λp = 0.05 > 0
  }

  @Test func learningRateCanFollowASchedule() {
    let p = parameter([0], gradient: [1])
    var sgd = SGD(learningRate: 1)
    for k in 0..<3 {
      sgd.learningRate = 1.0 / Double(k + 1)
      sgd.update([p])
    }
    expectClose(p.value, Tensor([-(1 + 0.5 + 1.0 / 3)]), absolute: 1e-15)
  }

  @Test func negativeLearningRateTraps() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = SGD(learningRate: -0.1)
    }
    expectMessage(result, contains: "SGD: learning rate must be ≥ 0, got -0.1")
  }

  @Test func betaOfOneTraps() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = Adam(beta2: 1)
    }
    expectMessage(result, contains: "Adam: beta2 must be in [0, 1), got 1.0")
  }

  @Test func zeroEpsilonTraps() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = Adam(epsilon: 0)
    }
    expectMessage(result, contains: "Adam: epsilon must be > 0, got 0.0")
  }

  @Test func nesterovWithoutMomentumTraps() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = SGD(learningRate: 0.1, nesterov: true)
    }
    expectMessage(result, contains: "SGD: Nesterov momentum needs momentum > 0")
  }
}
