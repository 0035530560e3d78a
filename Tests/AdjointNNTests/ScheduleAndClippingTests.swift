import Foundation
import Testing

import AdjointNN

/// Learning-rate schedules against their closed forms, and clipping by global norm against a hand computation.
@Suite struct ScheduleAndClippingTests {
  @Test func stepDecayMultipliesEveryStepSize() {
    let schedule = StepDecay(initial: 1, stepSize: 3, factor: 0.5)
    let rates = (0..<7).map { schedule.learningRate(at: $0) }
    #expect(rates == [1, 1, 1, 0.5, 0.5, 0.5, 0.25])  // powers of ½ are exact
  }

  @Test func exponentialDecayIsAPower() {
    let schedule = ExponentialDecay(initial: 2, factor: 0.9)
    expectClose(schedule.learningRate(at: 3), 2 * 0.729, relative: 1e-15)
  }

  /// η_min + ½(η₀ − η_min)(1 + cos πt/T): the middle is the mean of the ends, after T it stays at η_min.
  @Test func cosineDecayFallsToTheMinimum() {
    let schedule = CosineDecay(initial: 1, minimum: 0.1, steps: 10)
    expectClose(schedule.learningRate(at: 0), 1)
    expectClose(schedule.learningRate(at: 5), 0.55)
    expectClose(schedule.learningRate(at: 10), 0.1)
    expectClose(schedule.learningRate(at: 25), 0.1)
    expectClose(schedule.learningRate(at: 2), 0.1 + 0.45 * (1 + cos(Double.pi / 5)))
  }

  @Test func warmupClimbsLinearlyThenHandsOver() {
    let schedule = LinearWarmup(steps: 4, then: StepDecay(initial: 0.8, stepSize: 2, factor: 0.5))
    let rates = (0..<8).map { schedule.learningRate(at: $0) }
    expectClose(Tensor(rates), Tensor([0.2, 0.4, 0.6, 0.8, 0.8, 0.8, 0.4, 0.4]))
  }

  /// Plain SGD with g = 1: each step moves p by the scheduled rate, so p = −Σ rates.
  @Test func scheduledOptimizerUsesTheRateOfEachStep() {
    let p = Parameter(Tensor([0.0]), name: "p")
    var optimizer = Scheduled(SGD(learningRate: 1), schedule: StepDecay(initial: 1, stepSize: 1, factor: 0.5))
    for _ in 0..<3 {
      p.gradient = Tensor([1])
      optimizer.update([p])
    }
    #expect(optimizer.step == 3)
    expectClose(p.value, Tensor([-1.75]))
    #expect(optimizer.learningRate == 0.25)
  }

  /// Gradients [3, 4] and [12]: norm √(9 + 16 + 144) = 13; clipped to 1 each is scaled by 1/(13 + 10⁻⁶).
  @Test func clippingScalesAllGradientsByOneFactor() {
    let a = Parameter(Tensor([0.0, 0.0]), name: "a")
    let b = Parameter(Tensor([0.0]), name: "b")
    a.gradient = Tensor([3, 4])
    b.gradient = Tensor([12])
    let norm = [a, b].clipGradientNorm(maxNorm: 1)
    expectClose(norm, 13)
    let factor = 1 / (13 + 1e-6)
    expectClose(a.gradient, Tensor([3 * factor, 4 * factor]))
    expectClose(b.gradient, Tensor([12 * factor]))
    expectClose([a, b].gradientNorm, 13 * factor)
  }

  @Test func clippingLeavesSmallGradientsAlone() {
    let a = Parameter(Tensor([0.0, 0.0]), name: "a")
    a.gradient = Tensor([0.3, 0.4])
    expectClose([a].clipGradientNorm(maxNorm: 1), 0.5)
    #expect(a.gradient == Tensor([0.3, 0.4]))
  }
}
