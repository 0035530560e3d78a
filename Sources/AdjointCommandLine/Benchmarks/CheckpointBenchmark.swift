import Adjoint
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Checkpointing on a 10⁷-step scalar simulation: W6d's damped pendulum with a time step of 10⁻⁶ (10 s
/// of simulated time, so that θ stays of order 0.1 and its gradient is far from underflow), the gradient of
/// θ_N with respect to (L, c), recorded plainly (`adjoint bench checkpoint-plain`) or in checkpointed
/// segments of 1,000 steps (`adjoint bench checkpoint`). Run each in its own process so that its peak
/// resident memory (printed as `peak_rss_mb`, and what `/usr/bin/time -v` reports) is its own. Both run the
/// same arithmetic in the same order.
enum CheckpointBenchmark {
  static let steps = 10_000_000
  static let segment = 1_000
  static let dt = 1e-6

  /// `count` explicit Euler steps of θ'' = −k sin θ − c θ'.
  static func advance(
    _ theta: inout Variable<Double>, _ omega: inout Variable<Double>, k: Variable<Double>, c: Variable<Double>, count: Int
  ) {
    for _ in 0..<count {
      let acceleration = k * sin(theta) + c * omega
      (theta, omega) = (theta + dt * omega, omega - dt * acceleration)
    }
  }

  static func simulate(_ p: [Variable<Double>], checkpointing: Bool) -> Variable<Double> {
    var theta = Variable<Double>(1.0), omega = Variable<Double>(0.0)
    if !checkpointing {
      advance(&theta, &omega, k: 9.81 / p[0], c: p[1], count: steps)
      return theta
    }
    var state = [theta, omega, p[0], p[1]]  // the parameters ride along as state
    for _ in 0..<(steps / segment) {
      state = checkpointed(state) { s in
        var (theta, omega) = (s[0], s[1])
        advance(&theta, &omega, k: 9.81 / s[2], c: s[3], count: segment)
        return [theta, omega, s[2], s[3]]
      }
    }
    return state[0]
  }

  /// One timed gradient, with the process's peak RSS afterwards.
  static func run(checkpointing: Bool) -> [String] {
    var result: (value: Double, gradient: [Double]) = (0, [])
    let seconds = measureSeconds { result = valueWithGradient(at: [1.0, 0.5]) { simulate($0, checkpointing: checkpointing) } }
    var usage = rusage()
    #if canImport(Glibc)
      getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    #else
      getrusage(RUSAGE_SELF, &usage)
    #endif
    return [
      jsonLine(
        workload: "W6e-checkpoint", system: checkpointing ? "adjoint-checkpointed-\(segment)" : "adjoint-plain-recording",
        metric: "grad_ms", value: seconds * 1e3, unit: "ms",
        extra: [
          "steps": .int(steps), "peak_rss_mb": .double(Double(usage.ru_maxrss) / 1024),
          "theta_N": .double(result.value), "dtheta_dL": .double(result.gradient[0]),
          "dtheta_dc": .double(result.gradient[1]),
        ])
    ]
  }
}
