/// Stochastic gradient descent, with optional momentum, Nesterov momentum and weight decay (PyTorch's
/// `torch.optim.SGD` rule).
///
/// With g the gradient, λ the weight decay, μ the momentum and η the learning rate, one step is:
///
///     g ← g + λ·p
///     b ← μ·b + g            (b starts as g at the first step; only when μ > 0)
///     g ← g + μ·b  (Nesterov)  or  g ← b  (classical momentum)
///     p ← p − η·g
///
/// Plain SGD (μ = 0, λ = 0) is p ← p − η·g.
///
/// ```swift
/// var sgd = SGD(learningRate: 0.1, momentum: 0.9)
/// sgd.update(model.parameters)
/// ```
public struct SGD: Optimizer {
  /// The step size η.
  ///
  /// - Precondition (on assignment): η ≥ 0.
  public var learningRate: Double {
    didSet { checkLearningRate(learningRate, of: "SGD") }
  }
  /// The momentum μ ≥ 0 (0: none).
  public let momentum: Double
  /// Whether the momentum is Nesterov's (the gradient is evaluated "ahead", along the velocity).
  public let nesterov: Bool
  /// The weight decay λ ≥ 0: adds λ·p to the gradient (an L2 penalty of λ/2·‖p‖²).
  public let weightDecay: Double
  /// Which parameters the weight decay applies to (all by default).
  public var decaying: WeightDecaySelection = .all
  var velocities = ParameterStates<Tensor>()

  /// Creates the optimizer.
  ///
  /// - Precondition: learningRate ≥ 0, momentum ≥ 0, weightDecay ≥ 0, all finite; Nesterov needs a
  ///   positive momentum.
  public init(learningRate: Double, momentum: Double = 0, nesterov: Bool = false, weightDecay: Double = 0) {
    checkLearningRate(learningRate, of: "SGD")
    checkPrecondition(momentum >= 0 && momentum.isFinite, "SGD: momentum must be ≥ 0, got \(momentum)")
    checkPrecondition(weightDecay >= 0 && weightDecay.isFinite, "SGD: weight decay must be ≥ 0, got \(weightDecay)")
    checkPrecondition(!nesterov || momentum > 0, "SGD: Nesterov momentum needs momentum > 0, got \(momentum)")
    self.learningRate = learningRate
    self.momentum = momentum
    self.nesterov = nesterov
    self.weightDecay = weightDecay
  }

  /// Takes one step on every parameter.
  ///
  /// Plain SGD reads the gradient and updates the value in place in one pass (`addProduct(-η, g)`, which
  /// rounds as p − η·g); weight decay and momentum each add one pass, also in place where the storage
  /// is not shared.
  ///
  /// - Complexity: O(number of scalars).
  public mutating func update(_ parameters: [Parameter]) {
    for parameter in parameters {
      var g = parameter.gradient(withWeightDecay: decaying.includes(parameter) ? weightDecay : 0)
      if momentum != 0 {
        let velocity = velocities.updateState(of: parameter, initial: { g }) { velocity, isNew in
          if !isNew {
            velocity *= momentum
            velocity += g
          }
          return velocity
        }
        if nesterov { g.addProduct(momentum, velocity) } else { g = velocity }
      }
      parameter.value.addProduct(-learningRate, g)
    }
  }
}
