import Adjoint
import AdjointNN

/// Runs the `adjoint` command with its arguments (without the program name) and returns the exit status.
public func runAdjointCommand(_ arguments: [String]) -> Int32 {
  if arguments.first == "bench" {
    let sizes = arguments.dropFirst(2).compactMap { Int($0) }
    for line in ScalarChainBenchmark.run(sizes: sizes.isEmpty ? [10_000, 1_000_000] : sizes) { print(line) }
    return 0
  }
  print("adjoint: no subcommand yet")
  return 0
}
