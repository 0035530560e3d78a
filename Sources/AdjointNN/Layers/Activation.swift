/// An activation function for `Dense`, with the weight initialisation that suits it.
///
/// ```swift
/// Dense(inputSize: 2, outputSize: 16, activation: .relu, using: &rng)   // He initialisation
/// Dense(inputSize: 16, outputSize: 1, activation: .sigmoid, using: &rng) // Glorot initialisation
/// ```
public struct Activation: Sendable {
  /// A short name, for descriptions (`"relu"`).
  public let name: String
  /// The initialisation `Dense(inputSize:outputSize:activation:using:)` uses with this activation.
  public let initialization: WeightInitialization
  /// The function, elementwise or per row, on a batch `[batch, features]`.
  public let function: @Sendable (Variable<Tensor>) -> Variable<Tensor>

  /// Creates an activation from a differentiable function.
  ///
  /// - Parameters:
  ///   - name: a short name, for descriptions.
  ///   - initialization: the weight initialisation that suits it (Glorot by default).
  ///   - function: the function, written with the engine's differentiable operations.
  public init(
    name: String, initialization: WeightInitialization = .glorot,
    _ function: @escaping @Sendable (Variable<Tensor>) -> Variable<Tensor>
  ) {
    self.name = name
    self.initialization = initialization
    self.function = function
  }

  /// The identity: a linear (affine) layer. Glorot initialisation.
  public static let identity = Activation(name: "identity") { $0 }
  /// max(x, 0). He initialisation.
  public static let relu = Activation(name: "relu", initialization: .he) { Adjoint.relu($0) }
  /// The logistic function 1 / (1 + e^−x). Glorot initialisation.
  public static let sigmoid = Activation(name: "sigmoid") { Adjoint.sigmoid($0) }
  /// The hyperbolic tangent. Glorot initialisation.
  public static let tanh = Activation(name: "tanh") { Adjoint.tanh($0) }
  /// The softmax of each row, e^xᵢ / Σⱼ e^xⱼ. Glorot initialisation.
  public static let softmax = Activation(name: "softmax") { $0.softmax(alongAxis: 1) }
}

/// How `Dense` draws its initial weights (biases start at zero).
public enum WeightInitialization: Sendable {
  /// He (Kaiming) normal: N(0, 2 / fanIn), which keeps the variance of activations through ReLU layers
  /// (He et al. 2015).
  case he
  /// Glorot (Xavier) uniform: U(−a, a) with a = √(6 / (fanIn + fanOut)), which keeps the variance of
  /// activations and gradients through tanh or sigmoid layers (Glorot and Bengio 2010).
  case glorot

  /// Draws a `[fanIn, fanOut]` weight matrix.
  func weights(fanIn: Int, fanOut: Int, using generator: inout some RandomNumberGenerator) -> Tensor {
    switch self {
    case .he:
      let deviation = (2 / Double(Swift.max(fanIn, 1))).squareRoot()
      return Tensor.randomNormal(shape: [fanIn, fanOut], standardDeviation: deviation, using: &generator)
    case .glorot:
      let limit = (6 / Double(Swift.max(fanIn + fanOut, 1))).squareRoot()
      return Tensor.random(shape: [fanIn, fanOut], in: -limit...limit, using: &generator)
    }
  }
}
