/// A 2-D convolution layer: `activation(conv2d(input, weight) + bias)` on NCHW batches (PyTorch's
/// `nn.Conv2d` followed by an activation).
///
/// On a batch x of shape `[batch, inputChannels, height, width]`, with W of shape
/// `[outputChannels, inputChannels / groups, kernelHeight, kernelWidth]` (OIHW) and b of shape
/// `[outputChannels]`, the output has shape `[batch, outputChannels, outputHeight, outputWidth]` (see
/// `conv2d(_:weight:bias:stride:padding:dilation:groups:)` for the formula and the output extents).
///
/// ```swift
/// var rng = SplitMix64(seed: 1)
/// let conv = Conv2D(inputChannels: 1, outputChannels: 16, kernelSize: 3, padding: 1, activation: .relu, using: &rng)
/// conv(Tensor.zeros([2, 1, 8, 8])).shape   // [2, 16, 8, 8]
/// ```
///
/// A copy of a `Conv2D` shares its parameters (a `Parameter` is an object).
public struct Conv2D: Layer {
  /// The filters W, of shape `[outputChannels, inputChannels / groups, kernelHeight, kernelWidth]`.
  public let weight: Parameter
  /// The bias b, of shape `[outputChannels]`.
  public let bias: Parameter
  /// The step between windows.
  public let stride: Size2D
  /// Zeros added on each side of each spatial axis.
  public let padding: Size2D
  /// The step between a window's taps.
  public let dilation: Size2D
  /// The number of channel groups convolved separately.
  public let groups: Int
  /// The activation applied to the convolution plus bias.
  public let activation: Activation

  /// Creates a layer with random filters and zero biases.
  ///
  /// The filters are drawn from `generator` by the activation's initialisation with fan-in
  /// `inputChannels / groups · kernelHeight · kernelWidth` and fan-out
  /// `outputChannels / groups · kernelHeight · kernelWidth`: He normal N(0, 2 / fanIn) for `.relu`, Glorot
  /// uniform U(−a, a), a = √(6 / (fanIn + fanOut)), otherwise (see `WeightInitialization`).
  ///
  /// - Parameters:
  ///   - inputChannels: C, the input's channels.
  ///   - outputChannels: O, the output's channels.
  ///   - kernelSize: the filter's height and width.
  ///   - stride: the step between windows (1 by default).
  ///   - padding: zeros added on each side (0 by default).
  ///   - dilation: the step between taps (1 by default).
  ///   - groups: channel groups (1 by default); divides C and O.
  ///   - activation: the function applied after the bias (the identity by default).
  ///   - generator: the source of randomness; pass a seeded `SplitMix64` for repeatable runs.
  /// - Precondition: the sizes are positive and `groups` divides both channel counts.
  public init(
    inputChannels: Int, outputChannels: Int, kernelSize: Size2D, stride: Size2D = 1, padding: Size2D = 0,
    dilation: Size2D = 1, groups: Int = 1, activation: Activation = .identity,
    using generator: inout some RandomNumberGenerator
  ) {
    checkPrecondition(
      inputChannels > 0 && outputChannels > 0 && kernelSize.height > 0 && kernelSize.width > 0 && groups > 0
        && inputChannels % groups == 0 && outputChannels % groups == 0,
      "Conv2D: channels \(inputChannels) → \(outputChannels) and kernel \(kernelSize) must be positive, and groups \(groups) must divide both channel counts")
    let taps = kernelSize.height * kernelSize.width
    let fanIn = inputChannels / groups * taps
    let fanOut = outputChannels / groups * taps
    let shape = [outputChannels, inputChannels / groups, kernelSize.height, kernelSize.width]
    let weight: Tensor
    switch activation.initialization {
    case .he:
      weight = Tensor.randomNormal(shape: shape, standardDeviation: (2 / Double(fanIn)).squareRoot(), using: &generator)
    case .glorot:
      let limit = (6 / Double(fanIn + fanOut)).squareRoot()
      weight = Tensor.random(shape: shape, in: -limit...limit, using: &generator)
    }
    self.init(
      weight: weight, bias: Tensor.zeros([outputChannels]), stride: stride, padding: padding, dilation: dilation,
      groups: groups, activation: activation)
  }

  /// Creates a layer with the given filters and bias (to load known weights, or in tests).
  ///
  /// - Precondition: `weight` has rank 4 (OIHW) and `bias` has shape `[outputChannels]`; `groups` divides
  ///   the output channels.
  public init(
    weight: Tensor, bias: Tensor, stride: Size2D = 1, padding: Size2D = 0, dilation: Size2D = 1, groups: Int = 1,
    activation: Activation = .identity
  ) {
    checkPrecondition(
      weight.rank == 4, "Conv2D: the weight must have rank 4 [outputChannels, inputChannels/groups, kernelHeight, kernelWidth], got \(weight.shape)")
    checkPrecondition(
      bias.shape == [weight.shape[0]], "Conv2D: the bias must have shape [\(weight.shape[0])] to match the weight \(weight.shape), got \(bias.shape)")
    checkPrecondition(
      groups > 0 && weight.shape[0] % groups == 0, "Conv2D: groups \(groups) must divide the \(weight.shape[0]) output channels")
    self.weight = Parameter(weight, name: "weight")
    self.bias = Parameter(bias, name: "bias")
    (self.stride, self.padding, self.dilation, self.groups, self.activation) = (stride, padding, dilation, groups, activation)
  }

  /// C, the input channels.
  public var inputChannels: Int { weight.shape[1] * groups }
  /// O, the output channels.
  public var outputChannels: Int { weight.shape[0] }
  /// The filter's height and width.
  public var kernelSize: Size2D { Size2D(height: weight.shape[2], width: weight.shape[3]) }

  /// Applies the layer to a batch.
  ///
  /// - Precondition: `input` has shape `[batch, inputChannels, height, width]` and the dilated kernel fits
  ///   in the padded input.
  /// - Complexity: O(batch · outputChannels · outputHeight · outputWidth · inputChannels / groups · taps).
  public func callAsFunction(_ input: Variable<Tensor>) -> Variable<Tensor> {
    let y = conv2d(
      input, weight: weight.variable(alongside: input), bias: bias.variable(alongside: input), stride: stride,
      padding: padding, dilation: dilation, groups: groups)
    return activation.function(y)
  }

  /// The weight and the bias.
  public var parameters: [Parameter] { [weight, bias] }
}
