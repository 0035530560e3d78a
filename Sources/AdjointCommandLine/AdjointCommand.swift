import Adjoint
import Foundation

/// A subcommand of `adjoint`: its name, one line for the overview, and how to run it.
struct Subcommand: Sendable {
  let name: String
  let summary: String
  let run: @Sendable ([String]) -> Int32
}

/// The subcommands, in the order the overview lists them.
let subcommands: [Subcommand] = [
  Subcommand(name: "train", summary: TrainCommand.summary, run: TrainCommand.run),
  Subcommand(name: "evaluate", summary: EvaluateCommand.summary, run: EvaluateCommand.run),
  Subcommand(name: "predict", summary: PredictCommand.summary, run: PredictCommand.run),
  Subcommand(name: "gradcheck", summary: GradientCheckCommand.summary, run: GradientCheckCommand.run),
  Subcommand(name: "bench", summary: BenchCommand.summary, run: BenchCommand.run),
  Subcommand(name: "graph", summary: GraphCommand.summary, run: GraphCommand.run),
  Subcommand(name: "help", summary: HelpCommand.summary, run: HelpCommand.run),
]

/// The text `adjoint` prints without a subcommand or with `--help`.
var overview: String {
  let width = subcommands.map(\.name.count).max() ?? 0
  let lines = subcommands.map { "  \($0.name.padding(toLength: width, withPad: " ", startingAt: 0))  \($0.summary)" }
  return """
    adjoint: reverse-mode automatic differentiation for Swift

    Usage: adjoint <subcommand> [options]      (adjoint help <subcommand> for its options)
           adjoint --version

    Subcommands:
    \(lines.joined(separator: "\n"))
    """
}

/// Runs the `adjoint` command with its arguments (without the program name) and returns the exit status.
public func runAdjointCommand(_ arguments: [String]) -> Int32 {
  guard let name = arguments.first, name != "--help", name != "-h" else {
    print(overview)
    return 0
  }
  if name == "--version" {
    print("adjoint \(AdjointVersion.current)")
    return 0
  }
  guard let subcommand = subcommands.first(where: { $0.name == name }) else {
    let suggestion = closestMatch(to: name, among: subcommands.map(\.name)).map { " (did you mean \($0)?)" } ?? ""
    printError("adjoint: unknown subcommand \"\(name)\"\(suggestion); run adjoint --help")
    return 2
  }
  return subcommand.run(Array(arguments.dropFirst()))
}

/// Prints one line to standard error.
func printError(_ message: String) {
  FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Parses a subcommand's arguments; prints help or the error and returns the exit status if it should stop.
func parseOrExit(_ parser: ArgumentParser, _ arguments: [String]) -> Result<ParsedArguments, ExitStatus> {
  do {
    switch try parser.parse(arguments) {
    case .help(let text):
      print(text)
      return .failure(ExitStatus(code: 0))
    case .arguments(let parsed):
      return .success(parsed)
    }
  } catch {
    printError("\(error)")
    return .failure(ExitStatus(code: 2))
  }
}

/// An exit status carried as an error by `parseOrExit`.
struct ExitStatus: Error {
  let code: Int32
}
