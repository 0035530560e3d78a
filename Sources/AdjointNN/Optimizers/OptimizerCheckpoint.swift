/// An optimizer that a model file can store and restore: its kind and settings (``configuration``) and its
/// per-parameter state (velocities, moment estimates), so that `adjoint train --resume` continues where
/// training stopped.
///
/// ```swift
/// try Model.write(model, to: url, optimizer: adam)              // parameters and Adam's moments
/// let checkpoint = try ModelCheckpoint(contentsOf: url)
/// var resumed = checkpoint.optimizer                            // an Adam with the same moments
/// ```
public protocol CheckpointableOptimizer: Optimizer {
  /// The optimizer's kind and settings, from which ``OptimizerConfiguration/makeOptimizer()`` rebuilds it.
  var configuration: OptimizerConfiguration { get }

  /// The state kept for `parameter`, by slot name (`"velocity"`); empty before its first step.
  func state(of parameter: Parameter) -> [String: Tensor]

  /// Restores the state of `parameter` from the slots ``state(of:)`` returned.
  ///
  /// - Throws: ``CheckpointError/missingParameter(name:)`` naming `"<parameter>.<slot>"` for an absent
  ///   slot, ``CheckpointError/shapeMismatch(name:expected:found:)`` for a tensor of the wrong shape.
  mutating func restoreState(_ slots: [String: Tensor], of parameter: Parameter, named name: String) throws(CheckpointError)
}

/// An optimizer's kind and settings, as a model file stores them (JSON, keyed by the case name).
public enum OptimizerConfiguration: Codable, Equatable, Sendable {
  /// ``SGD``.
  case sgd(learningRate: Double, momentum: Double, nesterov: Bool, weightDecay: Double, decaying: WeightDecaySelection)
  /// ``Adam``.
  case adam(learningRate: Double, beta1: Double, beta2: Double, epsilon: Double, weightDecay: Double, decaying: WeightDecaySelection)
  /// ``AdamW``.
  case adamW(learningRate: Double, beta1: Double, beta2: Double, epsilon: Double, weightDecay: Double, decaying: WeightDecaySelection)
  /// ``RMSProp``.
  case rmsProp(
    learningRate: Double, alpha: Double, epsilon: Double, weightDecay: Double, decaying: WeightDecaySelection,
    momentum: Double, centered: Bool)

  /// A fresh optimizer with these settings and no state.
  ///
  /// - Precondition: the settings are valid for the optimizer (as its initialiser requires).
  public func makeOptimizer() -> any CheckpointableOptimizer {
    switch self {
    case .sgd(let rate, let momentum, let nesterov, let decay, let decaying):
      var sgd = SGD(learningRate: rate, momentum: momentum, nesterov: nesterov, weightDecay: decay)
      sgd.decaying = decaying
      return sgd
    case .adam(let rate, let beta1, let beta2, let epsilon, let decay, let decaying):
      var adam = Adam(learningRate: rate, beta1: beta1, beta2: beta2, epsilon: epsilon, weightDecay: decay)
      adam.decaying = decaying
      return adam
    case .adamW(let rate, let beta1, let beta2, let epsilon, let decay, let decaying):
      return AdamW(learningRate: rate, beta1: beta1, beta2: beta2, epsilon: epsilon, weightDecay: decay, decaying: decaying)
    case .rmsProp(let rate, let alpha, let epsilon, let decay, let decaying, let momentum, let centered):
      return RMSProp(
        learningRate: rate, alpha: alpha, epsilon: epsilon, weightDecay: decay, decaying: decaying, momentum: momentum,
        centered: centered)
    }
  }

  /// The optimizer's name as the command line spells it: `sgd`, `adam`, `adamw`, `rmsprop`.
  public var name: String {
    switch self {
    case .sgd: "sgd"
    case .adam: "adam"
    case .adamW: "adamw"
    case .rmsProp: "rmsprop"
    }
  }
}


/// The tensor of `slot` in `slots`, of the given shape.
func requiredSlot(_ slots: [String: Tensor], _ slot: String, of name: String, shape: [Int]) throws(CheckpointError) -> Tensor {
  guard let tensor = slots[slot] else { throw .missingParameter(name: "\(name).\(slot)") }
  guard tensor.shape == shape else { throw .shapeMismatch(name: "\(name).\(slot)", expected: shape, found: tensor.shape) }
  return tensor
}

extension SGD: CheckpointableOptimizer {
  /// `.sgd` with these settings.
  public var configuration: OptimizerConfiguration {
    .sgd(learningRate: learningRate, momentum: momentum, nesterov: nesterov, weightDecay: weightDecay, decaying: decaying)
  }

  /// `"velocity"`, once a step with momentum has been taken.
  public func state(of parameter: Parameter) -> [String: Tensor] {
    velocities.existingState(of: parameter).map { ["velocity": $0] } ?? [:]
  }

  /// Restores the velocity (nothing to restore without momentum).
  public mutating func restoreState(_ slots: [String: Tensor], of parameter: Parameter, named name: String) throws(CheckpointError) {
    guard momentum != 0, !slots.isEmpty else { return }
    velocities.set(try requiredSlot(slots, "velocity", of: name, shape: parameter.shape), for: parameter)
  }
}

extension Adam: CheckpointableOptimizer {
  /// `.adam` with these settings.
  public var configuration: OptimizerConfiguration {
    .adam(learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon, weightDecay: weightDecay, decaying: decaying)
  }

  /// `"first"`, `"second"` (the moment estimates) and `"powers"` ([β₁ᵗ, β₂ᵗ]).
  public func state(of parameter: Parameter) -> [String: Tensor] {
    guard let m = moments.existingState(of: parameter) else { return [:] }
    return ["first": m.first, "second": m.second, "powers": Tensor([m.beta1Power, m.beta2Power])]
  }

  /// Restores the moment estimates and the bias-correction powers.
  public mutating func restoreState(_ slots: [String: Tensor], of parameter: Parameter, named name: String) throws(CheckpointError) {
    guard !slots.isEmpty else { return }
    let powers = try requiredSlot(slots, "powers", of: name, shape: [2]).scalars
    let m = Moments(
      beta1Power: powers[0], beta2Power: powers[1],
      first: try requiredSlot(slots, "first", of: name, shape: parameter.shape),
      second: try requiredSlot(slots, "second", of: name, shape: parameter.shape))
    moments.set(m, for: parameter)
  }
}

extension AdamW: CheckpointableOptimizer {
  /// `.adamW` with these settings.
  public var configuration: OptimizerConfiguration {
    .adamW(learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon, weightDecay: weightDecay, decaying: decaying)
  }

  /// Adam's slots.
  public func state(of parameter: Parameter) -> [String: Tensor] { adam.state(of: parameter) }

  /// Restores Adam's slots.
  public mutating func restoreState(_ slots: [String: Tensor], of parameter: Parameter, named name: String) throws(CheckpointError) {
    try adam.restoreState(slots, of: parameter, named: name)
  }
}

extension RMSProp: CheckpointableOptimizer {
  /// `.rmsProp` with these settings.
  public var configuration: OptimizerConfiguration {
    .rmsProp(
      learningRate: learningRate, alpha: alpha, epsilon: epsilon, weightDecay: weightDecay, decaying: decaying,
      momentum: momentum, centered: centered)
  }

  /// `"squareAverage"`, `"gradientAverage"` and `"momentumBuffer"`.
  public func state(of parameter: Parameter) -> [String: Tensor] {
    guard let s = states.existingState(of: parameter) else { return [:] }
    return ["squareAverage": s.squareAverage, "gradientAverage": s.gradientAverage, "momentumBuffer": s.momentumBuffer]
  }

  /// Restores the running averages.
  public mutating func restoreState(_ slots: [String: Tensor], of parameter: Parameter, named name: String) throws(CheckpointError) {
    guard !slots.isEmpty else { return }
    let shape = parameter.shape
    states.set(
      State(
        squareAverage: try requiredSlot(slots, "squareAverage", of: name, shape: shape),
        gradientAverage: try requiredSlot(slots, "gradientAverage", of: name, shape: shape),
        momentumBuffer: try requiredSlot(slots, "momentumBuffer", of: name, shape: shape)),
      for: parameter)
  }
}

extension OptimizerConfiguration {
  /// What is wrong with the settings (a file may hold anything), or `nil` when the optimizer can be built.
  public var validationError: String? {
    func check(_ ok: Bool, _ message: String) -> String? { ok ? nil : message }
    func finiteNonNegative(_ x: Double) -> Bool { x >= 0 && x.isFinite }
    switch self {
    case .sgd(let rate, let momentum, let nesterov, let decay, _):
      return check(
        finiteNonNegative(rate) && finiteNonNegative(momentum) && finiteNonNegative(decay) && (!nesterov || momentum > 0),
        "SGD settings out of range")
    case .adam(let rate, let beta1, let beta2, let epsilon, let decay, _),
      .adamW(let rate, let beta1, let beta2, let epsilon, let decay, _):
      return check(
        finiteNonNegative(rate) && (0..<1).contains(beta1) && (0..<1).contains(beta2) && epsilon > 0 && epsilon.isFinite
          && finiteNonNegative(decay), "Adam settings out of range")
    case .rmsProp(let rate, let alpha, let epsilon, let decay, _, let momentum, _):
      return check(
        finiteNonNegative(rate) && (0..<1).contains(alpha) && epsilon > 0 && epsilon.isFinite && finiteNonNegative(decay)
          && finiteNonNegative(momentum), "RMSProp settings out of range")
    }
  }
}
