import Adjoint
import Foundation

/// Workload OPT: the minimizers on the three problems of issue 10, side by side with SciPy's
/// `minimize(method="L-BFGS-B", jac=True)` (peer: Tests/Benchmarks/peers/py/opt_minimize.py, same problems,
/// same starting points, default options on both sides).
///
/// - breast-cancer-logistic: mean logistic loss + (λ/2)‖w‖², λ = 0.01, on the 569 × 30 standardised
///   features of Tests/References/breast_cancer.csv (population standard deviation), θ = (w, b) from 0.
/// - rosenbrock-100: Σ 100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)², from (−1.2, 1, −1.2, 1, …).
/// - poisson: mean(exp(Pβ) − c·Pβ) on 200 deterministic rows P = (1, sin i, cos 1.3i), from 0.
///
/// Per problem and method (`adjoint` = L-BFGS, `adjoint-newton` = Newton with the exact Hessian): the
/// median wall time of 5 runs after one warm-up, with the iterations, evaluations, final ‖∇f‖∞, f and stop
/// reason of the run as fields.
///
/// - Returns: JSON lines such as `{"workload": "OPT-minimize", "system": "adjoint", "problem": "poisson",
///   "metric": "time_ms", "value": 1.2, "unit": "ms", "iterations": 7, "evaluations": 9, …}`.
func minimizerBenchmarkLines() throws -> [String] {
  let cancer = try breastCancerProblem()
  let problems: [(name: String, x0: Tensor, f: (Variable<Tensor>) -> Variable<Tensor>)] = [
    ("breast-cancer-logistic", Tensor.zeros([31]), cancer),
    ("rosenbrock-100", Tensor((0..<100).map { $0 % 2 == 0 ? -1.2 : 1 }), rosenbrock),
    ("poisson", Tensor.zeros([3]), poissonProblem()),
  ]
  var lines: [String] = []
  withMatrixProductThreads(1) {
    for (name, x0, f) in problems {
      for (system, method) in [("adjoint", MinimizationMethod.lbfgs), ("adjoint-newton", .newton)] {
        var result = minimize(from: x0, method: method, f)
        let clock = ContinuousClock()
        var samples: [Double] = []
        for _ in 0..<5 {
          let d = clock.measure { result = minimize(from: x0, method: method, f) }
          samples.append(Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) * 1e-15)
        }
        samples.sort()
        lines.append(
          "{\"workload\": \"OPT-minimize\", \"system\": \"\(system)\", \"dtype\": \"float64\", \"threads\": 1, "
            + "\"problem\": \"\(name)\", \"metric\": \"time_ms\", \"value\": \((samples[2] * 1000).rounded() / 1000), "
            + "\"unit\": \"ms\", \"stat\": \"median\", \"iterations\": \(result.iterations), "
            + "\"evaluations\": \(result.evaluations), \"gradient_norm\": \(result.gradientNorm), "
            + "\"final_value\": \(result.value), \"reason\": \"\(result.reason)\"}")
      }
    }
  }
  return lines
}

/// The L2-regularised logistic loss on the breast-cancer data, read from Tests/References/breast_cancer.csv
/// (relative to the working directory, or `ADJOINT_REFERENCES`).
private func breastCancerProblem() throws -> (Variable<Tensor>) -> Variable<Tensor> {
  let directory = ProcessInfo.processInfo.environment["ADJOINT_REFERENCES"] ?? "Tests/References"
  let path = directory + "/breast_cancer.csv"
  guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
    throw BenchmarkData.MissingFile(path: path, reason: "not readable; run from the repository root or set ADJOINT_REFERENCES")
  }
  let rows = text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { $0.split(separator: ",").compactMap { Double($0) } }
  guard !rows.isEmpty, rows.allSatisfy({ $0.count == 31 }) else {
    throw BenchmarkData.MissingFile(path: path, reason: "expected rows of 30 features and a label")
  }
  let count = Double(rows.count)
  var standardised = [Double](repeating: 0, count: rows.count * 30)
  for j in 0..<30 {
    let mean = rows.reduce(0) { $0 + $1[j] } / count
    let deviation = (rows.reduce(0) { $0 + ($1[j] - mean) * ($1[j] - mean) } / count).squareRoot()
    for (i, row) in rows.enumerated() { standardised[i * 30 + j] = (row[j] - mean) / deviation }
  }
  let features = Variable(Tensor(shape: [rows.count, 30], scalars: standardised))
  let labels = Variable(Tensor(rows.map { $0[30] }))
  return { theta in
    let w = theta.slicing(0..<30, alongAxis: 0), b = theta.slicing(30..<31, alongAxis: 0)
    let z = matmul(features, w) + b
    return (softplus(z) - labels * z).mean() + (w * w).sum() * 0.005
  }
}

/// The n-dimensional Rosenbrock function.
private func rosenbrock(_ x: Variable<Tensor>) -> Variable<Tensor> {
  let n = x.value.count
  let head = x.slicing(0..<(n - 1), alongAxis: 0), tail = x.slicing(1..<n, alongAxis: 0)
  let residual = tail - head * head, offset = 1 - head
  return (100 * residual * residual + offset * offset).sum()
}

/// The Poisson negative log-likelihood (without log c!) on 200 deterministic rows.
private func poissonProblem() -> (Variable<Tensor>) -> Variable<Tensor> {
  var design: [Double] = [], counts: [Double] = []
  for i in 0..<200 {
    let t = Double(i)
    design += [1, sin(t), cos(1.3 * t)]
    counts.append((exp(0.5 + 0.3 * sin(t) - 0.2 * cos(1.3 * t)) * (1 + 0.5 * sin(7 * t)) + 0.5).rounded(.down))
  }
  let p = Variable(Tensor(shape: [200, 3], scalars: design)), c = Variable(Tensor(counts))
  return { beta in
    let eta = matmul(p, beta)
    return (exp(eta) - c * eta).mean()
  }
}
