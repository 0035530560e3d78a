import Adjoint

/// Workload LA: `solve` (LU with partial pivoting, one right-hand-side vector) and `cholesky` at n = 256 and
/// 512, single-threaded, in milliseconds per call (forward only, on constants: no tape).
///
/// Inputs: A = R + n·I for solve and S = R·Rᵀ + n·I for cholesky, R uniform in [−1, 1) from
/// `SplitMix64(seed: n)`; the peer (Tests/Benchmarks/peers/py/w6_linalg.py) uses the same constructions with
/// NumPy's generator. Each figure is the median of 7 repetitions, each at least 0.1 s of calls, after one
/// warm-up. Before timing, it checks ‖A·x − b‖∞ and ‖L·Lᵀ − S‖∞ and traps if they are not small.
///
/// - Returns: JSON lines such as `{"workload": "LA-linalg", "system": "adjoint", "dtype": "float64",
///   "threads": 1, "metric": "solve_ms", "value": 3.1, "unit": "ms", "n": 256, "stat": "median"}`.
func linearAlgebraBenchmarkLines(sizes: [Int] = [256, 512]) throws -> [String] {
  var lines: [String] = []
  try withMatrixProductThreads(1) {
    for n in sizes {
      var rng = SplitMix64(seed: UInt64(n))
      let r = Tensor.random(shape: [n, n], in: -1..<1, using: &rng)
      var eye = [Double](repeating: 0, count: n * n)
      for i in 0..<n { eye[i * n + i] = Double(n) }
      let shift = Tensor(shape: [n, n], scalars: eye)
      let a = r + shift, spd = r.matmul(r, transposingOther: true) + shift
      let b = Tensor.random(shape: [n], in: -1..<1, using: &rng)
      let x = try solve(Variable(a), Variable(b)).value
      let residual = (a.matmul(x.reshaped(to: [n, 1])).reshaped(to: [n]) - b).scalars.map(abs).max() ?? 0
      let l = try cholesky(Variable(spd)).value
      let reconstruction = (l.matmul(l, transposingOther: true) - spd).scalars.map(abs).max() ?? 0
      checkPrecondition(
        residual < 1e-9 && reconstruction < 1e-9 * Double(n),
        "LA: wrong results at n = \(n): residual \(residual), reconstruction \(reconstruction)")
      for (metric, body) in [
        ("solve_ms", { _ = try? solve(Variable(a), Variable(b)) }),
        ("cholesky_ms", { _ = try? cholesky(Variable(spd)) }),
      ] as [(String, () -> Void)] {
        let ms = medianMilliseconds(body)
        lines.append(
          "{\"workload\": \"LA-linalg\", \"system\": \"adjoint\", \"dtype\": \"float64\", \"threads\": 1, "
            + "\"metric\": \"\(metric)\", \"value\": \((ms * 1000).rounded() / 1000), \"unit\": \"ms\", \"n\": \(n), "
            + "\"stat\": \"median\"}")
      }
    }
  }
  return lines
}

/// Median milliseconds per call over 7 repetitions of at least 0.1 s each, after one warm-up call.
private func medianMilliseconds(_ body: () -> Void) -> Double {
  let clock = ContinuousClock()
  func seconds(_ d: Duration) -> Double {
    let (s, atto) = d.components
    return Double(s) + Double(atto) * 1e-18
  }
  body()
  var batch = 1
  while seconds(clock.measure { for _ in 0..<batch { body() } }) < 0.1 { batch *= 2 }
  var samples = (0..<7).map { _ in seconds(clock.measure { for _ in 0..<batch { body() } }) / Double(batch) }
  samples.sort()
  return samples[3] * 1000
}
