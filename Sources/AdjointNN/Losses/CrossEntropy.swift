// Cross-entropy losses computed from logits, composed of the engine's stable primitives (log-softmax,
// softplus), so that no exponential of a large logit is ever formed.

/// The softmax cross-entropy of a batch of logits with integer class labels, averaged over the batch:
///
///     L = −(1/N) Σᵢ log softmax(zᵢ)[yᵢ] = (1/N) Σᵢ (logΣⱼ e^zᵢⱼ − zᵢ,yᵢ)
///
/// computed through `logSoftmax` (which subtracts each row's maximum), so it is finite for any finite
/// logits. Its gradient with respect to the logits is (softmax(z) − onehot(y)) / N: the "Softmax-with-Loss"
/// result.
///
/// ```swift
/// let logits = Variable(Tensor([[2, 1, 0], [0, 0, 0]]))
/// softmaxCrossEntropy(logits: logits, labels: [0, 2]).value   // (0.4076 + 1.0986) / 2 = 0.7531…
/// ```
///
/// - Parameters:
///   - logits: unnormalised scores z, of shape `[batch, classes]`.
///   - labels: the class of each example, in `0..<classes`.
/// - Returns: a scalar (rank-0) variable.
/// - Precondition: `logits` has rank 2 with at least one row, and one label per row, each in range.
public func softmaxCrossEntropy(logits: Variable<Tensor>, labels: [Int]) -> Variable<Tensor> {
  let shape = logits.value.shape
  checkPrecondition(
    shape.count == 2 && shape[0] > 0, "softmaxCrossEntropy: logits must have shape [batch, classes], got \(shape)")
  checkPrecondition(
    labels.count == shape[0], "softmaxCrossEntropy: \(labels.count) labels for a batch of \(shape[0])")
  if let bad = labels.first(where: { !(0..<shape[1]).contains($0) }) {
    failPrecondition("softmaxCrossEntropy: label \(bad) is not a class in 0..<\(shape[1])")
  }
  return negativeLogLikelihood(logProbabilities: logits.logSoftmax(alongAxis: 1), labels: labels)
}

/// The softmax cross-entropy of one row of logits with its integer class label: −log softmax(z)[label].
///
/// ```swift
/// softmaxCrossEntropy(logits: Variable(Tensor([2, 1, 0])), label: 0).value   // 0.40760596444438…
/// ```
///
/// - Parameters:
///   - logits: unnormalised scores z of one example, of shape `[classes]`.
///   - label: its class, in `0..<classes`.
/// - Returns: a scalar (rank-0) variable.
/// - Precondition: `logits` has rank 1 and `label` is a class.
public func softmaxCrossEntropy(logits: Variable<Tensor>, label: Int) -> Variable<Tensor> {
  let shape = logits.value.shape
  checkPrecondition(shape.count == 1, "softmaxCrossEntropy(logits:label:): logits must have shape [classes], got \(shape)")
  return softmaxCrossEntropy(logits: logits.reshaped(to: [1, shape[0]]), labels: [label])
}

/// The softmax cross-entropy of logits with target probabilities — soft labels, or one-hot rows — averaged
/// over the batch (PyTorch `cross_entropy` with class probabilities as the target):
///
///     L = −(1/N) Σᵢ Σⱼ pᵢⱼ log softmax(zᵢ)ⱼ
///
/// computed through the stable `logSoftmax`. Its gradient with respect to the logits is
/// (softmax(z)·Σⱼpᵢⱼ − p) / N, i.e. (softmax(z) − p) / N when each row of p sums to 1. With one-hot rows it
/// equals the integer-label form. A rank-1 `logits` is a single example (N = 1).
///
/// ```swift
/// let logits = Variable(Tensor([[2, 1, 0]]))
/// softmaxCrossEntropy(logits: logits, probabilities: Tensor([[0.5, 0.5, 0]])).value   // 0.9076059644443…
/// ```
///
/// - Parameters:
///   - logits: unnormalised scores z, of shape `[batch, classes]` or `[classes]`.
///   - probabilities: the target distribution p of each example, of the same shape (data: no gradient).
/// - Returns: a scalar (rank-0) variable.
/// - Precondition: the shapes are equal, of rank 1 or 2, with at least one class and one example.
public func softmaxCrossEntropy(logits: Variable<Tensor>, probabilities: Tensor) -> Variable<Tensor> {
  let shape = logits.value.shape
  checkPrecondition(
    (shape.count == 1 || shape.count == 2) && shape.allSatisfy { $0 > 0 },
    "softmaxCrossEntropy(logits:probabilities:): logits must have shape [batch, classes] or [classes], got \(shape)")
  checkPrecondition(
    probabilities.shape == shape,
    "softmaxCrossEntropy(logits:probabilities:): logits have shape \(shape), probabilities have shape \(probabilities.shape)")
  let perExample = -(logits.logSoftmax(alongAxis: -1) * Variable(probabilities)).sum(alongAxes: [-1])
  return perExample.mean()
}

/// The sigmoid (binary) cross-entropy of logits with labels in [0, 1], averaged over all n elements:
///
///     L = −(1/n) Σᵢ (yᵢ log σ(zᵢ) + (1 − yᵢ) log(1 − σ(zᵢ)))
///       =  (1/n) Σᵢ (softplus(zᵢ) − zᵢ·yᵢ),     softplus(z) = log(1 + e^z) = max(z, 0) + log(1 + e^−|z|)
///
/// (as −log σ(z) = softplus(−z) = softplus(z) − z and −log(1 − σ(z)) = softplus(z)). The engine's
/// `softplus` evaluates the stable right-hand form, so the loss is finite for any finite logits, and its
/// derivative σ(z) is smooth: the gradient with respect to the logits is (σ(z) − y) / n everywhere.
/// (Writing the stable form out as `relu(z) − z·y + softplus(−abs(z))` gives the same values but, through
/// the kinks of relu and abs, the gradient −y/n instead of (½ − y)/n at z = 0 exactly — where a zero-
/// initialised output layer starts.)
///
/// ```swift
/// sigmoidCrossEntropy(logits: Variable(Tensor([0, 100])), labels: Tensor([1, 1])).value
/// // (log 2 + 0) / 2 = 0.3466…
/// ```
///
/// - Parameters:
///   - logits: unnormalised scores z (any shape).
///   - labels: the target probabilities y, of the same shape.
/// - Returns: a scalar (rank-0) variable.
/// - Precondition: the shapes are equal and not empty.
public func sigmoidCrossEntropy(logits: Variable<Tensor>, labels: Tensor) -> Variable<Tensor> {
  checkPrecondition(
    logits.value.shape == labels.shape,
    "sigmoidCrossEntropy: logits have shape \(logits.value.shape), labels have shape \(labels.shape)")
  checkPrecondition(labels.count > 0, "sigmoidCrossEntropy: empty tensors")
  return (softplus(logits) - logits * Variable(labels)).mean()
}
