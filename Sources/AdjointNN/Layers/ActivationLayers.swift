// Activation functions as layers without parameters, for use in `Sequential`. Each applies the engine's
// differentiable function of the same name.

/// max(x, 0) elementwise, as a layer.
public struct ReLU: Layer {
  /// Creates the layer.
  public init() {}
  /// max(x, 0) elementwise (relu′(0) = 0).
  public func callAsFunction(_ input: Variable<Tensor>) -> Variable<Tensor> { relu(input) }
  /// None.
  public var parameters: [Parameter] { [] }
}

/// The logistic function 1 / (1 + e^−x) elementwise, as a layer.
public struct Sigmoid: Layer {
  /// Creates the layer.
  public init() {}
  /// 1 / (1 + e^−x) elementwise.
  public func callAsFunction(_ input: Variable<Tensor>) -> Variable<Tensor> { sigmoid(input) }
  /// None.
  public var parameters: [Parameter] { [] }
}

/// The hyperbolic tangent elementwise, as a layer.
public struct Tanh: Layer {
  /// Creates the layer.
  public init() {}
  /// tanh x elementwise.
  public func callAsFunction(_ input: Variable<Tensor>) -> Variable<Tensor> { tanh(input) }
  /// None.
  public var parameters: [Parameter] { [] }
}

/// The softmax of each row, as a layer: row i of the output is e^xᵢⱼ / Σₖ e^xᵢₖ (a probability vector).
///
/// To train a classifier, feed the logits (the input of this layer) to `softmaxCrossEntropy(logits:labels:)`,
/// which is more accurate than the logarithm of this layer's output.
public struct Softmax: Layer {
  /// Creates the layer.
  public init() {}
  /// The softmax of each row of a `[batch, classes]` input.
  public func callAsFunction(_ input: Variable<Tensor>) -> Variable<Tensor> { input.softmax(alongAxis: 1) }
  /// None.
  public var parameters: [Parameter] { [] }
}
