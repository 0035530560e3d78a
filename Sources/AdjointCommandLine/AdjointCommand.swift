import Adjoint
import AdjointNN

/// Runs the `adjoint` command with its arguments (without the program name) and returns the exit status.
public func runAdjointCommand(_ arguments: [String]) -> Int32 {
  print("adjoint: no subcommand yet")
  return 0
}
