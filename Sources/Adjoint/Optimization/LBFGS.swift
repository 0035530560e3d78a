// Limited-memory BFGS (Nocedal & Wright, 2nd ed., algorithms 7.4 and 7.5).

/// L-BFGS from `x0`: the direction from the two-loop recursion on the last `historySize` pairs
/// (s, y) = (x_{k+1} − x_k, ∇f_{k+1} − ∇f_k), initial scaling γ = sᵀy / yᵀy, then the strong-Wolfe line
/// search with α = 1 (the first step has length 1, α = 1/‖∇f‖₂, as in SciPy's L-BFGS-B). A pair with
/// sᵀy ≤ ε·yᵀy is not stored.
func minimizeLBFGS(
  from x0: Tensor, options: MinimizationOptions, _ f: @escaping (Variable<Tensor>) -> Variable<Tensor>
) -> MinimizationResult {
  var method = LBFGSDirection(historySize: options.historySize)
  return minimizeByLineSearch(from: x0, options: options, method: &method, f)
}

/// The two-loop recursion's direction −H·∇f on the stored pairs.
struct LBFGSDirection: DescentDirection {
  let historySize: Int
  var s: [[Double]] = [], y: [[Double]] = [], rho: [Double] = []

  init(historySize: Int) { self.historySize = historySize }

  func direction(at x: [Double], gradient: [Double]) -> (direction: [Double], initialStep: Double)? {
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
    let initialStep = s.isEmpty ? Swift.min(1, 1 / dotProduct(gradient, gradient).squareRoot()) : 1
    return (q.map { -$0 }, initialStep)
  }

  mutating func accept(step sk: [Double], gradientChange yk: [Double]) {
    let sy = dotProduct(sk, yk)
    guard sy > 2.220446049250313e-16 * dotProduct(yk, yk) else { return }
    s.append(sk)
    y.append(yk)
    rho.append(1 / sy)
    if s.count > historySize {
      s.removeFirst()
      y.removeFirst()
      rho.removeFirst()
    }
  }
}
