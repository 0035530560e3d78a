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
  checkPrecondition(
    predicted.value.shape == expected.shape,
    "meanSquaredError: predicted has shape \(predicted.value.shape), expected has shape \(expected.shape)")
  checkPrecondition(expected.count > 0, "meanSquaredError: empty tensors")
  let difference = predicted - Variable(expected)
  return (difference * difference).mean()
}
