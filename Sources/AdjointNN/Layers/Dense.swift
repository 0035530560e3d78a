/// A fully connected (affine) layer: `activation(matmul(input, weight) + bias)`.
///
/// On a batch x of shape `[batch, inputSize]`, with W of shape `[inputSize, outputSize]` and b of shape
/// `[outputSize]`, the output `activation(x·W + b)` has shape `[batch, outputSize]`; b is added to every row
/// (broadcasting), so its gradient is the sum over the batch of the rows' gradients.
///
/// ```swift
/// let layer = Dense(weight: Tensor([[1, 2], [3, 4], [5, 6]]), bias: Tensor([0.5, -0.5]))
/// layer(Tensor([[1, 0, -1]]))   // [[1 − 5 + 0.5, 2 − 6 − 0.5]] = [[-3.5, -4.5]]
/// ```
///
/// A copy of a `Dense` shares its parameters (a `Parameter` is an object).
public struct Dense: Layer {
  /// The weight W, of shape `[inputSize, outputSize]`.
  public let weight: Parameter
  /// The bias b, of shape `[outputSize]`.
  public let bias: Parameter
  /// The activation applied to x·W + b.
  public let activation: Activation

  /// Creates a layer with random weights and zero biases.
  ///
  /// The weights are drawn from `generator` by the activation's initialisation: He normal for `.relu`,
  /// Glorot uniform otherwise (see `WeightInitialization`).
  ///
  /// - Parameters:
  ///   - inputSize: the number of input features.
  ///   - outputSize: the number of output features.
  ///   - activation: the function applied to the affine map (the identity by default).
  ///   - generator: the source of randomness; pass a seeded `SplitMix64` for repeatable runs.
  /// - Precondition: both sizes are positive.
  public init(
    inputSize: Int, outputSize: Int, activation: Activation = .identity,
    using generator: inout some RandomNumberGenerator
  ) {
    checkPrecondition(
      inputSize > 0 && outputSize > 0, "Dense: sizes must be positive, got inputSize \(inputSize), outputSize \(outputSize)")
    let weight = activation.initialization.weights(fanIn: inputSize, fanOut: outputSize, using: &generator)
    self.init(weight: weight, bias: Tensor.zeros([outputSize]), activation: activation)
  }

  /// Creates a layer with the given weight and bias (to load known weights, or in tests).
  ///
  /// - Precondition: `weight` has rank 2, shape `[inputSize, outputSize]`, and `bias` has shape
  ///   `[outputSize]`.
  public init(weight: Tensor, bias: Tensor, activation: Activation = .identity) {
    checkPrecondition(weight.rank == 2, "Dense: the weight must have rank 2 [inputSize, outputSize], got shape \(weight.shape)")
    checkPrecondition(
      bias.shape == [weight.shape[1]],
      "Dense: the bias must have shape [\(weight.shape[1])] to match the weight \(weight.shape), got \(bias.shape)")
    self.weight = Parameter(weight, name: "weight")
    self.bias = Parameter(bias, name: "bias")
    self.activation = activation
  }

  /// The number of input features.
  public var inputSize: Int { weight.shape[0] }
  /// The number of output features.
  public var outputSize: Int { weight.shape[1] }

  /// Applies the layer to a batch.
  ///
  /// - Precondition: `input` has shape `[batch, inputSize]`.
  /// - Complexity: O(batch · inputSize · outputSize).
  public func callAsFunction(_ input: Variable<Tensor>) -> Variable<Tensor> {
    checkPrecondition(
      input.value.rank == 2 && input.value.shape[1] == inputSize,
      "Dense: expected an input of shape [batch, \(inputSize)], got \(input.value.shape)")
    let w = weight.variable(alongside: input)
    let b = bias.variable(alongside: input)
    return activation.function(input.matmul(w) + b)
  }

  /// The weight and the bias.
  public var parameters: [Parameter] { [weight, bias] }
}
