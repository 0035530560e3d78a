/// `adjoint bench [W1|…|W8|LA|OPT|NC|checkpoint|checkpoint-plain|all]`: the peer-benchmark workloads, one JSON line per
/// figure; `NC` (numerics checking's own cost) and the two checkpointing runs are not part of `all`.
enum BenchCommand {
  static let summary = "Measures the benchmark workloads W1–W8, LA (linear algebra) and OPT (minimizers) and prints one JSON line per figure (build with -c release)."

  /// The workloads, each a function returning its JSON lines.
  static let workloads: [(name: String, run: @Sendable () throws -> [String])] = [
    ("W1", { ScalarChainBenchmark.run() }),
    ("W2", { try MoonsBenchmark.run() }),
    ("W3", { try DigitsMLPBenchmark.run() }),
    ("W4", { MNISTSizeMLPBenchmark.run() }),
    ("W5", { gemmBenchmarkLines() }),
    ("W6", { try SecondOrderBenchmark.run() }),
    ("W7", { try CNNTrainStepBenchmark.run() }),
    ("W8", { CheapScalarBenchmark.run() }),
    ("LA", { try linearAlgebraBenchmarkLines() }),
    ("OPT", { try minimizerBenchmarkLines() }),
    ("NC", { NumericsCheckingBenchmark.run() }),
    ("CHECKPOINT", { CheckpointBenchmark.run(checkpointing: true) }),
    ("CHECKPOINT-PLAIN", { CheckpointBenchmark.run(checkpointing: false) }),
  ]

  /// The workloads `all` leaves out: numerics checking's cost, and the checkpointing runs (one per process).
  static let excludedFromAll: Set<String> = ["NC", "CHECKPOINT", "CHECKPOINT-PLAIN"]

  static let workload = Positional<String>(
    "workload", default: "all", help: "Which workload: W1–W8, LA (solve and cholesky), OPT (L-BFGS and Newton against SciPy), NC (numerics checking on W1's chain), checkpoint, checkpoint-plain (a 10⁷-step gradient, checkpointed or plainly recorded) or all (all but NC and the checkpoint runs)."
  ) { value in
    value == "all" || workloads.contains { $0.name == value.uppercased() } ? nil : "must be one of \(workloads.map { $0.name.lowercased().hasPrefix("checkpoint") ? $0.name.lowercased() : $0.name }.joined(separator: ", ")) or all"
  }

  static var parser: ArgumentParser {
    ArgumentParser(command: "adjoint bench", summary: summary, arguments: [workload])
  }

  static func run(_ arguments: [String]) -> Int32 {
    let parsed: ParsedArguments
    switch parseOrExit(parser, arguments) {
    case .success(let p): parsed = p
    case .failure(let status): return status.code
    }
    let wanted = parsed[workload].uppercased()
    #if DEBUG
      printError("adjoint bench: this is a debug build; figures are meaningful only with swift run -c release")
    #endif
    for (name, run) in workloads where wanted == "ALL" && !excludedFromAll.contains(name) || wanted == name {
      do {
        for line in try run() { print(line) }
      } catch {
        printError("adjoint bench \(name): \(error)")
        return 1
      }
    }
    return 0
  }
}
