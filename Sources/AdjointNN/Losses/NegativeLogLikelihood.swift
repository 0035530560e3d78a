/// The negative log-likelihood of log-probabilities with integer class labels, averaged over the batch
/// (PyTorch `nll_loss`):
///
///     L = −(1/N) Σᵢ xᵢ,yᵢ
///
/// where each row xᵢ holds log-probabilities, e.g. the output of `logSoftmax(alongAxis: 1)`; softmax
/// cross-entropy is this loss of log-softmax. Its gradient with respect to x is −1/N at each [i, yᵢ] and 0
/// elsewhere.
///
/// ```swift
/// let logProbabilities = Variable(Tensor([[-0.1, -2.4], [-1.2, -0.4]]))
/// negativeLogLikelihood(logProbabilities: logProbabilities, labels: [0, 1]).value   // (0.1 + 0.4) / 2 = 0.25
/// ```
///
/// - Parameters:
///   - logProbabilities: x, of shape `[batch, classes]`.
///   - labels: the class of each example, in `0..<classes`.
/// - Returns: a scalar (rank-0) variable.
/// - Precondition: `logProbabilities` has rank 2 with at least one row, and one label per row, each in range.
public func negativeLogLikelihood(logProbabilities: Variable<Tensor>, labels: [Int]) -> Variable<Tensor> {
  let shape = logProbabilities.value.shape
  checkPrecondition(
    shape.count == 2 && shape[0] > 0,
    "negativeLogLikelihood: log-probabilities must have shape [batch, classes], got \(shape)")
  checkPrecondition(labels.count == shape[0], "negativeLogLikelihood: \(labels.count) labels for a batch of \(shape[0])")
  if let bad = labels.first(where: { !(0..<shape[1]).contains($0) }) {
    failPrecondition("negativeLogLikelihood: label \(bad) is not a class in 0..<\(shape[1]) for shape \(shape)")
  }
  return -logProbabilities.gathering(columnPerRow: labels).mean()
}
