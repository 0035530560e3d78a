// A line search satisfying the strong Wolfe conditions (Nocedal & Wright, 2nd ed., algorithms 3.5 and 3.6).

/// The outcome of a line search along p from x.
struct LineSearchStep {
  let step: Double
  let x: [Double]
  let value: Double
  let gradient: [Double]
}

/// Finds α > 0 with f(x + αp) ≤ f(x) + c₁·α·∇f·p and |∇f(x + αp)·p| ≤ c₂·|∇f·p| (c₁ = 10⁻⁴, c₂ = 0.9), by
/// bracketing (algorithm 3.5, steps doubling) and zooming (algorithm 3.6, cubic interpolation safeguarded by
/// bisection). Returns nil after 30 evaluations without such a step, or if the direction is not a descent.
func strongWolfeLineSearch(
  _ objective: inout Objective, x: [Double], value f0: Double, gradient g0: [Double], direction p: [Double],
  initialStep: Double
) -> LineSearchStep? {
  let c1 = 1e-4, c2 = 0.9, maxEvaluations = 30
  let d0 = dotProduct(g0, p)
  guard d0 < 0 else { return nil }
  var evaluations = 0
  func trial(_ alpha: Double) -> (step: LineSearchStep, slope: Double) {
    evaluations += 1
    let xa = zip(x, p).map { $0 + alpha * $1 }
    let (fa, ga) = objective.evaluate(xa)
    return (LineSearchStep(step: alpha, x: xa, value: fa, gradient: ga), dotProduct(ga, p))
  }
  func zoom(_ lo0: (step: LineSearchStep, slope: Double), _ hi0: (step: LineSearchStep, slope: Double)) -> LineSearchStep? {
    var lo = lo0, hi = hi0
    while evaluations < maxEvaluations {
      let alpha = interpolatedStep(lo, hi)
      let t = trial(alpha)
      guard t.step.value.isFinite else { hi = t; continue }
      if t.step.value > f0 + c1 * alpha * d0 || t.step.value >= lo.step.value {
        hi = t
      } else {
        if Swift.abs(t.slope) <= -c2 * d0 { return t.step }
        if t.slope * (hi.step.step - lo.step.step) >= 0 { hi = lo }
        lo = t
      }
      if Swift.abs(hi.step.step - lo.step.step) <= 1e-16 * Swift.max(1, lo.step.step) { break }
    }
    return lo.step.step > 0 && lo.step.value < f0 ? lo.step : nil
  }
  let start = (step: LineSearchStep(step: 0, x: x, value: f0, gradient: g0), slope: d0)
  var previous = start
  var alpha = initialStep
  while evaluations < maxEvaluations {
    let t = trial(alpha)
    if !t.step.value.isFinite {
      // Stepped off the domain (an overflow): shrink and retry.
      alpha = (previous.step.step + alpha) / 2
      continue
    }
    if t.step.value > f0 + c1 * alpha * d0 || (evaluations > 1 && t.step.value >= previous.step.value) {
      return zoom(previous, t)
    }
    if Swift.abs(t.slope) <= -c2 * d0 { return t.step }
    if t.slope >= 0 { return zoom(t, previous) }
    previous = t
    alpha *= 2
  }
  return nil
}

/// The minimizer of the cubic through (α_lo, f_lo, f'_lo) and (α_hi, f_hi, f'_hi) (N&W eq. 3.59), kept
/// inside the middle 80% of the bracket; bisection when the cubic has no real minimizer there.
private func interpolatedStep(
  _ lo: (step: LineSearchStep, slope: Double), _ hi: (step: LineSearchStep, slope: Double)
) -> Double {
  let (a, b) = (lo.step.step, hi.step.step)
  let d1 = lo.slope + hi.slope - 3 * (lo.step.value - hi.step.value) / (a - b)
  let radicand = d1 * d1 - lo.slope * hi.slope
  let low = Swift.min(a, b), high = Swift.max(a, b), width = high - low
  if radicand >= 0, hi.step.value.isFinite {
    let d2 = (b > a ? 1.0 : -1.0) * radicand.squareRoot()
    let candidate = b - (b - a) * (hi.slope + d2 - d1) / (hi.slope - lo.slope + 2 * d2)
    if candidate.isFinite && candidate > low + 0.1 * width && candidate < high - 0.1 * width { return candidate }
  }
  return (a + b) / 2
}
