import Foundation
import Testing

import AdjointNN

@Suite struct ParameterTests {
  @Test func parameterUsedTwiceInARecordingIsOneNode() {
    let w = Parameter(Tensor([[2, 3]]), name: "w")
    let tape = Tape()
    let first = w.variable(on: tape)
    let count = tape.count
    let second = w.variable(on: tape)
    #expect(tape.count == count)
    // d/dw of Σ(w ⊙ w) + Σ w = 2w + 1, summed over both uses of the one node.
    let loss = (first * second).sum() + second.sum()
    w.accumulateGradient(from: loss.backward())
    expectClose(w.gradient, Tensor([[5, 7]]))
  }

  /// With mean losses, accumulating batch A weighted |A|/N and batch B weighted |B|/N gives the gradient of
  /// the mean loss over the N = |A| + |B| examples.
  @Test func accumulationOverTwoBatchesEqualsTheConcatenatedBatch() {
    var rng = SplitMix64(seed: 9)
    let layer = Dense(inputSize: 3, outputSize: 4, activation: .relu, using: &rng)
    let head = Dense(inputSize: 4, outputSize: 2, using: &rng)
    let model = Sequential(layer, head)
    let x = Tensor.randomNormal(shape: [5, 3], using: &rng)
    let labels = [0, 1, 1, 0, 1]

    let whole = Tape()
    model.parameters.accumulateGradients(
      from: softmaxCrossEntropy(logits: model(whole.constant(x)), labels: labels).backward())
    let expected = model.parameters.map(\.gradient)
    model.parameters.zeroGradients()
    #expect(model.parameters.allSatisfy { $0.gradient == Tensor.zeros($0.shape) })

    for (rows, weight) in [(0..<3, 3.0 / 5), (3..<5, 2.0 / 5)] {
      let tape = Tape()
      let part = tape.constant(x.slicing(rows, alongAxis: 0))
      let loss = softmaxCrossEntropy(logits: model(part), labels: Array(labels[rows])) * weight
      model.parameters.accumulateGradients(from: loss.backward())
    }
    for (parameter, gradient) in zip(model.parameters, expected) {
      expectClose(parameter.gradient, gradient, absolute: 1e-15, relative: 1e-12)
    }
  }

  @Test func gradientsAccumulateUntilZeroed() {
    let w = Parameter(Tensor([1, 2]), name: "w")
    for _ in 0..<3 {
      let tape = Tape()
      w.accumulateGradient(from: (w.variable(on: tape) * 2).sum().backward())
    }
    expectClose(w.gradient, Tensor([6, 6]))
    w.zeroGradient()
    #expect(w.gradient == Tensor.zeros([2]))
  }

  @Test func parameterNotUsedInTheRecordingContributesZero() {
    let used = Parameter(Tensor([1, 2]), name: "used")
    let unused = Parameter(Tensor([3, 4]), name: "unused")
    let tape = Tape()
    let g = (used.variable(on: tape) * 3).sum().backward()
    [used, unused].accumulateGradients(from: g)
    expectClose(used.gradient, Tensor([3, 3]))
    #expect(unused.gradient == Tensor.zeros([2]))
  }

  @Test func resetTapeCanBeReusedForEveryStep() {
    let w = Parameter(Tensor([1]), name: "w")
    let tape = Tape()
    for _ in 0..<3 {
      tape.reset()
      w.accumulateGradient(from: (w.variable(on: tape) * w.variable(on: tape)).sum().backward())
      w.value -= 0.25 * w.gradient
      w.zeroGradient()
    }
    // w ← w − 0.25·2w = w/2, three times.
    expectClose(w.value, Tensor([0.125]))
  }

  @Test func accumulatingTheSameGradientsTwiceTraps() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let w = Parameter(Tensor([1, 2]), name: "w")
      let tape = Tape()
      let g = (w.variable(on: tape) * 2).sum().backward()
      w.accumulateGradient(from: g)
      w.accumulateGradient(from: g)
    }
    expectMessage(result, contains: "were already accumulated")
  }

  @Test func accumulatingASecondBackwardOfTheSameRecordingTraps() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let w = Parameter(Tensor([1, 2]), name: "w")
      let tape = Tape()
      let loss = (w.variable(on: tape) * 2).sum()
      w.accumulateGradient(from: loss.backward(retainingTape: true))
      w.accumulateGradient(from: loss.backward())
    }
    expectMessage(result, contains: "were already accumulated")
  }

  @Test func accumulatingARecordingLeftForANewerOneTraps() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let w = Parameter(Tensor([1, 2]), name: "w")
      let first = Tape(), second = Tape()
      let lossA = (w.variable(on: first) * 2).sum()
      _ = w.variable(on: second)
      w.accumulateGradient(from: lossA.backward())
    }
    expectMessage(result, contains: "has since left for a newer one")
  }

  @Test func assigningAValueOfAnotherShapeTraps() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let w = Parameter(Tensor([1, 2]), name: "w")
      w.value = Tensor([1, 2, 3])
    }
    expectMessage(result, contains: "assigned a value of shape [3] to a parameter of shape [2]")
  }

  @Test func tapeIsFreedOnceGradientsAreAccumulated() {
    let w = Parameter(Tensor([1, 2]), name: "w")
    weak var released: Tape?
    do {
      let tape = Tape()
      released = tape
      let g = (w.variable(on: tape) * 2).sum().backward()
      w.accumulateGradient(from: g)
    }
    #expect(released == nil)
  }

  /// 10,000 training steps of a small model: no step's tape outlives its step. (The resident memory of a
  /// long training run is measured outside the test suite, whose process is shared by parallel tests:
  /// see the closing note of the networks issue and Docs/NeuralNetworks.md.)
  @Test func noTapeOutlivesItsStepOverTenThousandSteps() {
    let model = Dense(weight: Tensor([[0.5, -0.5], [0.25, 1]]), bias: Tensor([0, 0]), activation: .tanh)
    let x = Tensor([[1, 2], [-1, 0.5]])
    let y = Tensor([[0.5, 0], [0, -0.5]])
    var sgd = SGD(learningRate: 0.01, momentum: 0.9)
    weak var lastTape: Tape?
    func step() {
      let tape = Tape()
      lastTape = tape
      let loss = meanSquaredError(predicted: model(tape.constant(x)), expected: y)
      model.parameters.zeroGradients()
      model.parameters.accumulateGradients(from: loss.backward())
      sgd.update(model.parameters)
    }
    var survivingTapes = 0
    for _ in 0..<10_000 {
      step()
      if lastTape != nil { survivingTapes += 1 }
    }
    #expect(survivingTapes == 0)
  }
}
