/// AdamW: Adam with decoupled weight decay (Loshchilov and Hutter 2019; PyTorch's `torch.optim.AdamW`).
///
/// The decay shrinks the parameter directly instead of being added to the gradient, so it is not rescaled
/// by Adam's per-element step sizes. With η the learning rate and λ the weight decay, one step is:
///
///     p ← p − η·λ·p                  (only the parameters `decaying` selects)
///     p ← Adam step of p with gradient g (no L2 term)
///
/// The defaults are PyTorch's: η = 10⁻³, β₁ = 0.9, β₂ = 0.999, ε = 10⁻⁸, λ = 10⁻².
///
/// ```swift
/// var optimizer = AdamW(learningRate: 1e-3, weightDecay: 0.01, decaying: .weightsOnly)
/// optimizer.update(model.parameters)
/// ```
public struct AdamW: Optimizer {
  /// The Adam rule that takes the gradient step (its own weight decay is 0).
  var adam: Adam
  /// The decoupled weight decay λ ≥ 0.
  public let weightDecay: Double
  /// Which parameters are decayed.
  public let decaying: WeightDecaySelection

  /// The step size η, shared by the gradient step and the decay.
  ///
  /// - Precondition (on assignment): η ≥ 0.
  public var learningRate: Double {
    get { adam.learningRate }
    set { adam.learningRate = newValue }
  }
  /// The decay β₁ of the first-moment estimate.
  public var beta1: Double { adam.beta1 }
  /// The decay β₂ of the second-moment estimate.
  public var beta2: Double { adam.beta2 }
  /// ε, added to √v̂.
  public var epsilon: Double { adam.epsilon }

  /// Creates the optimizer; the defaults are PyTorch's.
  ///
  /// - Precondition: learningRate ≥ 0; β₁, β₂ ∈ [0, 1); ε > 0; weightDecay ≥ 0; all finite.
  public init(
    learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8,
    weightDecay: Double = 1e-2, decaying: WeightDecaySelection = .all
  ) {
    checkWeightDecay(weightDecay, of: "AdamW")
    adam = Adam(learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon)
    self.weightDecay = weightDecay
    self.decaying = decaying
  }

  /// Takes one step on every parameter: the decay, then Adam's step.
  ///
  /// - Complexity: O(number of scalars).
  public mutating func update(_ parameters: [Parameter]) {
    if weightDecay != 0 {
      let shrink = 1 - learningRate * weightDecay
      for parameter in parameters where decaying.includes(parameter) { parameter.value *= shrink }
    }
    adam.update(parameters)
  }
}
