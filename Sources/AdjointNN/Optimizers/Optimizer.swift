/// An update rule: changes each parameter's value from its accumulated gradient.
///
/// ```swift
/// var optimizer = SGD(learningRate: 0.1)
/// for (x, labels) in batches {
///   let tape = Tape()
///   let loss = softmaxCrossEntropy(logits: model(tape.constant(x)), labels: labels)
///   model.parameters.zeroGradients()
///   model.parameters.accumulateGradients(from: loss.backward())
///   optimizer.update(model.parameters)
/// }
/// ```
///
/// `update(_:)` reads `gradient` and writes `value`, with plain tensor arithmetic (nothing is recorded); it
/// does not zero the gradients. An optimizer keeps its per-parameter state (velocities, moment estimates)
/// keyed by the parameter object, so it must be given the same `Parameter` objects at every step.
public protocol Optimizer {
  /// The step size, which a schedule may change between steps.
  var learningRate: Double { get set }

  /// Takes one step: updates the value of every parameter from its gradient.
  mutating func update(_ parameters: [Parameter])
}

/// Per-parameter state of an optimizer, keyed by the parameter object (not by name or position).
///
/// Each entry remembers its parameter weakly: a parameter that is freed, and a new one that happens to get
/// its object identity, never share state.
struct ParameterStates<State> {
  private var entries: [ObjectIdentifier: (owner: WeakParameter, state: State)] = [:]

  /// The state of `parameter`, made by `initial` the first time.
  mutating func state(of parameter: Parameter, initial: () -> State) -> State {
    updateState(of: parameter, initial: initial) { state, _ in state }
  }

  /// Calls `body` with the state of `parameter` to update in place (made by `initial` the first time, when
  /// `body`'s second argument is true), and returns what `body` returns. The stored state is the only
  /// copy while `body` runs, so that tensor updates in it need not copy their storage.
  mutating func updateState<R>(
    of parameter: Parameter, initial: () -> State, _ body: (inout State, _ isNew: Bool) -> R
  ) -> R {
    let key = ObjectIdentifier(parameter)
    var isNew = false
    if entries[key]?.owner.parameter !== parameter {
      entries[key] = (WeakParameter(parameter: parameter), initial())
      isNew = true
    }
    return body(&entries[key]!.state, isNew)
  }

  /// Stores the state of `parameter`.
  mutating func set(_ state: State, for parameter: Parameter) {
    entries[ObjectIdentifier(parameter)] = (WeakParameter(parameter: parameter), state)
  }

  /// The state of `parameter`, or `nil` if it has none yet.
  func existingState(of parameter: Parameter) -> State? {
    guard let entry = entries[ObjectIdentifier(parameter)], entry.owner.parameter === parameter else { return nil }
    return entry.state
  }

  /// The number of parameters with state (for tests).
  var count: Int { entries.count }
}

/// A weak reference to a parameter.
struct WeakParameter {
  weak var parameter: Parameter?
}

/// Traps unless a learning rate is finite and ≥ 0, naming the optimizer.
func checkLearningRate(_ learningRate: Double, of optimizer: String) {
  checkPrecondition(
    learningRate >= 0 && learningRate.isFinite, "\(optimizer): learning rate must be ≥ 0, got \(learningRate)")
}

extension Parameter {
  /// The gradient with L2 weight decay folded in: g + λ·p (PyTorch's `weight_decay` for SGD and Adam),
  /// computed in one pass.
  func gradient(withWeightDecay weightDecay: Double) -> Tensor {
    var g = gradient
    if weightDecay != 0 { g.addProduct(weightDecay, value) }
    return g
  }
}
