import Adjoint

/// `adjoint bench NC`: the cost of numerics checking when it is on, on W1's scalar chain
/// (`y = y + tanh(exp(sin(y))) * 0.001`, n = 10,000 operations, value and dy/dx at x = 0.5). The same
/// gradient is timed on an ordinary tape and inside `withNumericsChecking`, interleaved, and the medians are
/// printed in ns per operation with their ratio. (Its cost when off is W1 itself: Docs/Debugging.md.)
enum NumericsCheckingBenchmark {
  static let operations = 10_000
  static let repetitions = 11

  static func run() -> [String] {
    let iterations = opaque(operations / ScalarChainBenchmark.operationsPerIteration)
    let x = opaque(0.5)
    let plain = ScalarChainBenchmark.adjointGradient(x, iterations: iterations)
    let checked = withNumericsChecking { ScalarChainBenchmark.adjointGradient(x, iterations: iterations) }
    checkPrecondition(
      plain == checked, "NC: checking changed the result: \(checked) instead of \(plain)")
    var sink = 0.0
    var offTimes: [Double] = []
    var onTimes: [Double] = []
    for _ in 0..<repetitions {
      offTimes.append(measureSeconds { sink += ScalarChainBenchmark.adjointGradient(x, iterations: iterations).gradient })
      onTimes.append(measureSeconds {
        sink += withNumericsChecking { ScalarChainBenchmark.adjointGradient(x, iterations: iterations).gradient }
      })
    }
    let perOperation = { (t: Double) in t / Double(operations) * 1e9 }
    let off = perOperation(median(offTimes))
    let on = perOperation(median(onTimes))
    if sink == 42 { print("") }  // keep the results alive
    return [
      jsonLine(
        workload: "NC-numerics-checking", system: "adjoint", metric: "grad_ns_per_op", value: off, unit: "ns/op",
        extra: ["n": .int(operations), "reps": .int(repetitions), "stat": .string("median"), "checking": .string("off")]),
      jsonLine(
        workload: "NC-numerics-checking", system: "adjoint-checking", metric: "grad_ns_per_op", value: on, unit: "ns/op",
        extra: [
          "n": .int(operations), "reps": .int(repetitions), "stat": .string("median"), "checking": .string("on"),
          "on_over_off": .double(on / off),
        ]),
    ]
  }
}
