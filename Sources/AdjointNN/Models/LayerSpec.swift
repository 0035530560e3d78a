/// A layer's architecture without its parameters: what a model file records so that loading it rebuilds the
/// network.
///
/// A model's architecture is an array of specs applied in order (a ``Sequential``). Each spec names the
/// layer and the sizes that fix its parameters' shapes; the parameters themselves are stored beside it.
/// Stored as JSON in the model file, one object per layer keyed by the case name:
///
/// ```swift
/// let architecture: [LayerSpec] = [
///   .dense(inputSize: 64, outputSize: 128, activation: "relu"),
///   .dropout(probability: 0.1),
///   .dense(inputSize: 128, outputSize: 10, activation: "identity"),
/// ]
/// var rng = SplitMix64(seed: 0)
/// let network = LayerSpec.makeNetwork(architecture, using: &rng)
/// network.parameterCount   // 9610
/// // JSON: [{"dense":{"inputSize":64,"outputSize":128,"activation":"relu"}},{"dropout":{"probability":0.1}}, …]
/// ```
public enum LayerSpec: Codable, Equatable, Sendable {
  /// ``Dense``: `activation(x·W + b)` with W of shape `[inputSize, outputSize]`; the activation by its
  /// ``Activation/name`` (`"identity"`, `"relu"`, `"sigmoid"`, `"tanh"`, `"softmax"`).
  case dense(inputSize: Int, outputSize: Int, activation: String)
  /// ``ReLU``.
  case relu
  /// ``Sigmoid``.
  case sigmoid
  /// ``Tanh``.
  case tanh
  /// ``Softmax``.
  case softmax
  /// ``Dropout`` with the given probability (its mask generator is seeded from the builder's generator).
  case dropout(probability: Double)
  /// ``Reshape``: each example reshaped to `shape` (for example 64 features to `[1, 8, 8]` for a CNN).
  case reshape(shape: [Int])
  /// ``Flatten``: every axis after the batch axis into one.
  case flatten
  /// ``Conv2D`` with OIHW filters; `kernelSize`, `stride`, `padding` and `dilation` are `[height, width]`.
  case conv2d(
    inputChannels: Int, outputChannels: Int, kernelSize: [Int], stride: [Int], padding: [Int], dilation: [Int],
    groups: Int, activation: String)
  /// ``MaxPool2D``; sizes are `[height, width]`.
  case maxPool2d(kernelSize: [Int], stride: [Int], padding: [Int])
  /// ``AvgPool2D``; sizes are `[height, width]`.
  case avgPool2d(kernelSize: [Int], stride: [Int], padding: [Int])
  /// ``BatchNorm`` over axis 1 (its running statistics are stored beside the parameters).
  case batchNorm(featureCount: Int, momentum: Double, epsilon: Double)
  /// ``LayerNorm`` over the trailing axes of `normalizedShape`.
  case layerNorm(normalizedShape: [Int], epsilon: Double)

  /// Builds the layer with fresh parameters drawn from `generator` (as the layer's own initialiser does).
  ///
  /// - Precondition: the spec is valid (see ``validationError``).
  public func makeLayer(using generator: inout some RandomNumberGenerator) -> any Layer {
    if let problem = validationError { failPrecondition("LayerSpec.makeLayer: \(problem)") }
    switch self {
    case .dense(let inputSize, let outputSize, let activation):
      return Dense(
        inputSize: inputSize, outputSize: outputSize, activation: Activation.named(activation) ?? .identity,
        using: &generator)
    case .relu: return ReLU()
    case .sigmoid: return Sigmoid()
    case .tanh: return Tanh()
    case .softmax: return Softmax()
    case .dropout(let probability):
      return Dropout(probability: probability, generator: SplitMix64(seed: generator.next()))
    case .reshape(let shape): return Reshape(shape)
    default: return makeConvolutionalLayer(using: &generator)
    }
  }

  /// What is wrong with the spec's values, or `nil` when it can be built (a file may hold anything).
  public var validationError: String? {
    switch self {
    case .dense(let inputSize, let outputSize, let activation):
      if inputSize < 1 || outputSize < 1 { return "dense sizes must be positive, got \(inputSize) × \(outputSize)" }
      if Activation.named(activation) == nil {
        return "unknown activation \"\(activation)\" (known: \(Activation.namedActivations.map(\.name).joined(separator: ", ")))"
      }
      return nil
    case .dropout(let probability):
      return probability >= 0 && probability < 1 ? nil : "dropout probability must be in [0, 1), got \(probability)"
    case .reshape(let shape):
      return !shape.isEmpty && shape.allSatisfy { $0 >= 1 } ? nil : "reshape needs positive dimensions, got \(shape)"
    case .relu, .sigmoid, .tanh, .softmax, .flatten:
      return nil
    default:
      return convolutionalValidationError
    }
  }

  /// The network of `specs` in order, with fresh parameters.
  ///
  /// - Precondition: every spec is valid.
  public static func makeNetwork(_ specs: [LayerSpec], using generator: inout some RandomNumberGenerator) -> Sequential {
    Sequential(specs.map { $0.makeLayer(using: &generator) })
  }

  /// A multilayer perceptron: dense layers of the given sizes, `activation` between them, identity at the end
  /// (logits for `softmaxCrossEntropy`). `[64, 128, 10]` gives 64 → 128 (relu) → 10.
  ///
  /// - Precondition: at least two sizes, all positive.
  public static func multilayerPerceptron(sizes: [Int], activation: String = "relu") -> [LayerSpec] {
    checkPrecondition(sizes.count >= 2 && sizes.allSatisfy { $0 >= 1 }, "LayerSpec.multilayerPerceptron: need ≥ 2 positive sizes, got \(sizes)")
    return (0..<(sizes.count - 1)).map { i in
      .dense(inputSize: sizes[i], outputSize: sizes[i + 1], activation: i == sizes.count - 2 ? "identity" : activation)
    }
  }
}

extension Activation {
  /// The built-in activations, which a ``LayerSpec`` names.
  public static let namedActivations: [Activation] = [.identity, .relu, .sigmoid, .tanh, .softmax]

  /// The built-in activation with this name (`"relu"`), or `nil`.
  public static func named(_ name: String) -> Activation? {
    namedActivations.first { $0.name == name }
  }
}
