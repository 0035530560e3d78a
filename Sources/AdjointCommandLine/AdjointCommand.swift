import Adjoint
import AdjointNN

/// Runs the `adjoint` command with its arguments (without the program name) and returns the exit status.
public func runAdjointCommand(_ arguments: [String]) -> Int32 {
  if arguments.first == "bench" {
    for line in ScalarChainBenchmark.run() { print(line) }
    return 0
  }
  print("adjoint: no subcommand yet")
  return 0
}
