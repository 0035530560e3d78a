// Batch and layer normalization, composed from mean, subtraction, product, sqrt and division: their
// derivatives (the well-known batch-norm backward formula included) come from those rules, at any order.
// No fused rule: they are not on a hot path of the benchmarks, and composition keeps second order exact.

extension Variable where Value == Tensor {
  /// (x − μ) / √(σ² + ε), with μ and σ² = mean((x − μ)²) (the biased variance) over `axes`, kept as
  /// extent-1 axes and broadcast back. Pullback, from the composition:
  /// dx = (v − mean(v) − x̂ · mean(v ⊙ x̂)) / √(σ² + ε) over the same axes, x̂ the result.
  ///
  /// - Precondition: every axis is in `-rank..<rank`, with no repeats; ε > 0.
  /// - Complexity: O(count), a few passes.
  public func standardized(alongAxes axes: [Int], epsilon: Double = 1e-5) -> Variable {
    checkPrecondition(epsilon > 0, "standardized(alongAxes:epsilon:): epsilon must be positive, got \(epsilon)")
    let centered = self - mean(alongAxes: axes, keepingDimensions: true)
    let variance = (centered * centered).mean(alongAxes: axes, keepingDimensions: true)
    return centered / Adjoint.sqrt(variance + epsilon)
  }
}

/// Batch normalization in training mode: each channel (axis 1) standardized with the statistics of the
/// batch, over the batch and spatial axes, then scaled and shifted,
///
///     y = γ[c] · (x − μ[c]) / √(σ²[c] + ε) + β[c],   μ, σ² the mean and biased variance over n (and h, w)
///
/// (Ioffe & Szegedy 2015; PyTorch's `batch_norm` with `training=True`).
///
/// - Parameters:
///   - input: x, of shape `[N, C]` or `[N, C, H, W]` (any rank ≥ 2; axis 1 holds the channels).
///   - scale: γ, of shape `[C]`.
///   - offset: β, of shape `[C]`.
///   - epsilon: ε, added to the variance (1e-5 by default, as in PyTorch).
/// - Returns: y, and the batch's per-channel `mean` and biased `variance` (shape `[C]`, plain tensors)
///   for the caller's running statistics.
/// - Precondition: x has rank ≥ 2 and at least two values per channel; γ and β have shape `[C]`; ε > 0.
/// - Complexity: O(count of x).
public func batchNorm(
  _ input: Variable<Tensor>, scale: Variable<Tensor>, offset: Variable<Tensor>, epsilon: Double = 1e-5
) -> (output: Variable<Tensor>, mean: Tensor, variance: Tensor) {
  let (axes, shape) = channelStatistics("batchNorm", input.value.shape, scale.value.shape, offset.value.shape)
  checkPrecondition(
    input.value.count / shape[1] >= 2,
    "batchNorm: input \(input.value.shape) has one value per channel; batch statistics need at least two")
  let mean = input.value.mean(alongAxes: axes)
  let centered = input.value - mean.reshaped(to: shape)
  let variance = (centered * centered).mean(alongAxes: axes)
  let y = input.standardized(alongAxes: axes, epsilon: epsilon) * scale.reshaped(to: shape) + offset.reshaped(to: shape)
  return (y, mean, variance)
}

/// Batch normalization in inference mode: each channel standardized with given (running) statistics,
///
///     y = γ[c] · (x − m[c]) / √(s[c] + ε) + β[c]
///
/// an affine map of x (PyTorch's `batch_norm` with `training=False`).
///
/// - Parameters:
///   - input: x, of shape `[N, C, …]`.
///   - mean: m, of shape `[C]` (a constant).
///   - variance: s, of shape `[C]`, non-negative (a constant).
///   - scale: γ, of shape `[C]`.
///   - offset: β, of shape `[C]`.
///   - epsilon: ε (1e-5 by default).
/// - Precondition: x has rank ≥ 2; m, s, γ, β have shape `[C]`; ε > 0.
/// - Complexity: O(count of x).
public func batchNorm(
  _ input: Variable<Tensor>, mean: Tensor, variance: Tensor, scale: Variable<Tensor>, offset: Variable<Tensor>,
  epsilon: Double = 1e-5
) -> Variable<Tensor> {
  let (_, shape) = channelStatistics("batchNorm", input.value.shape, scale.value.shape, offset.value.shape)
  checkPrecondition(
    mean.shape == [shape[1]] && variance.shape == [shape[1]],
    "batchNorm: mean \(mean.shape) and variance \(variance.shape) must have shape [\(shape[1])] for input \(input.value.shape)")
  checkPrecondition(epsilon > 0, "batchNorm: epsilon must be positive, got \(epsilon)")
  let inverse = Tensor.ones([shape[1]]) / (variance + epsilon).map { $0.squareRoot() }
  let centered = input - Variable(mean.reshaped(to: shape))
  return centered * (scale * Variable(inverse)).reshaped(to: shape) + offset.reshaped(to: shape)
}

/// Layer normalization: each example standardized over its trailing axes (those of γ's shape), then
/// scaled and shifted elementwise (Ba et al. 2016; PyTorch's `layer_norm` with `normalized_shape` = γ's
/// shape):
///
///     y = γ ⊙ (x − μ) / √(σ² + ε) + β,   μ, σ² the mean and biased variance over the trailing axes
///
/// - Parameters:
///   - input: x, whose trailing axes have γ's shape.
///   - scale: γ.
///   - offset: β, of γ's shape.
///   - epsilon: ε (1e-5 by default).
/// - Precondition: γ and β have the same non-empty shape, equal to x's trailing extents; ε > 0.
/// - Complexity: O(count of x).
public func layerNorm(
  _ input: Variable<Tensor>, scale: Variable<Tensor>, offset: Variable<Tensor>, epsilon: Double = 1e-5
) -> Variable<Tensor> {
  let x = input.value.shape
  let s = scale.value.shape
  checkPrecondition(
    !s.isEmpty && s == offset.value.shape && s.count <= x.count && Array(x.suffix(s.count)) == s,
    "layerNorm: scale \(s) and offset \(offset.value.shape) must equal the trailing extents of input \(x)")
  let axes = Array((x.count - s.count)..<x.count)
  return input.standardized(alongAxes: axes, epsilon: epsilon) * scale + offset
}

/// The axes of per-channel statistics (all but axis 1) and the shape that broadcasts a `[C]` vector
/// against the input (`[1, C, 1, …]`), after checking the shapes.
private func channelStatistics(_ operation: String, _ x: [Int], _ scale: [Int], _ offset: [Int]) -> ([Int], [Int]) {
  checkPrecondition(x.count >= 2, "\(operation): expects an input of shape [batch, channels, …], got \(x)")
  checkPrecondition(
    scale == [x[1]] && offset == [x[1]],
    "\(operation): scale \(scale) and offset \(offset) must have shape [\(x[1])] for input \(x)")
  var shape = [Int](repeating: 1, count: x.count)
  shape[1] = x[1]
  return ([0] + Array(2..<x.count), shape)
}
