/// Fixed targets in [−1.5, 1.5] of the given shape (data), spread so that some differences exceed δ = 1.
private func spreadTargets(_ shape: [Int]) -> Tensor {
  let scalars = (0..<shape.reduce(1, *)).map { (i: Int) -> Double in Double((i * 5) % 7) / 2 - 1.5 }
  return Tensor(shape: shape, scalars: scalars)
}

/// Rows of target probabilities (soft labels) of a `[rows, classes]` or `[classes]` shape, each summing to 1.
private func softLabels(_ shape: [Int]) -> Tensor {
  let classes = shape.last ?? 1
  let weights = (0..<shape.reduce(1, *)).map { (i: Int) -> Double in Double(i % classes + 1 + i / classes % 2) }
  let rows = Tensor(shape: [weights.count / classes, classes], scalars: weights)
  return (rows / rows.sum(alongAxes: [1], keepingDimensions: true)).reshaped(to: shape)
}

/// One class per row of a `[rows, classes]` batch.
private func spreadLabels(_ shape: [Int]) -> [Int] { (0..<shape[0]).map { ($0 * 2 + 1) % shape[1] } }

extension GradientCheckCatalog {
  /// The losses added with the reductions: cross-entropy with probability labels and on one row, the mean
  /// squared error in both arguments, Huber, and the negative log-likelihood — first and second order
  /// (`∇` rows: the recorded gradient with respect to the prediction, differentiated again).
  ///
  /// Huber's kinks: d = 0 is kept off (the predictions are the targets plus 3x, |x| ≥ 0.05); |d| = δ, where
  /// only the second derivative jumps, is hit within a difference step with negligible probability. The
  /// derivative at |d| = δ is tested with an explicit expected value (`LossReferenceTests`).
  static let lossVariants: [GradientCheckCase] = [
    .init("softmaxCrossEntropy(probabilities:)", shapeSets: [[[3, 4]], [[1, 5]], [[4]]], in: [-3...3]) { v in
      softmaxCrossEntropy(logits: v[0], probabilities: softLabels(v[0].value.shape))
    },
    .init("softmaxCrossEntropy, one-hot rows", shapeSets: [[[3, 4]]], in: [-3...3]) { v in
      softmaxCrossEntropy(logits: v[0], probabilities: Tensor.oneHot(labels: spreadLabels([3, 4]), classCount: 4))
    },
    .init("softmaxCrossEntropy(label:), one row", shapeSets: [[[5]]], in: [-3...3]) { v in
      softmaxCrossEntropy(logits: v[0], label: 3)
    },
    .init("meanSquaredError in both arguments", shapeSets: [[[3, 4], [3, 4]], [[5], [5]]]) { v in
      meanSquaredError(predicted: v[0], expected: v[1])
    },
    .init("huberLoss(delta: 1)", shapeSets: [[[3, 4]], [[5]]], in: [-0.9...0.9], gap: 0.05) { v in
      let e = spreadTargets(v[0].value.shape)
      return huberLoss(predicted: v[0] * 3 + Variable(e), expected: e, delta: 1)
    },
    .init("huberLoss(delta: 0.5)", shapeSets: [[[3, 4]]], in: [-0.4...0.4], gap: 0.05) { v in
      let e = spreadTargets(v[0].value.shape)
      return huberLoss(predicted: v[0] * 3 + Variable(e), expected: e, delta: 0.5)
    },
    .init("negativeLogLikelihood", shapeSets: [[[3, 4]], [[5, 2]]], in: [-3...(-0.1)]) { v in
      negativeLogLikelihood(logProbabilities: v[0], labels: spreadLabels(v[0].value.shape))
    },
    .init("negativeLogLikelihood of logSoftmax", shapeSets: [[[3, 4]]], in: [-3...3]) { v in
      negativeLogLikelihood(logProbabilities: v[0].logSoftmax(alongAxis: 1), labels: spreadLabels([3, 4]))
    },
    .init("∇ softmaxCrossEntropy(probabilities:)", shapeSets: [[[3, 4]], [[4]]], in: [-3...3]) { v in
      gradient(at: v[0]) { softmaxCrossEntropy(logits: $0, probabilities: softLabels($0.value.shape)) }
    },
    .init("∇ meanSquaredError in both arguments", shapeSets: [[[3, 4], [3, 4]]]) { v in
      gradient(at: v[0]) { meanSquaredError(predicted: $0 * $0, expected: v[1]) }
        + gradient(at: v[1]) { meanSquaredError(predicted: v[0], expected: $0 * $0 * $0) }
    },
    .init("∇ huberLoss(delta: 1), of a square", shapeSets: [[[5]]], in: [0.2...0.5]) { v in
      gradient(at: v[0]) { huberLoss(predicted: $0 * $0 * 4, expected: Tensor.zeros([5]), delta: 1) }
    },
    .init("∇ sigmoidCrossEntropy", shapeSets: [[[3, 4]]], in: [-4...4]) { v in
      gradient(at: v[0]) { sigmoidCrossEntropy(logits: $0, labels: softLabels([3, 4])) }
    },
  ]
}
