// The vocabulary of the minimizers: options, the result, why a run stopped.

/// The algorithm `minimize(from:method:options:_:)` runs.
public enum MinimizationMethod: Sendable, Equatable {
  /// Limited-memory BFGS with a strong-Wolfe line search (Nocedal & Wright, algorithms 7.4, 3.5 and 3.6).
  case lbfgs
  /// Newton's method with the exact Hessian (`hessian(at:in:)`), solved by Cholesky; when the Hessian is not
  /// positive definite it is damped, H + μI with μ increased tenfold until Cholesky succeeds (Nocedal &
  /// Wright §3.4), then the same line search.
  case newton
}

/// Stopping rules and memory of the minimizers. The defaults are SciPy's L-BFGS-B defaults, so iteration
/// counts compare: `gtol = 1e-5` on the infinity norm of the gradient, `ftol = 2.22e-9` (= 10⁷·ε) on the
/// relative decrease, `maxcor = 10` pairs, `maxiter = 15000`.
public struct MinimizationOptions: Sendable {
  /// Stop when ‖∇f‖∞ ≤ this.
  public var gradientTolerance: Double
  /// Stop when (f_k − f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) ≤ this.
  public var valueTolerance: Double
  /// The most iterations (outer steps) to take.
  public var maxIterations: Int
  /// How many (s, y) pairs L-BFGS keeps.
  public var historySize: Int

  /// Options with SciPy L-BFGS-B's defaults unless given.
  /// - Precondition: tolerances ≥ 0, `maxIterations` ≥ 0, `historySize` ≥ 1.
  public init(
    gradientTolerance: Double = 1e-5, valueTolerance: Double = 2.220446049250313e-09, maxIterations: Int = 15000,
    historySize: Int = 10
  ) {
    checkPrecondition(
      gradientTolerance >= 0 && valueTolerance >= 0 && maxIterations >= 0 && historySize >= 1,
      "MinimizationOptions: tolerances and maxIterations must be ≥ 0 and historySize ≥ 1, got \(gradientTolerance), "
        + "\(valueTolerance), \(maxIterations), \(historySize)")
    self.gradientTolerance = gradientTolerance
    self.valueTolerance = valueTolerance
    self.maxIterations = maxIterations
    self.historySize = historySize
  }
}

/// Why a minimizer stopped.
public enum MinimizationStopReason: String, Sendable, Equatable {
  /// ‖∇f‖∞ ≤ `gradientTolerance`.
  case gradientTolerance
  /// The relative decrease of f fell to `valueTolerance`.
  case valueTolerance
  /// `maxIterations` steps were taken.
  case maxIterations
  /// The line search found no step satisfying the Wolfe conditions (often: the tolerance is below what
  /// floating point can resolve), or f or its gradient was not finite.
  case lineSearchFailed
}

/// What a minimizer returns.
public struct MinimizationResult: Sendable {
  /// The best point found.
  public let minimizer: Tensor
  /// f at `minimizer`.
  public let value: Double
  /// ‖∇f(minimizer)‖∞.
  public let gradientNorm: Double
  /// Outer iterations taken.
  public let iterations: Int
  /// Evaluations of f together with its gradient (SciPy's `nfev`).
  public let evaluations: Int
  /// Why it stopped.
  public let reason: MinimizationStopReason
}

/// Minimizes a scalar function of a tensor with gradients from Adjoint (and, for Newton, its Hessian).
///
/// ```swift
/// // Rosenbrock in two dimensions, minimum at (1, 1).
/// let result = minimize(from: Tensor([-1.2, 1])) { x in
///   let a = x.slicing(0..<1, alongAxis: 0), b = x.slicing(1..<2, alongAxis: 0)
///   return ((1 - a) * (1 - a) + 100 * (b - a * a) * (b - a * a)).sum()
/// }
/// print(result.reason, result.minimizer.scalars.map { ($0 * 1e4).rounded() / 1e4 })
/// // prints: gradientTolerance [1.0, 1.0]
/// ```
///
/// - Parameters:
///   - x0: the starting point (any shape; the minimizer has the same shape).
///   - method: `.lbfgs` (default) or `.newton`.
///   - options: tolerances, iteration limit, L-BFGS history.
///   - f: the objective, returning a one-element tensor.
/// - Complexity: L-BFGS: per iteration one or a few evaluations of f and its gradient, plus O(m·n) for the
///   two-loop recursion (m = history); Newton: the Hessian by `hessian(at:in:)` (one recorded gradient
///   and n sweeps through it) and n³/3 for Cholesky.
public func minimize(
  from x0: Tensor, method: MinimizationMethod = .lbfgs, options: MinimizationOptions = .init(),
  _ f: (Variable<Tensor>) -> Variable<Tensor>
) -> MinimizationResult {
  withoutActuallyEscaping(f) { f in
    switch method {
    case .lbfgs: minimizeLBFGS(from: x0, options: options, f)
    case .newton: minimizeNewton(from: x0, options: options, f)
    }
  }
}

/// `minimize(from:method:options:_:)` for a function of a `[Double]` point (a rank-1 tensor inside).
public func minimize(
  from x0: [Double], method: MinimizationMethod = .lbfgs, options: MinimizationOptions = .init(),
  _ f: (Variable<Tensor>) -> Variable<Tensor>
) -> MinimizationResult {
  minimize(from: Tensor(x0), method: method, options: options, f)
}

/// The objective with its gradient as flat arrays, counting evaluations.
struct Objective {
  let shape: [Int]
  let function: (Variable<Tensor>) -> Variable<Tensor>
  var evaluations = 0

  mutating func evaluate(_ x: [Double]) -> (value: Double, gradient: [Double]) {
    evaluations += 1
    let (value, gradient) = valueWithGradient(at: Tensor(shape: shape, scalars: x), in: function)
    return (value, gradient.scalars)
  }
}

func infinityNorm(_ x: [Double]) -> Double { x.reduce(0) { Swift.max($0, Swift.abs($1)) } }

func dotProduct(_ a: [Double], _ b: [Double]) -> Double {
  var s = 0.0
  for i in a.indices { s += a[i] * b[i] }
  return s
}
