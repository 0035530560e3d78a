/// `adjoint help [subcommand]`: the overview, or a subcommand's options (the same text as its `--help`).
enum HelpCommand {
  static let summary = "Prints the overview, or the options of a subcommand: adjoint help train."

  static let topic = Positional<String?>("subcommand", default: .some(nil), help: "The subcommand to describe.")

  static var parser: ArgumentParser {
    ArgumentParser(command: "adjoint help", summary: summary, arguments: [topic])
  }

  static func run(_ arguments: [String]) -> Int32 {
    let parsed: ParsedArguments
    switch parseOrExit(parser, arguments) {
    case .success(let p): parsed = p
    case .failure(let status): return status.code
    }
    guard let name = parsed[topic] else {
      print(overview)
      return 0
    }
    guard name != "help" else {
      print(parser.helpText)
      return 0
    }
    guard let subcommand = subcommands.first(where: { $0.name == name }) else {
      let suggestion = closestMatch(to: name, among: subcommands.map(\.name)).map { " (did you mean \($0)?)" } ?? ""
      printError("adjoint help: unknown subcommand \"\(name)\"\(suggestion); run adjoint help")
      return 2
    }
    return subcommand.run(["--help"])
  }
}
