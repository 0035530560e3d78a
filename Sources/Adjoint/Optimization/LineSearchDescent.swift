// The loop L-BFGS and Newton share: from a direction, a strong-Wolfe step, then the stopping rules.

/// What a descent method supplies at each iterate: a direction p (with f's slope along it negative) and
/// the first trial step, or nil when it has none; and what it learns from the accepted step s with the
/// change of gradient y.
protocol DescentDirection {
  /// The direction and first trial step at x, where the gradient is g.
  mutating func direction(at x: [Double], gradient g: [Double]) -> (direction: [Double], initialStep: Double)?
  /// Called after each accepted step, with s = x_{k+1} − x_k and y = ∇f_{k+1} − ∇f_k.
  mutating func accept(step s: [Double], gradientChange y: [Double])
}

/// Minimizes f from `x0` by line searches along the method's directions: stops when ‖∇f‖∞ ≤
/// `gradientTolerance`, after `maxIterations` steps, when the relative decrease (f_k − f_{k+1}) /
/// max(|f_k|, |f_{k+1}|, 1) ≤ `valueTolerance` (SciPy L-BFGS-B's rules), or when no step is found.
func minimizeByLineSearch<Method: DescentDirection>(
  from x0: Tensor, options: MinimizationOptions, method: inout Method,
  _ f: @escaping (Variable<Tensor>) -> Variable<Tensor>
) -> MinimizationResult {
  var objective = Objective(shape: x0.shape, function: f)
  var x = x0.scalars
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
    guard
      let (direction, initialStep) = method.direction(at: x, gradient: gradient),
      let step = strongWolfeLineSearch(
        &objective, x: x, value: value, gradient: gradient, direction: direction, initialStep: initialStep)
    else { return result(.lineSearchFailed) }
    iterations += 1
    method.accept(step: zip(step.x, x).map { $0 - $1 }, gradientChange: zip(step.gradient, gradient).map { $0 - $1 })
    let previous = value
    (x, value, gradient) = (step.x, step.value, step.gradient)
    if (previous - value) / Swift.max(Swift.abs(previous), Swift.abs(value), 1) <= options.valueTolerance {
      return result(infinityNorm(gradient) <= options.gradientTolerance ? .gradientTolerance : .valueTolerance)
    }
  }
}
