// Newton's method with the exact Hessian, damped when it is not positive definite.

/// Newton from `x0`: at each iterate the Hessian H from `hessian(at:in:)` (reverse over reverse: one
/// recorded gradient, then n sweeps; a gradient component that is a constant gives a row of zeros), the
/// step p solving (H + μI)·p = −∇f by Cholesky with μ = 0 first, else μ = 10⁻³·max(|Hᵢᵢ|, 1) and ×10 until
/// Cholesky succeeds, then the strong-Wolfe line search from α = 1.
func minimizeNewton(
  from x0: Tensor, options: MinimizationOptions, _ f: @escaping (Variable<Tensor>) -> Variable<Tensor>
) -> MinimizationResult {
  var method = NewtonDirection(shape: x0.shape, function: f)
  return minimizeByLineSearch(from: x0, options: options, method: &method, f)
}

/// The damped Newton direction from the exact Hessian.
struct NewtonDirection: DescentDirection {
  let shape: [Int]
  let function: (Variable<Tensor>) -> Variable<Tensor>

  func direction(at x: [Double], gradient: [Double]) -> (direction: [Double], initialStep: Double)? {
    let h = hessian(at: Tensor(shape: shape, scalars: x), in: function)
    return dampedNewtonDirection(h.reshaped(to: [x.count, x.count]), gradient).map { ($0, 1) }
  }

  func accept(step: [Double], gradientChange: [Double]) {}
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
    for i in 0..<n {
      for j in 0..<i {
        let m = (damped[i * n + j] + damped[j * n + i]) / 2
        damped[i * n + j] = m
        damped[j * n + i] = m
      }
    }
    if let l = try? cholesky(Variable(Tensor(shape: [n, n], scalars: damped))),
      let p = try? choleskySolve(l, negative)
    {
      return p.value.scalars
    }
    mu = mu == 0 ? 1e-3 * scale : mu * 10
  }
  return nil
}
