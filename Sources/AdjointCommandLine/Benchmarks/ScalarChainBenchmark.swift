import Adjoint

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Workload W1 (scalar chain): `y = y + tanh(exp(sin(y))) * 0.001`, repeated until `n` primitive operations,
/// value and dy/dx at x = 0.5 — with Adjoint as a user calls it, and on plain `Double` (the floor) in the
/// same process. Definitions: Tests/Benchmarks/peers/WORKLOADS.md.
enum ScalarChainBenchmark {
  static let operationsPerIteration = 5
  /// Published reference values (value, gradient) for n = 10,000 and 1,000,000.
  static let references: [Int: (value: Double, gradient: Double)] = [
    10_000: (2.4551565863462983, 1.0337199369574592),
    1_000_000: (124.43494762835658, 0.4017911615152999),
  ]

  @inline(never)
  static func plainForward(_ x: Double, iterations: Int) -> Double {
    var y = x
    for _ in 0..<iterations {
      y = y + tanh(exp(sin(y))) * 0.001
    }
    return y
  }

  @inline(never)
  static func adjointGradient(_ x: Double, iterations: Int) -> (value: Double, gradient: Double) {
    valueWithGradient(at: x) { x in
      var y = x
      for _ in 0..<iterations {
        y = y + tanh(exp(sin(y))) * 0.001
      }
      return y
    }
  }

  /// Runs the benchmark and returns one JSON line per measurement.
  static func run(sizes: [Int] = [10_000, 1_000_000]) -> [String] {
    var lines: [String] = []
    for n in sizes {
      let iterations = opaque(n / operationsPerIteration)
      let x = opaque(0.5)
      let plain = plainForward(x, iterations: iterations)
      let ad = adjointGradient(x, iterations: iterations)
      if let reference = references[n] {
        checkPrecondition(
          ad.value == reference.value && abs(ad.gradient - reference.gradient) <= 1e-15 * abs(reference.gradient),
          "W1: value \(ad.value), gradient \(ad.gradient) differ from the reference \(reference)")
      }
      checkPrecondition(ad.value == plain, "W1: Adjoint's value \(ad.value) differs from plain Double's \(plain)")
      var sink = 0.0
      // Interleave the two systems so that drift on this machine affects both alike.
      var plainTimes: [Double] = []
      var adjointTimes: [Double] = []
      for _ in 0..<2 { sink += plainForward(x, iterations: iterations); sink += adjointGradient(x, iterations: iterations).gradient }
      let repetitions = max(5, min(41, 20_000_000 / n))
      for _ in 0..<repetitions {
        plainTimes.append(measureSeconds { sink += plainForward(x, iterations: iterations) })
        adjointTimes.append(measureSeconds { sink += adjointGradient(x, iterations: iterations).gradient })
      }
      let perOperation = { (t: Double) in t / Double(n) * 1e9 }
      let floor = perOperation(median(plainTimes))
      let adjoint = perOperation(median(adjointTimes))
      lines.append(
        jsonLine(
          workload: "W1-scalar-chain", system: "swift-plain-forward", metric: "fwd_ns_per_op", value: floor,
          unit: "ns/op",
          extra: ["n": .int(n), "reps": .int(repetitions), "stat": .string("median"), "min": .double(perOperation(plainTimes.min() ?? 0)), "y": .double(plain)]))
      lines.append(
        jsonLine(
          workload: "W1-scalar-chain", system: "adjoint", metric: "grad_ns_per_op", value: adjoint, unit: "ns/op",
          extra: [
            "n": .int(n), "reps": .int(repetitions), "stat": .string("median"), "min": .double(perOperation(adjointTimes.min() ?? 0)),
            "y": .double(ad.value), "grad": .double(ad.gradient), "grad_over_swift_forward": .double(adjoint / floor),
          ]))
      if sink == 42 { print("") }  // keep the results alive
    }
    return lines
  }
}
