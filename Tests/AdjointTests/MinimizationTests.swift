import Foundation
import Testing
import Adjoint

/// L-BFGS and Newton against SciPy: `scipy.optimize.minimize(method="L-BFGS-B", jac=True)` with default
/// options, SciPy 1.x in the peers venv, printed by Tests/References/minimize_scipy.py (same problems, same
/// starting points). Adjoint uses SciPy's default stopping rules (‖∇f‖∞ ≤ 1e-5, relative decrease ≤
/// 2.22e-9) but a different line search (strong Wolfe, N&W 3.5/3.6, instead of Moré–Thuente), so iteration
/// counts are compared loosely and minimizers, values and gradient norms tightly.
@Suite struct MinimizationTests {
  /// The breast-cancer features standardised (population standard deviation) and the labels
  /// (Tests/References/breast_cancer.csv, CC BY 4.0, see its header).
  static let breastCancer: (features: Tensor, labels: Tensor) = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("References/breast_cancer.csv")
    let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    let rows = text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { $0.split(separator: ",").compactMap { Double($0) } }
    let n = rows.count
    var features = [Double](repeating: 0, count: n * 30)
    for j in 0..<30 {
      let column = rows.map { $0[j] }
      let mean = column.reduce(0, +) / Double(n)
      let std = (column.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(n)).squareRoot()
      for i in 0..<n { features[i * 30 + j] = (column[i] - mean) / std }
    }
    return (Tensor(shape: [n, 30], scalars: features), Tensor(rows.map { $0[30] }))
  }()

  /// Mean logistic loss with L2 (λ = 0.01) on the weights, θ = (w, b).
  static func logistic(_ theta: Variable<Tensor>) -> Variable<Tensor> {
    let w = theta.slicing(0..<30, alongAxis: 0), b = theta.slicing(30..<31, alongAxis: 0)
    let z = matmul(Variable(breastCancer.features), w) + b
    return (softplus(z) - Variable(breastCancer.labels) * z).mean() + (w * w).sum() * 0.005
  }

  static func rosenbrock(_ x: Variable<Tensor>) -> Variable<Tensor> {
    let n = x.value.count
    let a = x.slicing(0..<(n - 1), alongAxis: 0), b = x.slicing(1..<n, alongAxis: 0)
    let r = b - a * a, s = 1 - a
    return (100 * r * r + s * s).sum()
  }

  /// Poisson regression, mean(exp(Pβ) − c·Pβ), on 200 deterministic rows (see minimize_scipy.py).
  static let poissonData: (design: Tensor, counts: Tensor) = {
    let n = 200
    var design: [Double] = [], counts: [Double] = []
    for i in 0..<n {
      let t = Double(i)
      design += [1, sin(t), cos(1.3 * t)]
      counts.append((exp(0.5 + 0.3 * sin(t) - 0.2 * cos(1.3 * t)) * (1 + 0.5 * sin(7 * t)) + 0.5).rounded(.down))
    }
    return (Tensor(shape: [n, 3], scalars: design), Tensor(counts))
  }()

  static func poisson(_ beta: Variable<Tensor>) -> Variable<Tensor> {
    let eta = matmul(Variable(poissonData.design), beta)
    return (exp(eta) - Variable(poissonData.counts) * eta).mean()
  }

  @Test func lbfgsMatchesSciPyOnBreastCancerLogisticRegression() {
    let r = minimize(from: Tensor.zeros([31]), Self.logistic)
    // SciPy: nit 18, nfev 19, fun 0.09959137698139077, ‖∇f‖∞ 6.36e-06, x[:3] below.
    // Adjoint (same first step and stopping rules): 18 iterations, 19 evaluations, f equal to 1e-15.
    #expect(r.reason == .gradientTolerance)
    expectClose(r.value, 0.09959137698139077, tolerance: 1e-9)
    #expect(r.gradientNorm <= 1e-5)
    expectClose(Tensor(Array(r.minimizer.scalars.prefix(3))), Tensor([-0.41611409977346847, -0.45496289356335257, -0.40399212003908996]), tolerance: 2e-4)
    #expect(r.iterations <= 2 * 18 && r.evaluations <= 2 * 19, "iterations \(r.iterations), evaluations \(r.evaluations)")
  }

  @Test func lbfgsMatchesSciPyOn100DimensionalRosenbrock() {
    let x0 = Tensor((0..<100).map { $0 % 2 == 0 ? -1.2 : 1 })
    let r = minimize(from: x0, Self.rosenbrock)
    // SciPy: nit 514, nfev 618, fun 5.92e-10, ‖∇f‖∞ 2.3e-4 (stopped on the relative decrease); minimum 0 at 1.
    #expect(r.value <= 1e-8)
    expectClose(r.minimizer, Tensor(repeating: 1, shape: [100]), tolerance: 1e-4)
    #expect(r.iterations <= 2 * 514, "iterations \(r.iterations), evaluations \(r.evaluations)")
  }

  @Test func lbfgsMatchesSciPyOnPoissonRegression() {
    let r = minimize(from: [0, 0, 0], Self.poisson)
    // SciPy: nit 6, nfev 8, fun 0.7367567563174814, ‖∇f‖∞ 1.93e-06 (gradient rule). Adjoint's iterates
    // differ from the first line search on; it stops at 7 on the relative-decrease rule (‖∇f‖∞ 1.1e-5),
    // f within 2e-10 of SciPy's.
    #expect(r.reason == .gradientTolerance || (r.reason == .valueTolerance && r.gradientNorm <= 1e-4))
    expectClose(r.value, 0.7367567563174814, tolerance: 1e-9)
    expectClose(r.minimizer, Tensor([0.5174112296090614, 0.2665111147241473, -0.19351294309367995]), tolerance: 1e-4)
    #expect(r.iterations <= 2 * 6 + 2, "iterations \(r.iterations), evaluations \(r.evaluations)")
  }

  @Test func newtonReachesTheSameMinimaInFewIterations() {
    let poisson = minimize(from: [0, 0, 0], method: .newton, Self.poisson)
    expectClose(poisson.value, 0.7367567563174814, tolerance: 1e-10)
    #expect(poisson.gradientNorm <= 1e-5 && poisson.iterations <= 8, "\(poisson)")
    let logistic = minimize(from: Tensor.zeros([31]), method: .newton, Self.logistic)
    // Newton goes further down than L-BFGS-B's stopping point: f ≤ SciPy's, and within 2e-8 of it.
    #expect(logistic.value <= 0.09959137698139077 + 1e-15)
    expectClose(logistic.value, 0.09959137698139077, tolerance: 2e-8)
    #expect(logistic.gradientNorm <= 1e-5 && logistic.iterations <= 12, "\(logistic)")
  }

  @Test func newtonDampsAnIndefiniteHessian() {
    // f = x⁴/4 − x²/2 + y²: at (0.1, 1) the Hessian diag(3x² − 1, 2) is indefinite; minima at x = ±1, y = 0.
    let r = minimize(from: [0.1, 1], method: .newton) { v in
      let x = v.slicing(0..<1, alongAxis: 0), y = v.slicing(1..<2, alongAxis: 0)
      return (x * x * x * x * 0.25 - x * x * 0.5 + y * y).sum()
    }
    #expect(r.reason == .gradientTolerance)
    expectClose(r.minimizer, Tensor([1, 0]), tolerance: 1e-5)
    expectClose(r.value, -0.25, tolerance: 1e-10)
  }

  @Test func newtonHandlesAComponentTheObjectiveIgnores() {
    // f = (y − 2)²: ∂f/∂x = 0 is a constant, so its Hessian row is zero (H = diag(0, 2), singular) and is
    // damped; the minimizer keeps x and finds y = 2.
    let r = minimize(from: [3, 0], method: .newton) { v in
      let y = v.slicing(1..<2, alongAxis: 0)
      return ((y - 2) * (y - 2)).sum()
    }
    #expect(r.reason == .gradientTolerance)
    // The damping (μ = 2·10⁻³) makes each step 0.1% short: it stops once |2(y − 2)| ≤ 10⁻⁵.
    expectClose(r.minimizer, Tensor([3, 2]), tolerance: 1e-5)
  }

  @Test func iterationLimitIsReported() {
    let r = minimize(from: Tensor((0..<10).map { $0 % 2 == 0 ? -1.2 : 1 }), options: .init(maxIterations: 3), Self.rosenbrock)
    #expect(r.reason == .maxIterations && r.iterations == 3)
  }
}
