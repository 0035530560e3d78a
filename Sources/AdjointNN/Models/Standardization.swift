/// Feature standardisation: each feature shifted by its mean and divided by its standard deviation,
/// z = (x − μ) / σ, with μ and σ measured on the training split (scikit-learn's `StandardScaler`).
///
/// Networks train badly on features of very different scales (the bundled digits, pixel values 0…16, train
/// to about 18 % unscaled with SGD at rate 0.1). A model file stores μ and σ, and a loaded ``Model`` applies
/// them before its first layer, so predictions on raw rows use the scaling the network was trained with.
///
/// ```swift
/// let scaling = Standardization(fitting: Tensor([[1, 10], [3, 10]]))
/// scaling.mean                 // [2, 10]
/// scaling.standardDeviation    // [1, 1]: σ = 1, and a constant feature gets σ = 1 (so it maps to 0)
/// scaling(Tensor([[3, 12]]))   // [[1, 2]]
/// ```
public struct Standardization: Sendable, Equatable {
  /// μ, the mean of each feature: shape `[features]`.
  public let mean: Tensor
  /// σ, the population standard deviation of each feature (1 where it is 0 or not finite): shape `[features]`.
  public let standardDeviation: Tensor

  /// Creates the transformation from known statistics.
  ///
  /// - Precondition: both have the same rank-1 shape; every σ is positive and finite.
  public init(mean: Tensor, standardDeviation: Tensor) {
    checkPrecondition(
      mean.rank == 1 && standardDeviation.shape == mean.shape,
      "Standardization: mean and standard deviation must have one equal rank-1 shape, got \(mean.shape) and \(standardDeviation.shape)")
    checkPrecondition(
      standardDeviation.scalars.allSatisfy { $0 > 0 && $0.isFinite },
      "Standardization: every standard deviation must be positive and finite")
    self.mean = mean
    self.standardDeviation = standardDeviation
  }

  /// Measures μ and σ of each column of `features` (shape `[rows, features]`): μⱼ = (1/n) Σᵢ xᵢⱼ,
  /// σⱼ = √((1/n) Σᵢ (xᵢⱼ − μⱼ)²), and σⱼ = 1 where that is 0.
  ///
  /// - Precondition: `features` has rank 2 and at least one row.
  /// - Complexity: O(rows · features).
  public init(fitting features: Tensor) {
    checkPrecondition(
      features.rank == 2 && features.shape[0] >= 1,
      "Standardization(fitting:): expected features of shape [rows ≥ 1, features], got \(features.shape)")
    let mean = features.mean(alongAxes: [0])
    let centered = features - mean
    let variance = (centered * centered).mean(alongAxes: [0])
    let deviation = Tensor(shape: variance.shape, scalars: variance.scalars.map { v in
      let s = v.squareRoot()
      return s > 0 && s.isFinite ? s : 1
    })
    self.init(mean: mean, standardDeviation: deviation)
  }

  /// The number of features.
  public var featureCount: Int { mean.count }

  /// (x − μ) / σ for each row of a `[batch, features]` input, differentiable in x (μ and σ are constants).
  ///
  /// - Precondition: the input has shape `[batch, featureCount]`.
  public func callAsFunction(_ input: Variable<Tensor>) -> Variable<Tensor> {
    checkPrecondition(
      input.value.rank == 2 && input.value.shape[1] == featureCount,
      "Standardization: expected an input of shape [batch, \(featureCount)], got \(input.value.shape)")
    return (input - Variable(mean)) / Variable(standardDeviation)
  }

  /// (x − μ) / σ for each row of a plain tensor.
  public func callAsFunction(_ input: Tensor) -> Tensor { self(Variable(input)).value }
}
