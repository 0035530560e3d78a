import Testing

import AdjointNN

/// A layer y = x ⊙ s with a parameter s, recorded as one custom operation whose pullback to s is wrong by a
/// factor of 2 when `isWrong` (the pullback to x is right either way).
private struct Scale: Layer {
  let scale: Parameter
  let isWrong: Bool

  func callAsFunction(_ input: Variable<Tensor>) -> Variable<Tensor> {
    let s = input.recordingTape.map { scale.variable(on: $0) } ?? Variable(scale.value)
    let factor = isWrong ? 2.0 : 1.0
    return Variable.record("scale", value: input.value * s.value, inputs: [input, s]) { v, inputs, _ in
      [v * inputs[1], (factor * v * inputs[0]).summed(toShape: inputs[1].value.shape)]
    }
  }

  var parameters: [Parameter] { [scale] }
}

/// Every layer and loss against central differences: the rows of `GradientCheckCatalog.layersAndLosses`,
/// each with respect to its batch and its parameters, at seeds 1 and 2.
@Suite struct LayerGradientCheckTests {
  static let instances = GradientCheckCatalog.layersAndLosses.instances(seeds: 1...2)

  @Test(arguments: instances)
  func tapeGradientMatchesCentralDifferences(_ instance: GradientCheckCase.Instance) {
    let report = instance.check()
    #expect(report.passed, "\(instance): \(report)")
  }

  @Test func catalogHasARowForEveryLayerActivationAndLoss() {
    let names = GradientCheckCatalog.layersAndLosses.map(\.name)
    let activations: [Activation] = [.identity, .relu, .sigmoid, .tanh, .softmax]
    var wanted = activations.map { "Dense, \($0.name)" }
    wanted += ["ReLU layer", "Sigmoid layer", "Tanh layer", "Softmax layer", "Sequential(Dense tanh, Dense)"]
    wanted += ["Dropout, inference", "Dropout, training (fixed mask)"]
    wanted += ["meanSquaredError", "softmaxCrossEntropy", "sigmoidCrossEntropy", "hingeLoss"]
    for name in wanted {
      #expect(names.contains(name), "no row \"\(name)\"")
    }
  }

  /// The parameter side is checked, not only the batch: a layer whose pullback to its parameter is twice
  /// the derivative fails, and its worst element is in the parameter (input 1); the right layer passes.
  @Test func wrongParameterGradientIsCaught() {
    let inputs = [Tensor([[0.5, -1], [2, 0.25]]), Tensor([1.5, -0.5])]
    let wrong = checkLayerGradient(at: inputs) { p in Scale(scale: Parameter(p[0], name: "scale"), isWrong: true) }
    #expect(!wrong.passed, "\(wrong)")
    #expect(wrong.worstInput == 1)
    let right = checkLayerGradient(at: inputs) { p in Scale(scale: Parameter(p[0], name: "scale"), isWrong: false) }
    #expect(right.passed, "\(right)")
  }

  /// The training-phase dropout row checks a real mask: a fresh layer from the catalog's seed drops some
  /// elements and scales the others by 1/(1 − p), the same way every time.
  @Test func dropoutWithAFreshSeededGeneratorDrawsTheSameNonTrivialMask() {
    let ones = Tensor(repeating: 1, shape: [3, 4])
    let first = Dropout(probability: 0.5, generator: SplitMix64(seed: 7))(ones)
    let second = Dropout(probability: 0.5, generator: SplitMix64(seed: 7))(ones)
    #expect(first.scalars == second.scalars)
    #expect(first.scalars.contains(0) && first.scalars.contains(2))
  }
}
