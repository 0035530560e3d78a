/// The hinge loss of scores against labels ±1: (1/n) Σᵢ max(0, 1 − expectedᵢ · predictedᵢ) over all n
/// elements (the "max-margin" loss of a support vector machine, and the loss of micrograd's demo).
///
/// A score on the right side of the margin (y·s ≥ 1) costs nothing; otherwise the cost grows linearly.
/// The derivative at the hinge (y·s = 1) is 0, as relu′(0) = 0.
///
/// ```swift
/// hingeLoss(predicted: Variable(Tensor([2, 0.5, -1])), expected: Tensor([1, 1, 1])).value  // (0 + 0.5 + 2) / 3
/// ```
///
/// - Parameters:
///   - predicted: the scores s, one per example (any shape).
///   - expected: the labels y, each −1 or +1, of the same shape.
/// - Returns: a scalar (rank-0) variable.
/// - Precondition: the shapes are equal and not empty.
public func hingeLoss(predicted: Variable<Tensor>, expected: Tensor) -> Variable<Tensor> {
  checkPrecondition(
    predicted.value.shape == expected.shape,
    "hingeLoss: predicted has shape \(predicted.value.shape), expected has shape \(expected.shape)")
  checkPrecondition(expected.count > 0, "hingeLoss: empty tensors")
  return relu(1 - predicted * Variable(expected)).mean()
}
