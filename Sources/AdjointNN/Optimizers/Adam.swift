/// Adam: gradient descent with per-element step sizes from running estimates of the gradient's first and
/// second moments (Kingma and Ba 2015; PyTorch's `torch.optim.Adam` rule, with L2 weight decay).
///
/// With g the gradient, t the step number (from 1), one step is:
///
///     g ← g + λ·p
///     m ← β₁·m + (1 − β₁)·g          v ← β₂·v + (1 − β₂)·g²       (m, v start at 0)
///     m̂ = m / (1 − β₁ᵗ)              v̂ = v / (1 − β₂ᵗ)
///     p ← p − η · m̂ / (√v̂ + ε)
///
/// At the first step m̂ = g and v̂ = g², so every element moves by η·g/(|g| + ε) ≈ η·sign(g).
///
/// ```swift
/// var adam = Adam(learningRate: 1e-3)
/// adam.update(model.parameters)
/// ```
public struct Adam: Optimizer {
  /// The step size η.
  ///
  /// - Precondition (on assignment): η ≥ 0.
  public var learningRate: Double {
    didSet { checkLearningRate(learningRate, of: "Adam") }
  }
  /// The decay β₁ ∈ [0, 1) of the first-moment estimate.
  public let beta1: Double
  /// The decay β₂ ∈ [0, 1) of the second-moment estimate.
  public let beta2: Double
  /// ε > 0, added to √v̂ so that the step stays finite.
  public let epsilon: Double
  /// The weight decay λ ≥ 0: adds λ·p to the gradient (L2, as PyTorch's `Adam`; not AdamW's decoupled decay).
  public let weightDecay: Double
  /// Which parameters the weight decay applies to (all by default).
  public var decaying: WeightDecaySelection = .all
  var moments = ParameterStates<Moments>()

  /// The running estimates of one parameter.
  struct Moments {
    /// β₁ᵗ and β₂ᵗ, by repeated multiplication.
    var beta1Power = 1.0
    var beta2Power = 1.0
    var first: Tensor
    var second: Tensor
  }

  /// Creates the optimizer; the defaults are the paper's (and PyTorch's).
  ///
  /// - Precondition: learningRate ≥ 0; β₁, β₂ ∈ [0, 1); ε > 0; weightDecay ≥ 0; all finite.
  public init(
    learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8,
    weightDecay: Double = 0
  ) {
    checkLearningRate(learningRate, of: "Adam")
    checkPrecondition(beta1 >= 0 && beta1 < 1, "Adam: beta1 must be in [0, 1), got \(beta1)")
    checkPrecondition(beta2 >= 0 && beta2 < 1, "Adam: beta2 must be in [0, 1), got \(beta2)")
    checkPrecondition(epsilon > 0 && epsilon.isFinite, "Adam: epsilon must be > 0, got \(epsilon)")
    checkPrecondition(weightDecay >= 0 && weightDecay.isFinite, "Adam: weight decay must be ≥ 0, got \(weightDecay)")
    self.learningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
    self.weightDecay = weightDecay
  }

  /// Takes one step on every parameter.
  ///
  /// - Complexity: O(number of scalars).
  public mutating func update(_ parameters: [Parameter]) {
    for parameter in parameters {
      let g = parameter.gradient(withWeightDecay: decaying.includes(parameter) ? weightDecay : 0)
      var m = moments.state(of: parameter) {
        Moments(first: Tensor.zeros(parameter.shape), second: Tensor.zeros(parameter.shape))
      }
      m.beta1Power *= beta1
      m.beta2Power *= beta2
      m.first = beta1 * m.first + (1 - beta1) * g
      m.second = beta2 * m.second + (1 - beta2) * (g * g)
      let firstCorrection = 1 - m.beta1Power
      let secondCorrection = 1 - m.beta2Power
      let step = (m.first / firstCorrection) / (sqrt(m.second / secondCorrection) + epsilon)
      parameter.value.addProduct(-learningRate, step)
      moments.set(m, for: parameter)
    }
  }
}
