import Foundation

/// A learning rate as a function of the step number: step decay, exponential, cosine, linear warm-up.
///
/// A schedule is a pure function of the step t = 0, 1, 2, … (an optimizer step or an epoch: the caller
/// decides what it counts). Set an optimizer's rate from it before each step, or wrap the optimizer in
/// ``Scheduled``, which does so and counts the steps:
///
/// ```swift
/// let schedule = LinearWarmup(steps: 100, then: CosineDecay(initial: 0.1, steps: 900))
/// var optimizer = Scheduled(SGD(learningRate: 0.1, momentum: 0.9), schedule: schedule)
/// optimizer.update(model.parameters)    // step 0 at rate 0.1 · 1/100
/// schedule.learningRate(at: 100)        // 0.1
/// ```
public protocol LearningRateSchedule: Sendable {
  /// The learning rate for step `step` (from 0).
  ///
  /// - Precondition: step ≥ 0.
  func learningRate(at step: Int) -> Double
}

/// The same rate at every step.
public struct ConstantLearningRate: LearningRateSchedule {
  /// The rate η.
  public let rate: Double
  /// Creates the schedule η(t) = `rate`.
  public init(_ rate: Double) { self.rate = rate }
  /// `rate`.
  public func learningRate(at step: Int) -> Double { rate }
}

/// Step decay: η(t) = η₀ · γ^⌊t / s⌋, the rate multiplied by γ every s steps (PyTorch's `StepLR`).
public struct StepDecay: LearningRateSchedule {
  /// The rate η₀ at step 0.
  public let initial: Double
  /// The number of steps s between decays.
  public let stepSize: Int
  /// The factor γ applied at each decay.
  public let factor: Double

  /// Creates the schedule.
  ///
  /// - Precondition: initial ≥ 0, stepSize ≥ 1, factor ≥ 0.
  public init(initial: Double, stepSize: Int, factor: Double = 0.1) {
    checkPrecondition(initial >= 0 && stepSize >= 1 && factor >= 0,
      "StepDecay: need initial ≥ 0, stepSize ≥ 1, factor ≥ 0, got \(initial), \(stepSize), \(factor)")
    self.initial = initial
    self.stepSize = stepSize
    self.factor = factor
  }

  /// η₀ · γ^⌊t / s⌋.
  public func learningRate(at step: Int) -> Double {
    checkStep(step, "StepDecay")
    return initial * pow(factor, Double(step / stepSize))
  }
}

/// Exponential decay: η(t) = η₀ · γᵗ (PyTorch's `ExponentialLR`).
public struct ExponentialDecay: LearningRateSchedule {
  /// The rate η₀ at step 0.
  public let initial: Double
  /// The factor γ per step.
  public let factor: Double

  /// Creates the schedule.
  ///
  /// - Precondition: initial ≥ 0, factor ≥ 0.
  public init(initial: Double, factor: Double) {
    checkPrecondition(initial >= 0 && factor >= 0,
      "ExponentialDecay: need initial ≥ 0 and factor ≥ 0, got \(initial), \(factor)")
    self.initial = initial
    self.factor = factor
  }

  /// η₀ · γᵗ.
  public func learningRate(at step: Int) -> Double {
    checkStep(step, "ExponentialDecay")
    return initial * pow(factor, Double(step))
  }
}

/// Cosine annealing: η(t) = η_min + ½ (η₀ − η_min)(1 + cos(π · t / T)) for t ≤ T, and η_min after
/// (PyTorch's `CosineAnnealingLR` without restarts, in closed form; Loshchilov and Hutter 2017).
public struct CosineDecay: LearningRateSchedule {
  /// The rate η₀ at step 0.
  public let initial: Double
  /// The rate η_min reached at step T and kept afterwards.
  public let minimum: Double
  /// The number of steps T of the decay.
  public let steps: Int

  /// Creates the schedule.
  ///
  /// - Precondition: initial ≥ minimum ≥ 0, steps ≥ 1.
  public init(initial: Double, minimum: Double = 0, steps: Int) {
    checkPrecondition(initial >= minimum && minimum >= 0 && steps >= 1,
      "CosineDecay: need initial ≥ minimum ≥ 0 and steps ≥ 1, got \(initial), \(minimum), \(steps)")
    self.initial = initial
    self.minimum = minimum
    self.steps = steps
  }

  /// η_min + ½ (η₀ − η_min)(1 + cos(π · min(t, T) / T)).
  public func learningRate(at step: Int) -> Double {
    checkStep(step, "CosineDecay")
    let progress = Double(min(step, steps)) / Double(steps)
    return minimum + 0.5 * (initial - minimum) * (1 + cos(Double.pi * progress))
  }
}

/// Linear warm-up before another schedule: η(t) = base(0) · (t + 1) / w for t < w, then base(t − w).
///
/// The rate climbs in w equal steps to the base schedule's first rate, which then runs from its own step 0
/// (so `LinearWarmup(steps: 5, then: CosineDecay(initial: 1, steps: 10))` anneals over steps 5…15).
public struct LinearWarmup<Base: LearningRateSchedule>: LearningRateSchedule {
  /// The number of warm-up steps w.
  public let steps: Int
  /// The schedule after the warm-up.
  public let base: Base

  /// Creates the schedule.
  ///
  /// - Precondition: steps ≥ 0.
  public init(steps: Int, then base: Base) {
    checkPrecondition(steps >= 0, "LinearWarmup: steps must be ≥ 0, got \(steps)")
    self.steps = steps
    self.base = base
  }

  /// base(0) · (t + 1) / w during the warm-up, base(t − w) after.
  public func learningRate(at step: Int) -> Double {
    checkStep(step, "LinearWarmup")
    if step < steps { return base.learningRate(at: 0) * Double(step + 1) / Double(steps) }
    return base.learningRate(at: step - steps)
  }
}

/// An optimizer whose learning rate follows a schedule: before each update it sets the rate for the step
/// it is about to take, then counts the step.
///
/// ```swift
/// var optimizer = Scheduled(Adam(), schedule: StepDecay(initial: 1e-3, stepSize: 1000, factor: 0.5))
/// ```
public struct Scheduled<Base: Optimizer, Schedule: LearningRateSchedule>: Optimizer {
  /// The optimizer that takes the steps.
  public var base: Base
  /// The schedule of its learning rate.
  public let schedule: Schedule
  /// The number of steps taken so far: the next update uses `schedule.learningRate(at: step)`.
  public var step: Int

  /// Wraps `base`; the first update is step `step` of the schedule (0 unless resuming).
  public init(_ base: Base, schedule: Schedule, step: Int = 0) {
    checkPrecondition(step >= 0, "Scheduled: step must be ≥ 0, got \(step)")
    self.base = base
    self.schedule = schedule
    self.step = step
  }

  /// The rate of the base optimizer (the schedule overwrites it before each update).
  public var learningRate: Double {
    get { base.learningRate }
    set { base.learningRate = newValue }
  }

  /// Sets the rate for this step, takes the step and counts it.
  public mutating func update(_ parameters: [Parameter]) {
    base.learningRate = schedule.learningRate(at: step)
    base.update(parameters)
    step += 1
  }
}

/// Traps unless a step number is ≥ 0.
private func checkStep(_ step: Int, _ schedule: String) {
  checkPrecondition(step >= 0, "\(schedule).learningRate(at:): step must be ≥ 0, got \(step)")
}
