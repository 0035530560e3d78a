/// `adjoint bench [W1|W2|W3|W4|W5|all]`: the peer-benchmark workloads, one JSON line per figure.
enum BenchCommand {
  static let summary = "Measures the benchmark workloads W1–W6 and prints one JSON line per figure (build with -c release)."

  /// The workloads, each a function returning its JSON lines.
  static let workloads: [(name: String, run: @Sendable () throws -> [String])] = [
    ("W1", { ScalarChainBenchmark.run() }),
    ("W2", { try MoonsBenchmark.run() }),
    ("W3", { try DigitsMLPBenchmark.run() }),
    ("W4", { MNISTSizeMLPBenchmark.run() }),
    ("W5", { gemmBenchmarkLines() }),
    ("W6", { try SecondOrderBenchmark.run() }),
    ("CHECKPOINT", { CheckpointBenchmark.run(checkpointing: true) }),
    ("CHECKPOINT-PLAIN", { CheckpointBenchmark.run(checkpointing: false) }),
  ]

  static let workload = Positional<String>(
    "workload", default: "all", help: "Which workload: W1–W6, checkpoint, checkpoint-plain or all."
  ) { value in
    value == "all" || workloads.contains { $0.name == value.uppercased() } ? nil : "must be one of W1–W6, checkpoint, checkpoint-plain or all"
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
    for (name, run) in workloads where (wanted == "ALL" && !name.hasPrefix("CHECKPOINT")) || wanted == name {
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
