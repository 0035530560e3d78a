// Limited-memory BFGS (Nocedal & Wright, 2nd ed., algorithms 7.4 and 7.5).

/// L-BFGS from `x0`: the direction from the two-loop recursion on the last `historySize` pairs
/// (s, y) = (x_{k+1} − x_k, ∇f_{k+1} − ∇f_k), initial scaling γ = sᵀy / yᵀy, then the strong-Wolfe line
/// search with α = 1 (the first step has length 1, α = 1/‖∇f‖₂, as in SciPy's L-BFGS-B). A pair with sᵀy ≤ ε·yᵀy is not stored.
func minimizeLBFGS(
  from x0: Tensor, options: MinimizationOptions, _ f: @escaping (Variable<Tensor>) -> Variable<Tensor>
) -> MinimizationResult {
  var objective = Objective(shape: x0.shape, function: f)
  var x = x0.scalars
  var (value, gradient) = objective.evaluate(x)
  var s: [[Double]] = [], y: [[Double]] = [], rho: [Double] = []
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
    // Two-loop recursion: direction = −H·∇f.
    var q = gradient
    var alphas = [Double](repeating: 0, count: s.count)
    for i in stride(from: s.count - 1, through: 0, by: -1) {
      alphas[i] = rho[i] * dotProduct(s[i], q)
      for j in q.indices { q[j] -= alphas[i] * y[i][j] }
    }
    if let last = s.indices.last {
      let gamma = dotProduct(s[last], y[last]) / dotProduct(y[last], y[last])
      for j in q.indices { q[j] *= gamma }
    }
    for i in s.indices {
      let beta = rho[i] * dotProduct(y[i], q)
      for j in q.indices { q[j] += (alphas[i] - beta) * s[i][j] }
    }
    let direction = q.map { -$0 }
    let initialStep = s.isEmpty ? Swift.min(1, 1 / dotProduct(gradient, gradient).squareRoot()) : 1
    guard
      let step = strongWolfeLineSearch(
        &objective, x: x, value: value, gradient: gradient, direction: direction, initialStep: initialStep)
    else { return result(.lineSearchFailed) }
    iterations += 1
    let sk = zip(step.x, x).map { $0 - $1 }, yk = zip(step.gradient, gradient).map { $0 - $1 }
    let previous = value
    (x, value, gradient) = (step.x, step.value, step.gradient)
    let sy = dotProduct(sk, yk)
    if sy > 2.220446049250313e-16 * dotProduct(yk, yk) {
      s.append(sk)
      y.append(yk)
      rho.append(1 / sy)
      if s.count > options.historySize {
        s.removeFirst()
        y.removeFirst()
        rho.removeFirst()
      }
    }
    if (previous - value) / Swift.max(Swift.abs(previous), Swift.abs(value), 1) <= options.valueTolerance {
      return result(infinityNorm(gradient) <= options.gradientTolerance ? .gradientTolerance : .valueTolerance)
    }
  }
}
