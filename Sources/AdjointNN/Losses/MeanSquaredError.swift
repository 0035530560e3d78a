/// The mean squared error: (1/n) Σᵢ (predictedᵢ − expectedᵢ)² over all n elements.
///
/// ```swift
/// meanSquaredError(predicted: Variable(Tensor([1, 2, 3])), expected: Tensor([1, 0, 1])).value  // (0 + 4 + 4) / 3
/// ```
///
/// Its gradient with respect to the prediction is 2(predicted − expected)/n.
///
/// - Parameters:
///   - predicted: the network's outputs.
///   - expected: the targets, of the same shape (data: no gradient).
/// - Returns: a scalar (rank-0) variable.
/// - Precondition: the shapes are equal and not empty.
public func meanSquaredError(predicted: Variable<Tensor>, expected: Tensor) -> Variable<Tensor> {
  meanSquaredError(predicted: predicted, expected: Variable(expected))
}

/// The mean squared error (1/n) Σᵢ (predictedᵢ − expectedᵢ)², differentiable in both arguments: the
/// gradient is 2(predicted − expected)/n with respect to the prediction and its negative with respect to
/// the target (for a target that is itself computed, such as a critic's bootstrapped value).
///
/// ```swift
/// let (p, e) = (Variable(Tensor([1, 2, 3])), Variable(Tensor([1, 0, 1])))
/// meanSquaredError(predicted: p, expected: e).value   // 8 / 3
/// ```
///
/// - Parameters:
///   - predicted: the network's outputs.
///   - expected: the targets, of the same shape.
/// - Returns: a scalar (rank-0) variable.
/// - Precondition: the shapes are equal and not empty.
public func meanSquaredError(predicted: Variable<Tensor>, expected: Variable<Tensor>) -> Variable<Tensor> {
  checkPrecondition(
    predicted.value.shape == expected.value.shape,
    "meanSquaredError: predicted has shape \(predicted.value.shape), expected has shape \(expected.value.shape)")
  checkPrecondition(expected.value.count > 0, "meanSquaredError: empty tensors")
  let difference = predicted - expected
  return (difference * difference).mean()
}
