/// Targets for the losses: fixed values of the given shape in [−1, 1] (data, so not differentiated).
private func targets(_ shape: [Int]) -> Tensor {
  let scalars = (0..<shape.reduce(1, *)).map { (i: Int) -> Double in Double((i * 7) % 11) / 5 - 1 }
  return Tensor(shape: shape, scalars: scalars)
}

/// Probabilities 0, ½ and 1 in turn, of the given shape (sigmoid cross-entropy labels).
private func probabilities(_ shape: [Int]) -> Tensor {
  let scalars = (0..<shape.reduce(1, *)).map { (i: Int) -> Double in Double(i % 3) / 2 }
  return Tensor(shape: shape, scalars: scalars)
}

/// Labels +1 and −1 in turn, of the given shape (hinge-loss labels).
private func signs(_ shape: [Int]) -> Tensor {
  let scalars = (0..<shape.reduce(1, *)).map { (i: Int) -> Double in i % 2 == 0 ? 1 : -1 }
  return Tensor(shape: shape, scalars: scalars)
}

/// One class per row of a `[rows, classes]` batch, spread over the classes.
private func classLabels(_ shape: [Int]) -> [Int] {
  (0..<shape[0]).map { ($0 * 3 + 1) % shape[1] }
}

/// The dropout mask's seed: every evaluation builds a fresh generator from it, so the mask is the same.
private let dropoutSeed: UInt64 = 7

/// A batch of 4 with 3 features into 5 units, and a batch of 1 with 2 features into 3 units.
private let denseShapes: [[[Int]]] = [[[4, 3], [3, 5], [5]], [[1, 2], [2, 3], [3]]]

extension GradientCheckCatalog {
  /// The layers and losses of AdjointNN, each through its own code: layers with respect to their batch
  /// and every parameter (`checkLayerGradient`: the parameters go on the tape the way training puts them
  /// there, and their gradients are read after `accumulateGradient(from:)`), losses with respect to their
  /// predictions (their targets are data), and losses of layers with respect to the layers' parameters.
  ///
  /// Dropout is checked in inference (the identity) and in training with a fixed mask: the layer is built
  /// afresh for every evaluation with `SplitMix64(seed: 7)`, so every evaluation draws the same mask.
  public static let layersAndLosses: [GradientCheckCase] = layers + losses + lossVariants

  static let layers: [GradientCheckCase] = [
    .init("Dense, identity", shapeSets: denseShapes) { p in Dense(weight: p[0], bias: p[1]) },
    .init("Dense, relu", shapeSets: denseShapes) { p in Dense(weight: p[0], bias: p[1], activation: .relu) },
    .init("Dense, sigmoid", shapeSets: denseShapes) { p in Dense(weight: p[0], bias: p[1], activation: .sigmoid) },
    .init("Dense, tanh", shapeSets: denseShapes) { p in Dense(weight: p[0], bias: p[1], activation: .tanh) },
    .init("Dense, softmax", shapeSets: denseShapes) { p in Dense(weight: p[0], bias: p[1], activation: .softmax) },
    .init("Dense applied twice (shared)", shapeSets: [[[4, 3], [3, 3], [3]]], output: { $0($0($1)) }) { p in
      Dense(weight: p[0], bias: p[1], activation: .tanh)
    },
    .init("ReLU layer", shapeSets: [[[3, 4]], [[1, 5]]], gap: 0.05) { _ in ReLU() },
    .init("Sigmoid layer", shapeSets: [[[3, 4]], [[1, 5]]], in: [-5...5]) { _ in Sigmoid() },
    .init("Tanh layer", shapeSets: [[[3, 4]], [[1, 5]]], in: [-3...3]) { _ in Tanh() },
    .init("Softmax layer", shapeSets: [[[3, 4]], [[1, 5]]], in: [-3...3]) { _ in Softmax() },
    .init("Sequential(Dense tanh, Dense)", shapeSets: [[[4, 3], [3, 5], [5], [5, 2], [2]]]) { p in
      Sequential(Dense(weight: p[0], bias: p[1], activation: .tanh), Dense(weight: p[2], bias: p[3]))
    },
    .init("Dropout, inference", shapeSets: [[[3, 4]], [[5]]]) { _ in
      let dropout = Dropout(probability: 0.5, generator: SplitMix64(seed: dropoutSeed))
      dropout.setLearningPhase(.inference)
      return dropout
    },
    .init("Dropout, training (fixed mask)", shapeSets: [[[3, 4]], [[5]]]) { _ in
      Dropout(probability: 0.5, generator: SplitMix64(seed: dropoutSeed))
    },
    .init("Sequential(Dense, Dropout, Dense)", shapeSets: [[[4, 3], [3, 5], [5], [5, 2], [2]]]) { p in
      Sequential(
        Dense(weight: p[0], bias: p[1], activation: .sigmoid),
        Dropout(probability: 0.3, generator: SplitMix64(seed: dropoutSeed)), Dense(weight: p[2], bias: p[3]))
    },
    // micrograd's MLP on scalar variables, with respect to its 13 parameters (two examples summed).
    .init("ScalarMLP 2-3-1, parameters", arity: ScalarMLP.parameterCount(inputSize: 2, layerSizes: [3, 1])) { p in
      let model = ScalarMLP(inputSize: 2, layerSizes: [3, 1], parameters: Array(repeating: 0, count: p.count))
      return model([0.5, -1], parameters: p)[0] + model([-1.5, 0.25], parameters: p)[0]
    },
  ]

  static let losses: [GradientCheckCase] = [
    .init("meanSquaredError", shapeSets: [[[3, 4]], [[5]]]) { v in
      meanSquaredError(predicted: v[0], expected: targets(v[0].value.shape))
    },
    .init("softmaxCrossEntropy", shapeSets: [[[3, 4]], [[5, 2]]], in: [-3...3]) { v in
      softmaxCrossEntropy(logits: v[0], labels: classLabels(v[0].value.shape))
    },
    .init("sigmoidCrossEntropy", shapeSets: [[[3, 4]], [[5]]], in: [-4...4]) { v in
      sigmoidCrossEntropy(logits: v[0], labels: probabilities(v[0].value.shape))
    },
    // The hinge sits at y·s = 1; with s = x + y it is at x = 0, which the gap avoids.
    .init("hingeLoss", shapeSets: [[[3, 4]], [[5]]], gap: 0.05) { v in
      let y = signs(v[0].value.shape)
      return hingeLoss(predicted: v[0] + Variable(y), expected: y)
    },
    .init(
      "meanSquaredError of Dense", shapeSets: denseShapes,
      output: { layer, x in meanSquaredError(predicted: layer(x), expected: targets([x.value.shape[0], layer.outputSize])) }
    ) { p in Dense(weight: p[0], bias: p[1], activation: .tanh) },
    .init(
      "softmaxCrossEntropy of a two-layer net", shapeSets: [[[5, 4], [4, 6], [6], [6, 3], [3]]],
      output: { model, x in softmaxCrossEntropy(logits: model(x), labels: classLabels([x.value.shape[0], 3])) }
    ) { p in
      Sequential(Dense(weight: p[0], bias: p[1], activation: .relu), Dense(weight: p[2], bias: p[3]))
    },
    .init(
      "sigmoidCrossEntropy of Dense", shapeSets: denseShapes,
      output: { layer, x in
        sigmoidCrossEntropy(logits: layer(x), labels: probabilities([x.value.shape[0], layer.outputSize]))
      }
    ) { p in Dense(weight: p[0], bias: p[1]) },
    .init(
      "hingeLoss of Dense", shapeSets: denseShapes,
      output: { layer, x in hingeLoss(predicted: layer(x), expected: signs([x.value.shape[0], layer.outputSize])) }
    ) { p in Dense(weight: p[0], bias: p[1]) },
  ]
}
