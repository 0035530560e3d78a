import Testing

import AdjointNN

@Suite struct SequentialTests {
  /// Dense(×2, +1) then Dense(×3, +0) gives 3·(2x + 1) = 6x + 3; the other order gives 2·3x + 1 = 6x + 1.
  @Test func layersApplyInOrder() {
    let double = Dense(weight: Tensor([[2]]), bias: Tensor([1]))
    let triple = Dense(weight: Tensor([[3]]), bias: Tensor([0]))
    expectClose(Sequential(double, triple)(Tensor([[1]])), Tensor([[9]]))
    expectClose(Sequential(triple, double)(Tensor([[1]])), Tensor([[7]]))
    expectClose(Sequential(triple, ReLU(), double)(Tensor([[-1]])), Tensor([[1]]))
  }

  @Test func parametersAreConcatenatedWithIndexPrefixedNames() {
    var rng = SplitMix64(seed: 1)
    let model = Sequential(
      Dense(inputSize: 4, outputSize: 3, activation: .relu, using: &rng), ReLU(), Dropout(probability: 0.5),
      Dense(inputSize: 3, outputSize: 2, using: &rng))
    #expect(model.namedParameters.map(\.name) == ["0.weight", "0.bias", "3.weight", "3.bias"])
    #expect(model.parameters.map(\.shape) == [[4, 3], [3], [3, 2], [2]])
    #expect(model.parameterCount == 4 * 3 + 3 + 3 * 2 + 2)
  }

  @Test func nestedSequentialsPrefixEveryLevel() {
    var rng = SplitMix64(seed: 1)
    let block = Sequential(Dense(inputSize: 2, outputSize: 2, using: &rng), Tanh())
    let model = Sequential(block, Dense(inputSize: 2, outputSize: 1, using: &rng))
    #expect(model.namedParameters.map(\.name) == ["0.0.weight", "0.0.bias", "1.weight", "1.bias"])
  }

  /// A layer used twice shares its parameters: they are listed once, and their gradient is the sum of
  /// both uses. With y = w·(w·x) = w²x, dy/dw = 2wx = 12 at w = 3, x = 2.
  @Test func sharedLayerIsListedOnceAndCollectsBothGradients() {
    let layer = Dense(weight: Tensor([[3]]), bias: Tensor([0]))
    let model = Sequential(layer, layer)
    #expect(model.parameters.count == 2)
    let tape = Tape()
    let y = model(tape.constant(Tensor([[2]]))).sum()
    expectClose(y.value, Tensor(18))
    model.parameters.accumulateGradients(from: y.backward())
    expectClose(layer.weight.gradient, Tensor([[12]]))
  }

  @Test func activationLayersApplyTheirFunctions() {
    let x = Tensor([[-1, 0, 2]])
    expectClose(ReLU()(x), Tensor([[0, 0, 2]]))
    expectClose(Sigmoid()(x), Tensor([[1 / (1 + 2.718281828459045), 0.5, 1 / (1 + 0.1353352832366127)]]))
    expectClose(Tanh()(x), Tensor([[-0.7615941559557649, 0, 0.9640275800758169]]))
    // softmax([−1, 0, 2]) = e^x / (e^−1 + 1 + e²).
    let total = 0.36787944117144233 + 1 + 7.38905609893065
    expectClose(Softmax()(x), Tensor([[0.36787944117144233 / total, 1 / total, 7.38905609893065 / total]]))
    #expect(ReLU().parameters.isEmpty && Softmax().parameterCount == 0)
  }
}
