/// The Huber loss of predictions against targets, averaged over all n elements (PyTorch `huber_loss`,
/// `HuberLoss(delta:)`): quadratic near 0 and linear beyond `delta`, so outliers pull less than in the mean
/// squared error.
///
///     ℓ(d) = ½d²              for |d| ≤ δ
///     ℓ(d) = δ(|d| − ½δ)      for |d| > δ,         d = predicted − expected,   L = (1/n) Σ ℓ(dᵢ)
///
/// Composed as ½q² + δ(|d| − q) with q = min(|d|, δ). Its derivative ℓ′(d) = clamp(d, −δ, δ) is continuous;
/// at |d| = δ the minimum splits its adjoint ½–½ and the two halves add up to the same δ·sign(d), and at
/// d = 0 it is 0 (abs′(0) = 0). With δ = 1 it is PyTorch's `smooth_l1_loss` (β = 1).
///
/// ```swift
/// huberLoss(predicted: Variable(Tensor([0.5, 3])), expected: Tensor([0, 0]), delta: 1).value
/// // (0.125 + 2.5) / 2 = 1.3125
/// ```
///
/// - Parameters:
///   - predicted: the network's outputs.
///   - expected: the targets, of the same shape (data: no gradient).
///   - delta: δ > 0, where the loss turns from quadratic to linear.
/// - Returns: a scalar (rank-0) variable.
/// - Precondition: the shapes are equal and not empty; `delta > 0`.
public func huberLoss(predicted: Variable<Tensor>, expected: Tensor, delta: Double = 1) -> Variable<Tensor> {
  checkPrecondition(
    predicted.value.shape == expected.shape,
    "huberLoss: predicted has shape \(predicted.value.shape), expected has shape \(expected.shape)")
  checkPrecondition(expected.count > 0, "huberLoss: empty tensors")
  checkPrecondition(delta > 0, "huberLoss: delta must be positive, got \(delta)")
  let magnitude = abs(predicted - Variable(expected))
  let quadratic = min(magnitude, delta)
  return (0.5 * quadratic * quadratic + delta * (magnitude - quadratic)).mean()
}
