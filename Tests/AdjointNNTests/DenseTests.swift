import Testing

import AdjointNN

@Suite struct DenseTests {
  /// x = [[1, 0, −1], [2, 1, 0]], W = [[1, 2], [3, 4], [5, 6]], b = [0.5, −0.5], worked out by hand:
  /// x·W = [[1 − 5, 2 − 6], [2 + 3, 4 + 4]] = [[−4, −4], [5, 8]]; + b = [[−3.5, −4.5], [5.5, 7.5]].
  @Test func affineOutputMatchesAHandComputation() {
    let layer = Dense(weight: Tensor([[1, 2], [3, 4], [5, 6]]), bias: Tensor([0.5, -0.5]))
    let y = layer(Tensor([[1, 0, -1], [2, 1, 0]]))
    #expect(y.shape == [2, 2])
    expectClose(y, Tensor([[-3.5, -4.5], [5.5, 7.5]]))
  }

  @Test func activationIsAppliedAfterTheAffineMap() {
    let layer = Dense(weight: Tensor([[1, 2], [3, 4], [5, 6]]), bias: Tensor([0.5, -0.5]), activation: .relu)
    expectClose(layer(Tensor([[1, 0, -1], [2, 1, 0]])), Tensor([[0, 0], [5.5, 7.5]]))
  }

  /// ∂(Σ y)/∂W = xᵀ·1 (column sums of x repeated), ∂(Σ y)/∂b = the number of rows, for y = x·W + b.
  @Test func gradientsOfWeightAndBiasSumOverTheBatch() {
    let layer = Dense(weight: Tensor([[1, 2], [3, 4], [5, 6]]), bias: Tensor([0.5, -0.5]))
    let tape = Tape()
    let loss = layer(tape.constant(Tensor([[1, 0, -1], [2, 1, 0]]))).sum()
    layer.parameters.accumulateGradients(from: loss.backward())
    expectClose(layer.weight.gradient, Tensor([[3, 3], [1, 1], [-1, -1]]))
    expectClose(layer.bias.gradient, Tensor([2, 2]))
  }

  @Test func shapesAndParameterCountFollowTheSizes() {
    var rng = SplitMix64(seed: 3)
    let layer = Dense(inputSize: 5, outputSize: 7, activation: .tanh, using: &rng)
    #expect(layer.weight.shape == [5, 7])
    #expect(layer.bias.shape == [7])
    #expect(layer.parameterCount == 5 * 7 + 7)
    #expect(layer(Tensor.zeros([4, 5])).shape == [4, 7])
    #expect(layer.bias.value == Tensor.zeros([7]))
  }

  /// He normal: standard deviation √(2/fanIn); Glorot uniform: bound √(6/(fanIn + fanOut)), whose
  /// standard deviation is bound/√3. 40,000 draws: the sample deviation is within 2 % of the target.
  @Test func initialisationScalesWithTheFanIn() {
    var rng = SplitMix64(seed: 11)
    let he = Dense(inputSize: 200, outputSize: 200, activation: .relu, using: &rng).weight.value.scalars
    let glorot = Dense(inputSize: 200, outputSize: 200, activation: .sigmoid, using: &rng).weight.value.scalars
    func deviation(_ xs: [Double]) -> Double {
      let mean = xs.reduce(0, +) / Double(xs.count)
      return (xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(xs.count)).squareRoot()
    }
    expectClose(deviation(he), (2.0 / 200).squareRoot(), absolute: 0, relative: 0.02)
    let bound = (6.0 / 400).squareRoot()
    expectClose(deviation(glorot), bound / 3.0.squareRoot(), absolute: 0, relative: 0.02)
    #expect(glorot.allSatisfy { Swift.abs($0) <= bound })
  }

  @Test func sameSeedGivesTheSameWeights() {
    var a = SplitMix64(seed: 5), b = SplitMix64(seed: 5)
    let x = Dense(inputSize: 3, outputSize: 4, activation: .relu, using: &a)
    let y = Dense(inputSize: 3, outputSize: 4, activation: .relu, using: &b)
    #expect(x.weight.value == y.weight.value)
  }

  @Test func constantInputRecordsNothing() {
    let layer = Dense(weight: Tensor([[2]]), bias: Tensor([1]))
    let y = layer(Variable(Tensor([[3]])))
    #expect(!y.isRecorded)
    expectClose(y.value, Tensor([[7]]))
  }

  @Test func wrongInputWidthTraps() async {
    await #expect(processExitsWith: .failure) {
      let layer = Dense(weight: Tensor([[1, 2], [3, 4]]), bias: Tensor([0, 0]))
      _ = layer(Tensor([[1, 2, 3]]))
    }
  }
}
