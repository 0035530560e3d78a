import Testing
@testable import AdjointCommandLine

/// `adjoint bench`: which workloads it accepts (the measurements themselves run only in release builds,
/// outside the test suite).
@Suite struct BenchCommandTests {
  @Test func unknownWorkloadExitsWithStatus2() {
    #expect(runAdjointCommand(["bench", "W9"]) == 2)
    #expect(runAdjointCommand(["bench", "--n", "3"]) == 2)
  }

  @Test func everyWorkloadOfTheIssueIsThere() {
    // and NC, numerics checking's own cost on W1's chain (Docs/Debugging.md), and the checkpoint runs, which `all` leaves out
    #expect(BenchCommand.workloads.map(\.name) == [
      "W1", "W2", "W3", "W4", "W5", "W6", "W7", "W8", "LA", "OPT", "NC", "CHECKPOINT", "CHECKPOINT-PLAIN",
    ])
    #expect(BenchCommand.excludedFromAll == ["NC", "CHECKPOINT", "CHECKPOINT-PLAIN"])
  }

  @Test func linearAlgebraWorkloadPrintsSolveAndCholeskyLines() throws {
    let lines = try linearAlgebraBenchmarkLines(sizes: [8])
    #expect(lines.count == 2)
    #expect(lines.allSatisfy { $0.hasPrefix(#"{"workload": "LA-linalg", "system": "adjoint""#) && $0.contains(#""n": 8"#) })
    #expect(lines[0].contains(#""metric": "solve_ms""#) && lines[1].contains(#""metric": "cholesky_ms""#))
  }

  @Test func jsonLinesFollowThePeerFormat() {
    let line = jsonLine(workload: "W1-scalar-chain", system: "adjoint", metric: "grad_ns_per_op", value: 18.5, unit: "ns/op", extra: ["n": .int(10)])
    #expect(line == #"{"workload": "W1-scalar-chain", "system": "adjoint", "dtype": "float64", "threads": 1, "metric": "grad_ns_per_op", "value": 18.5, "unit": "ns/op", "n": 10}"#)
  }

  @Test func medianOfOddAndEvenSamples() {
    #expect(median([3, 1, 2]) == 2)
    #expect(median([4, 1, 3, 2]) == 2.5)
  }
}
