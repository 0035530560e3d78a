import Adjoint

/// Workload W5: square double-precision matrix products `C = A · B` through `Tensor.matmul`, in GFLOP/s.
///
/// For each size `n` and thread count, times one product (2n³ floating-point operations, result allocation
/// included, as NumPy's `a @ b` includes it) and reports the median over repetitions, each repetition
/// running enough products to last at least 0.1 s. Before timing anything it checks `matmul` against a
/// naive product on a small odd-shaped case (every transpose variant) and traps if they disagree.
///
/// - Parameters:
///   - sizes: the matrix orders `n` to measure.
///   - threadCounts: thread counts to pass to `matmul` (1 or 2 each).
/// - Returns: one JSON object per (n, threads) in the peer format, e.g.
///   `{"workload": "W5-gemm", "system": "adjoint", "dtype": "float64", "threads": 1, "metric": "gflops",
///   "value": 48.1, "unit": "GFLOP/s", "n": 512, "isa": "avx512", "reps": 11, "stat": "median"}`.
public func gemmBenchmarkLines(sizes: [Int] = [128, 256, 512, 1024], threadCounts: [Int] = [1, 2]) -> [String] {
  verifyMatmulAgainstNaiveProduct()
  let isa = Tensor.matrixProductInstructionSet
  var lines: [String] = []
  for n in sizes {
    var rng = SplitMix64(seed: UInt64(n))
    let a = randomSquareMatrix(n, using: &rng), b = randomSquareMatrix(n, using: &rng)
    for threads in threadCounts {
      let (seconds, reps) = medianSecondsPerProduct { _ = a.matmul(b, threads: threads) }
      let gflops = 2 * Double(n) * Double(n) * Double(n) / seconds / 1e9
      lines.append(
        "{\"workload\": \"W5-gemm\", \"system\": \"adjoint\", \"dtype\": \"float64\", \"threads\": \(threads), "
          + "\"metric\": \"gflops\", \"value\": \(roundedToTenths(gflops)), \"unit\": \"GFLOP/s\", \"n\": \(n), "
          + "\"isa\": \"\(isa)\", \"reps\": \(reps), \"stat\": \"median\"}")
    }
  }
  return lines
}

/// Repetitions timed per measurement (each at least `minimumRepetitionSeconds` long).
private let repetitions = 11
private let minimumRepetitionSeconds = 0.1

/// Median seconds per call of `product` over `repetitions` timed batches, and the number of batches.
private func medianSecondsPerProduct(_ product: () -> Void) -> (seconds: Double, reps: Int) {
  let clock = ContinuousClock()
  product()  // warm-up: packing buffers, page faults, caches
  // Batch size: enough calls that one batch lasts at least minimumRepetitionSeconds.
  var batch = 1
  while seconds(clock.measure { for _ in 0..<batch { product() } }) < minimumRepetitionSeconds { batch *= 2 }
  var samples: [Double] = []
  for _ in 0..<repetitions {
    samples.append(seconds(clock.measure { for _ in 0..<batch { product() } }) / Double(batch))
  }
  samples.sort()
  return (samples[samples.count / 2], repetitions)
}

private func seconds(_ duration: Duration) -> Double {
  let (whole, attoseconds) = duration.components
  return Double(whole) + Double(attoseconds) * 1e-18
}

private func roundedToTenths(_ x: Double) -> Double { (x * 10).rounded() / 10 }

private func randomSquareMatrix(_ n: Int, using rng: inout SplitMix64) -> Tensor {
  randomMatrix(n, n, using: &rng)
}

private func randomMatrix(_ rows: Int, _ columns: Int, using rng: inout SplitMix64) -> Tensor {
  Tensor(shape: [rows, columns], scalars: (0..<rows * columns).map { _ in Double.random(in: -1...1, using: &rng) })
}

/// Traps unless `matmul` agrees with the definition on a 67×45 · 45×89 product in all four transpose variants
/// (sizes past the tiny-product path, with partial register tiles), one and two threads.
private func verifyMatmulAgainstNaiveProduct() {
  var rng = SplitMix64(seed: 5)
  let (m, k, n) = (67, 45, 89)
  for transposingA in [false, true] {
    for transposingB in [false, true] {
      let a = transposingA ? randomMatrix(k, m, using: &rng) : randomMatrix(m, k, using: &rng)
      let b = transposingB ? randomMatrix(n, k, using: &rng) : randomMatrix(k, n, using: &rng)
      let (x, y) = (a.scalars, b.scalars)
      for threads in [1, 2] {
        let c = a.matmul(b, transposingSelf: transposingA, transposingOther: transposingB, threads: threads).scalars
        for i in 0..<m {
          for j in 0..<n {
            var sum = 0.0
            for p in 0..<k {
              sum += (transposingA ? x[p * m + i] : x[i * k + p]) * (transposingB ? y[j * k + p] : y[p * n + j])
            }
            checkPrecondition(
              abs(c[i * n + j] - sum) <= 1e-12 * Double(k),
              "W5-gemm: matmul disagrees with the naive product at [\(i), \(j)] (transposes \(transposingA), "
                + "\(transposingB), \(threads) threads): \(c[i * n + j]) vs \(sum)")
          }
        }
      }
    }
  }
}
