// Newton's method with the exact Hessian, damped when it is not positive definite.

/// Newton from `x0`: at each iterate the Hessian H (row i is the gradient of ∂f/∂xᵢ, from Adjoint's nested
/// `gradient(at:in:)` on a recorded variable — n backward passes), the step p solving (H + μI)·p = −∇f by
/// Cholesky with μ = 0 first, else μ = 10⁻³·max(|Hᵢᵢ|, 1) and ×10 until Cholesky succeeds, then the
/// strong-Wolfe line search from α = 1.
func minimizeNewton(
  from x0: Tensor, options: MinimizationOptions, _ f: @escaping (Variable<Tensor>) -> Variable<Tensor>
) -> MinimizationResult {
  var objective = Objective(shape: x0.shape, function: f)
  var x = x0.scalars
  let n = x.count
  var (value, gradient) = objective.evaluate(x)
  var iterations = 0
  func result(_ reason: MinimizationStopReason) -> MinimizationResult {
    MinimizationResult(
      minimizer: Tensor(shape: x0.shape, scalars: x), value: value, gradientNorm: infinityNorm(gradient),
      iterations: iterations, evaluations: objective.evaluations, reason: reason)
  }
  guard value.isFinite else { return result(.lineSearchFailed) }
  while true {
    if infinityNorm(gradient) <= options.gradientTolerance { return result(.gradientTolerance) }
    if iterations >= options.maxIterations { return result(.maxIterations) }
    let hessian = exactHessian(at: Tensor(shape: x0.shape, scalars: x), count: n, f)
    guard let direction = dampedNewtonDirection(hessian, gradient) else { return result(.lineSearchFailed) }
    guard
      let step = strongWolfeLineSearch(
        &objective, x: x, value: value, gradient: gradient, direction: direction, initialStep: 1)
    else { return result(.lineSearchFailed) }
    iterations += 1
    let previous = value
    (x, value, gradient) = (step.x, step.value, step.gradient)
    if (previous - value) / Swift.max(Swift.abs(previous), Swift.abs(value), 1) <= options.valueTolerance {
      return result(infinityNorm(gradient) <= options.gradientTolerance ? .gradientTolerance : .valueTolerance)
    }
  }
}

/// The n×n Hessian of f at x: row i is ∇(∂f/∂xᵢ), a gradient of the recorded gradient.
private func exactHessian(at x: Tensor, count n: Int, _ f: (Variable<Tensor>) -> Variable<Tensor>) -> Tensor {
  var rows: [Double] = []
  rows.reserveCapacity(n * n)
  for i in 0..<n {
    var unit = [Double](repeating: 0, count: n)
    unit[i] = 1
    let e = Tensor(shape: x.shape, scalars: unit)
    rows += gradient(at: x) { xv in (gradient(at: xv, in: f) * Variable(e)).sum() }.scalars
  }
  return Tensor(shape: [n, n], scalars: rows)
}

/// p solving (H + μI)·p = −g for the smallest μ in 0, 10⁻³·max(|Hᵢᵢ|, 1)·10ᵏ whose Cholesky succeeds; nil
/// if none does by μ = 10¹⁰·scale (a Hessian with NaNs).
private func dampedNewtonDirection(_ hessian: Tensor, _ g: [Double]) -> [Double]? {
  let n = g.count
  let h = hessian.scalars
  let scale = Swift.max((0..<n).map { Swift.abs(h[$0 * n + $0]) }.max() ?? 1, 1)
  var mu = 0.0
  let negative = Variable(Tensor(shape: [n, 1], scalars: g.map { -$0 }))
  while mu <= 1e10 * scale {
    var damped = h
    for i in 0..<n { damped[i * n + i] += mu }
    // Symmetrise: the rows of a recorded Hessian agree with its columns only to rounding.
    for i in 0..<n { for j in 0..<i { let m = (damped[i * n + j] + damped[j * n + i]) / 2; damped[i * n + j] = m; damped[j * n + i] = m } }
    if let l = try? cholesky(Variable(Tensor(shape: [n, n], scalars: damped))),
      let p = try? choleskySolve(l, negative)
    {
      return p.value.scalars
    }
    mu = mu == 0 ? 1e-3 * scale : mu * 10
  }
  return nil
}
