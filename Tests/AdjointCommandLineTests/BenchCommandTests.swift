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
    #expect(BenchCommand.workloads.map(\.name) == ["W1", "W2", "W3", "W4", "W5", "W6", "CHECKPOINT", "CHECKPOINT-PLAIN"])
  }

  @Test func newtonStepSolverSolvesASystemThatNeedsPivoting() {
    // [[0, 2], [3, 1]]·x = [4, 5]: x = (1, 2) (the first pivot is 0, so rows must be swapped)
    #expect(solveLinearSystem([[0, 2], [3, 1]], [4, 5]) == [1, 2])
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
