import Adjoint
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Checkpointing on a 10⁷-step scalar simulation (W6d's pendulum, 10⁷ explicit Euler steps): the gradient
/// of θ_N with respect to (L, c), recorded plainly (`adjoint bench checkpoint-plain`) or in checkpointed
/// segments of 1,000 steps (`adjoint bench checkpoint`). Run each in its own process so that its peak
/// resident memory (printed as `peak_rss_mb`, and what `/usr/bin/time -v` reports) is its own.
enum CheckpointBenchmark {
  static let steps = 10_000_000
  static let segment = 1_000

  /// One Euler step of the pendulum on (θ, ω, L, c); L and c ride along unchanged.
  static func step(_ s: [Variable<Double>]) -> [Variable<Double>] {
    let acceleration = (9.81 / s[2]) * sin(s[0]) + s[3] * s[1]
    return [s[0] + 1e-3 * s[1], s[1] - 1e-3 * acceleration, s[2], s[3]]
  }

  static func simulate(_ p: [Variable<Double>], checkpointing: Bool) -> Variable<Double> {
    if !checkpointing { return SecondOrderBenchmark.pendulum(p, steps: steps) }
    var state = [Variable(1.0), Variable(0.0), p[0], p[1]]
    for _ in 0..<(steps / segment) {
      state = checkpointed(state) { s in
        var s = s
        for _ in 0..<segment { s = step(s) }
        return s
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
