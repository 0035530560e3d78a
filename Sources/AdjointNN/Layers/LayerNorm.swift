/// Layer normalization (Ba et al. 2016; PyTorch's `nn.LayerNorm`): each example standardized over its
/// trailing axes (`normalizedShape`), then scaled by γ and shifted by β elementwise,
/// `layerNorm(input, scale: γ, offset: β, epsilon:)`. The same in training and inference.
///
/// ```swift
/// let norm = LayerNorm(normalizedShape: [4])
/// norm(Tensor([[1, 2, 3, 4]]))   // ≈ [[−1.342, −0.447, 0.447, 1.342]]
/// ```
public struct LayerNorm: Layer {
  /// γ, of shape `normalizedShape`, starting at ones (named `"scale"`).
  public let scale: Parameter
  /// β, of shape `normalizedShape`, starting at zeros (named `"offset"`).
  public let offset: Parameter
  /// ε, added to the variance.
  public let epsilon: Double

  /// Creates the layer with γ = 1 and β = 0.
  ///
  /// - Precondition: `normalizedShape` is non-empty with positive extents; ε > 0.
  public init(normalizedShape: [Int], epsilon: Double = 1e-5) {
    checkPrecondition(
      !normalizedShape.isEmpty && normalizedShape.allSatisfy { $0 > 0 },
      "LayerNorm: normalizedShape must be non-empty with positive extents, got \(normalizedShape)")
    self.init(scale: Tensor.ones(normalizedShape), offset: Tensor.zeros(normalizedShape), epsilon: epsilon)
  }

  /// Creates the layer with the given γ and β (to load known values, or in tests).
  ///
  /// - Precondition: γ and β have the same non-empty shape; ε > 0.
  public init(scale: Tensor, offset: Tensor, epsilon: Double = 1e-5) {
    checkPrecondition(
      scale.rank > 0 && scale.shape == offset.shape,
      "LayerNorm: scale \(scale.shape) and offset \(offset.shape) must have the same non-empty shape")
    checkPrecondition(epsilon > 0, "LayerNorm: epsilon must be positive, got \(epsilon)")
    self.scale = Parameter(scale, name: "scale")
    self.offset = Parameter(offset, name: "offset")
    self.epsilon = epsilon
  }

  /// The trailing extents normalized over.
  public var normalizedShape: [Int] { scale.shape }

  /// γ ⊙ (x − μ) / √(σ² + ε) + β over the trailing axes.
  ///
  /// - Precondition: the input's trailing extents are `normalizedShape`.
  /// - Complexity: O(count of the input).
  public func callAsFunction(_ input: Variable<Tensor>) -> Variable<Tensor> {
    layerNorm(input, scale: scale.variable(alongside: input), offset: offset.variable(alongside: input), epsilon: epsilon)
  }

  /// γ and β.
  public var parameters: [Parameter] { [scale, offset] }
}
