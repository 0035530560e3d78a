// Building and checking the convolutional and normalisation specs of `LayerSpec`.

extension LayerSpec {
  /// The layer of a convolution, pooling or normalisation spec.
  func makeConvolutionalLayer(using generator: inout some RandomNumberGenerator) -> any Layer {
    switch self {
    case .conv2d(let inputs, let outputs, let kernel, let stride, let padding, let dilation, let groups, let activation):
      return Conv2D(
        inputChannels: inputs, outputChannels: outputs, kernelSize: size(kernel), stride: size(stride),
        padding: size(padding), dilation: size(dilation), groups: groups,
        activation: Activation.named(activation) ?? .identity, using: &generator)
    case .maxPool2d(let kernel, let stride, let padding):
      return MaxPool2D(kernelSize: size(kernel), stride: size(stride), padding: size(padding))
    case .avgPool2d(let kernel, let stride, let padding):
      return AvgPool2D(kernelSize: size(kernel), stride: size(stride), padding: size(padding))
    case .batchNorm(let features, let momentum, let epsilon):
      return BatchNorm(featureCount: features, momentum: momentum, epsilon: epsilon)
    case .layerNorm(let shape, let epsilon):
      return LayerNorm(normalizedShape: shape, epsilon: epsilon)
    case .flatten:
      return Flatten()
    default:
      failPrecondition("LayerSpec: \(self) is not a convolutional spec")
    }
  }

  /// What is wrong with a convolution, pooling or normalisation spec, or `nil`.
  var convolutionalValidationError: String? {
    func pair(_ values: [Int], _ name: String, minimum: Int) -> String? {
      values.count == 2 && values.allSatisfy { $0 >= minimum } ? nil : "\(name) must be [height, width] ≥ \(minimum), got \(values)"
    }
    switch self {
    case .conv2d(let inputs, let outputs, let kernel, let stride, let padding, let dilation, let groups, let activation):
      if inputs < 1 || outputs < 1 || groups < 1 || inputs % groups != 0 || outputs % groups != 0 {
        return "conv2d channels \(inputs) → \(outputs) must be positive and divisible by groups \(groups)"
      }
      if Activation.named(activation) == nil { return "unknown activation \"\(activation)\"" }
      return pair(kernel, "kernelSize", minimum: 1) ?? pair(stride, "stride", minimum: 1)
        ?? pair(padding, "padding", minimum: 0) ?? pair(dilation, "dilation", minimum: 1)
    case .maxPool2d(let kernel, let stride, let padding), .avgPool2d(let kernel, let stride, let padding):
      return pair(kernel, "kernelSize", minimum: 1) ?? pair(stride, "stride", minimum: 1) ?? pair(padding, "padding", minimum: 0)
    case .batchNorm(let features, let momentum, let epsilon):
      return features >= 1 && (0...1).contains(momentum) && epsilon > 0 && epsilon.isFinite
        ? nil : "batchNorm needs featureCount ≥ 1, momentum in [0, 1], epsilon > 0"
    case .layerNorm(let shape, let epsilon):
      return !shape.isEmpty && shape.allSatisfy { $0 >= 1 } && epsilon > 0 && epsilon.isFinite
        ? nil : "layerNorm needs a positive shape and epsilon > 0"
    default:
      return nil
    }
  }

  /// A small convolutional network for square one-channel images of `side × side` pixels given as rows:
  /// reshape to `[1, side, side]`; conv 3×3 → 32 channels (padding 1), batch norm, ReLU; conv 3×3 → 64
  /// channels, batch norm, ReLU; max-pool 2×2; flatten; dense to `classes` logits.
  ///
  /// For the 8×8 digits: 64 → 32×8×8 → 64×8×8 → 64×4×4 = 1024 → 10 (the layout of the conv branch's digits
  /// CNN, which reaches 99 % with Adam at 10⁻³).
  ///
  /// - Precondition: side ≥ 2 and even, classes ≥ 1.
  public static func smallConvolutionalNetwork(side: Int, classes: Int) -> [LayerSpec] {
    checkPrecondition(
      side >= 2 && side % 2 == 0 && classes >= 1,
      "LayerSpec.smallConvolutionalNetwork: need an even side ≥ 2 and classes ≥ 1, got \(side), \(classes)")
    func conv(_ inputs: Int, _ outputs: Int) -> LayerSpec {
      .conv2d(
        inputChannels: inputs, outputChannels: outputs, kernelSize: [3, 3], stride: [1, 1], padding: [1, 1],
        dilation: [1, 1], groups: 1, activation: "identity")
    }
    return [
      .reshape(shape: [1, side, side]),
      conv(1, 32), .batchNorm(featureCount: 32, momentum: 0.1, epsilon: 1e-5), .relu,
      conv(32, 64), .batchNorm(featureCount: 64, momentum: 0.1, epsilon: 1e-5), .relu,
      .maxPool2d(kernelSize: [2, 2], stride: [2, 2], padding: [0, 0]),
      .flatten,
      .dense(inputSize: 64 * (side / 2) * (side / 2), outputSize: classes, activation: "identity"),
    ]
  }
}

/// `[height, width]` as a `Size2D`.
private func size(_ pair: [Int]) -> Size2D {
  Size2D(height: pair[0], width: pair[1])
}
