/// RMSProp: gradient descent with each element's step divided by a running root mean square of its
/// gradients (Hinton's lecture 6e; PyTorch's `torch.optim.RMSprop` rule and defaults).
///
/// With g the gradient, α the smoothing constant, λ the weight decay, μ the momentum, one step is:
///
///     g ← g + λ·p                                (only the parameters `decaying` selects)
///     v ← α·v + (1 − α)·g²                        (v starts at 0)
///     d = √v + ε,  or with `centered`:  a ← α·a + (1 − α)·g,  d = √(v − a²) + ε
///     b ← μ·b + g / d,  p ← p − η·b               (μ > 0; b starts at 0)
///     p ← p − η·g / d                             (μ = 0)
///
/// The defaults are PyTorch's: η = 10⁻², α = 0.99, ε = 10⁻⁸, no momentum, not centered.
///
/// ```swift
/// var optimizer = RMSProp(learningRate: 1e-3)
/// optimizer.update(model.parameters)
/// ```
public struct RMSProp: Optimizer {
  /// The step size η.
  ///
  /// - Precondition (on assignment): η ≥ 0.
  public var learningRate: Double {
    didSet { checkLearningRate(learningRate, of: "RMSProp") }
  }
  /// The smoothing constant α ∈ [0, 1) of the running mean of g².
  public let alpha: Double
  /// ε > 0, added to the root mean square.
  public let epsilon: Double
  /// The L2 weight decay λ ≥ 0, added to the gradient as in PyTorch.
  public let weightDecay: Double
  /// Which parameters are decayed.
  public let decaying: WeightDecaySelection
  /// The momentum μ ≥ 0 (0: none).
  public let momentum: Double
  /// Whether the mean square is centred by the running mean of the gradient (an estimate of the variance).
  public let centered: Bool
  var states = ParameterStates<State>()

  /// The running averages of one parameter.
  struct State {
    var squareAverage: Tensor
    var gradientAverage: Tensor
    var momentumBuffer: Tensor
  }

  /// Creates the optimizer; the defaults are PyTorch's.
  ///
  /// - Precondition: learningRate ≥ 0; α ∈ [0, 1); ε > 0; weightDecay ≥ 0; momentum ≥ 0; all finite.
  public init(
    learningRate: Double = 1e-2, alpha: Double = 0.99, epsilon: Double = 1e-8, weightDecay: Double = 0,
    decaying: WeightDecaySelection = .all, momentum: Double = 0, centered: Bool = false
  ) {
    checkLearningRate(learningRate, of: "RMSProp")
    checkPrecondition(alpha >= 0 && alpha < 1, "RMSProp: alpha must be in [0, 1), got \(alpha)")
    checkPrecondition(epsilon > 0 && epsilon.isFinite, "RMSProp: epsilon must be > 0, got \(epsilon)")
    checkWeightDecay(weightDecay, of: "RMSProp")
    checkPrecondition(momentum >= 0 && momentum.isFinite, "RMSProp: momentum must be ≥ 0, got \(momentum)")
    self.learningRate = learningRate
    self.alpha = alpha
    self.epsilon = epsilon
    self.weightDecay = weightDecay
    self.decaying = decaying
    self.momentum = momentum
    self.centered = centered
  }

  /// Takes one step on every parameter.
  ///
  /// - Complexity: O(number of scalars).
  public mutating func update(_ parameters: [Parameter]) {
    for parameter in parameters {
      let g = parameter.gradient(withWeightDecay: decaying.includes(parameter) ? weightDecay : 0)
      var s = states.state(of: parameter) {
        let zeros = Tensor.zeros(parameter.shape)
        return State(squareAverage: zeros, gradientAverage: zeros, momentumBuffer: zeros)
      }
      s.squareAverage = alpha * s.squareAverage + (1 - alpha) * (g * g)
      var meanSquare = s.squareAverage
      if centered {
        s.gradientAverage = alpha * s.gradientAverage + (1 - alpha) * g
        meanSquare = meanSquare - s.gradientAverage * s.gradientAverage
      }
      let scaled = g / (sqrt(meanSquare) + epsilon)
      if momentum > 0 {
        s.momentumBuffer = momentum * s.momentumBuffer + scaled
        parameter.value.addProduct(-learningRate, s.momentumBuffer)
      } else {
        parameter.value.addProduct(-learningRate, scaled)
      }
      states.set(s, for: parameter)
    }
  }
}
