/// Batch normalization (Ioffe & Szegedy 2015; PyTorch's `nn.BatchNorm1d`/`nn.BatchNorm2d`): each channel
/// (axis 1) standardized, then scaled by γ and shifted by β.
///
/// - While training (`phase == .training`, the initial phase, as in PyTorch), the statistics are those of
///   the batch, over the batch and spatial axes (`batchNorm(_:scale:offset:epsilon:)`), so the gradient
///   flows through them; each call also updates the running statistics,
///   `running ← (1 − momentum) · running + momentum · batch`, with the unbiased batch variance
///   (n / (n − 1) times the biased one, as PyTorch does).
/// - In inference the running statistics are used (`batchNorm(_:mean:variance:scale:offset:epsilon:)`):
///   the layer is an affine map, the same for every batch.
///
/// ```swift
/// let norm = BatchNorm(featureCount: 3)
/// let y = norm(Tensor(shape: [2, 3], scalars: [1, 2, 3, 3, 6, 9]))   // each column → [−1, 1] (nearly)
/// norm.runningMean                                                   // [0.2, 0.4, 0.6]
/// norm.setLearningPhase(.inference)
/// ```
///
/// A `BatchNorm` is an object: it owns its running statistics, which every training call updates.
public final class BatchNorm: Layer {
  /// γ, of shape `[featureCount]`, starting at ones (named `"scale"` in checkpoints).
  public let scale: Parameter
  /// β, of shape `[featureCount]`, starting at zeros (named `"offset"`).
  public let offset: Parameter
  /// The running mean, of shape `[featureCount]`, starting at zeros. Not a trainable parameter: a
  /// checkpoint must store it beside the parameters.
  public var runningMean: Tensor
  /// The running (unbiased) variance, of shape `[featureCount]`, starting at ones.
  public var runningVariance: Tensor
  /// The weight of each new batch in the running statistics (0.1 by default, as in PyTorch).
  public let momentum: Double
  /// ε, added to the variance.
  public let epsilon: Double
  /// Training (batch statistics) or inference (running statistics). Starts as `.training`.
  public var phase: LearningPhase = .training

  /// Creates the layer with γ = 1, β = 0, running mean 0 and running variance 1.
  ///
  /// - Parameters:
  ///   - featureCount: C, the channels (axis 1 of the input).
  ///   - momentum: the running statistics' update weight, in [0, 1].
  ///   - epsilon: ε > 0 (1e-5 by default).
  /// - Precondition: featureCount > 0, 0 ≤ momentum ≤ 1, ε > 0.
  public init(featureCount: Int, momentum: Double = 0.1, epsilon: Double = 1e-5) {
    checkPrecondition(featureCount > 0, "BatchNorm: featureCount must be positive, got \(featureCount)")
    checkPrecondition(momentum >= 0 && momentum <= 1, "BatchNorm: momentum must be in [0, 1], got \(momentum)")
    checkPrecondition(epsilon > 0, "BatchNorm: epsilon must be positive, got \(epsilon)")
    scale = Parameter(Tensor.ones([featureCount]), name: "scale")
    offset = Parameter(Tensor.zeros([featureCount]), name: "offset")
    runningMean = Tensor.zeros([featureCount])
    runningVariance = Tensor.ones([featureCount])
    self.momentum = momentum
    self.epsilon = epsilon
  }

  /// C, the number of channels.
  public var featureCount: Int { scale.shape[0] }

  /// Normalizes the batch with its own statistics (training, updating the running ones) or with the
  /// running statistics (inference).
  ///
  /// - Precondition: `input` has shape `[batch, featureCount, …]`; while training, at least two values per
  ///   channel.
  /// - Complexity: O(count of the input).
  public func callAsFunction(_ input: Variable<Tensor>) -> Variable<Tensor> {
    let gamma = scale.variable(alongside: input)
    let beta = offset.variable(alongside: input)
    guard phase == .training else {
      return batchNorm(input, mean: runningMean, variance: runningVariance, scale: gamma, offset: beta, epsilon: epsilon)
    }
    let (output, mean, variance) = batchNorm(input, scale: gamma, offset: beta, epsilon: epsilon)
    let n = Double(input.value.count / featureCount)
    runningMean = (1 - momentum) * runningMean + momentum * mean
    runningVariance = (1 - momentum) * runningVariance + (momentum * n / (n - 1)) * variance
    return output
  }

  /// γ and β.
  public var parameters: [Parameter] { [scale, offset] }

  /// Sets `phase`.
  public func setLearningPhase(_ phase: LearningPhase) {
    self.phase = phase
  }
}
