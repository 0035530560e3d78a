/// Layers applied one after the other: the output of each is the input of the next.
///
/// ```swift
/// var rng = SplitMix64(seed: 1)
/// let model = Sequential(
///   Dense(inputSize: 64, outputSize: 128, activation: .relu, using: &rng),
///   Dense(inputSize: 128, outputSize: 10, using: &rng))
/// model.parameters.count                   // 4
/// model.namedParameters.map(\.name)        // ["0.weight", "0.bias", "1.weight", "1.bias"]
/// ```
///
/// Its parameters are those of its layers in order, each listed once even when a layer (or a parameter)
/// appears twice; their checkpoint names are prefixed with the layer's index, as in PyTorch's
/// `nn.Sequential`.
public struct Sequential: Layer {
  /// The layers, in the order they are applied.
  public let layers: [any Layer]
  /// The layers' parameters in order, each once (even when a layer or a parameter appears twice),
  /// named `"<layer index>.<name in the layer>"`. Collected once, at creation: a layer's parameters are
  /// fixed when it is made.
  public let namedParameters: [(name: String, parameter: Parameter)]
  /// The layers' parameters in order, each once.
  public let parameters: [Parameter]

  /// Creates the composition of `layers`, applied in order.
  public init(_ layers: [any Layer]) {
    self.layers = layers
    self.namedParameters = Sequential.collectParameters(of: layers)
    self.parameters = namedParameters.map(\.parameter)
  }

  /// Creates the composition of the given layers, applied in order.
  public init(_ layers: any Layer...) {
    self.init(layers)
  }

  /// Applies the layers in order.
  ///
  /// - Complexity: the sum of the layers' costs.
  public func callAsFunction(_ input: Variable<Tensor>) -> Variable<Tensor> {
    layers.reduce(input) { x, layer in layer(x) }
  }

  /// The named parameters of `layers`, each parameter once.
  private static func collectParameters(of layers: [any Layer]) -> [(name: String, parameter: Parameter)] {
    var seen = Set<ObjectIdentifier>()
    var result: [(name: String, parameter: Parameter)] = []
    for (index, layer) in layers.enumerated() {
      for (name, parameter) in layer.namedParameters where seen.insert(ObjectIdentifier(parameter)).inserted {
        result.append((name: "\(index).\(name)", parameter: parameter))
      }
    }
    return result
  }

  /// Sets the learning phase of every layer.
  public func setLearningPhase(_ phase: LearningPhase) {
    for layer in layers { layer.setLearningPhase(phase) }
  }
}
