import Adjoint

/// Parses a command's arguments against its declared options, flags and positional arguments.
///
/// ```swift
/// enum OptimizerName: String, ArgumentChoice { case sgd, adam }
/// let epochs = Option<Int>("epochs", default: 10, help: "Passes over the training data.") {
///   $0 >= 1 ? nil : "must be at least 1"
/// }
/// let optimizer = Option<OptimizerName>("optimizer", default: .adam, help: "The update rule.")
/// let parser = ArgumentParser(
///   command: "adjoint train", summary: "Trains a classifier.", arguments: [epochs, optimizer])
///
/// switch try parser.parse(["--epochs=3", "--optimizer", "sgd"]) {
/// case .help(let text): print(text)
/// case .arguments(let parsed): train(epochs: parsed[epochs], optimizer: parsed[optimizer])
/// }
/// ```
///
/// The rules: an option's value follows it (`--epochs 3`) or an equals sign (`--epochs=3`); a value may start
/// with a single dash (`--shift -1`) but not with two. Options may come in any order, each at most once, mixed
/// with positional arguments, which are assigned in declaration order. `--` ends the options: everything after
/// it is positional. `--help` or `-h` anywhere before `--` asks for help, whatever else is on the line.
public struct ArgumentParser: Sendable {
  /// The command as the user types it, used in usage and errors: `"adjoint train"`.
  public let command: String
  /// One sentence on what the command does, for `--help`.
  public let summary: String
  /// The declared arguments, in declaration order.
  public let arguments: [ArgumentSpecification]

  /// The result of parsing: the values, or a request for help.
  public enum Outcome: Sendable {
    /// The command line is valid; run the command with these values.
    case arguments(ParsedArguments)
    /// The user asked for help (`--help` or `-h`); print this text and exit successfully.
    case help(String)
  }

  /// Declares a command's arguments.
  ///
  /// - Parameters:
  ///   - command: The command as typed, for usage and errors.
  ///   - summary: One sentence on what the command does.
  ///   - arguments: Options, flags and positional arguments.
  /// - Precondition: names are unique and not `help` (which is built in); required positional arguments come
  ///   before optional ones.
  public init(command: String, summary: String, arguments: [any ArgumentDeclaration]) {
    let specifications = arguments.map(\.specification)
    var names = Set<String>()
    for specification in specifications {
      checkPrecondition(specification.name != "help", "\(command): --help is built in and cannot be declared")
      checkPrecondition(names.insert(specification.displayName).inserted, "\(command): \(specification.displayName) is declared twice")
    }
    let positionals = specifications.filter { $0.kind == .positional }
    checkPrecondition(
      !zip(positionals, positionals.dropFirst()).contains { !$0.isRequired && $1.isRequired },
      "\(command): a required positional argument cannot follow an optional one")
    self.command = command
    self.summary = summary
    self.arguments = specifications
  }

  /// Parses the arguments that follow the command (without the program or subcommand name).
  ///
  /// - Returns: ``Outcome/help(_:)`` when `--help` or `-h` is present, else the parsed values.
  /// - Throws: ``ArgumentError`` for the first problem, reading left to right.
  /// - Complexity: O(*n*) in the number of arguments, plus the edit distances of a suggestion.
  public func parse(_ commandLine: [String]) throws(ArgumentError) -> Outcome {
    let options = commandLine.prefix { $0 != "--" }
    if options.contains(where: { $0 == "-h" || $0 == "--help" || $0.hasPrefix("--help=") }) { return .help(helpText) }

    var values: [String: String] = [:]
    var flags = Set<String>()
    var positionalTexts: [String] = []
    var optionsEnded = false
    var index = 0
    while index < commandLine.count {
      let argument = commandLine[index]
      index += 1
      if optionsEnded || !argument.hasPrefix("-") || argument == "-" || Double(argument) != nil {
        positionalTexts.append(argument)
        continue
      }
      if argument == "--" {
        optionsEnded = true
        continue
      }
      let (name, inlineValue) = splitOption(argument)
      guard let specification = arguments.first(where: { $0.kind != .positional && $0.displayName == name }) else {
        let candidates = arguments.filter { $0.kind != .positional }.map(\.displayName) + ["--help"]
        throw error(.unknownOption(name, suggestion: closestMatch(to: name, among: candidates)))
      }
      guard values[name] == nil && !flags.contains(name) else { throw error(.duplicateOption(name)) }

      if specification.kind == .flag {
        if let inlineValue { throw error(.flagWithValue(flag: name, found: inlineValue)) }
        flags.insert(name)
        continue
      }
      let value: String
      if let inlineValue {
        value = inlineValue
      } else if index < commandLine.count, !commandLine[index].hasPrefix("--") {
        value = commandLine[index]
        index += 1
      } else {
        throw error(.missingValue(option: name, placeholder: specification.placeholder ?? "VALUE"))
      }
      try check(value, for: specification)
      values[name] = value
    }

    let positionals = arguments.filter { $0.kind == .positional }
    if positionalTexts.count > positionals.count {
      throw error(.unexpectedArgument(positionalTexts[positionals.count]))
    }
    for (specification, text) in zip(positionals, positionalTexts) {
      try check(text, for: specification)
      values[specification.displayName] = text
    }
    for specification in arguments where specification.isRequired && values[specification.displayName] == nil {
      if specification.kind == .positional {
        throw error(.missingArgument(specification.displayName))
      }
      throw error(.missingOption(option: specification.displayName, placeholder: specification.placeholder ?? "VALUE"))
    }
    return .arguments(
      ParsedArguments(
        command: command, values: values, flags: flags, declared: Set(arguments.map(\.displayName))))
  }

  /// `--name=value` as `("--name", "value")`; `--name` as `("--name", nil)`.
  private func splitOption(_ argument: String) -> (name: String, value: String?) {
    guard let equals = argument.firstIndex(of: "=") else { return (argument, nil) }
    return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
  }

  /// Throws if `text` is not a valid value for the argument.
  private func check(_ text: String, for specification: ArgumentSpecification) throws(ArgumentError) {
    switch specification.check(text) {
    case nil:
      return
    case .unparsable:
      throw error(
        .invalidValue(
          argument: specification.displayName, expected: specification.expectation, found: text,
          suggestion: closestMatch(to: text, among: specification.choices)))
    case .invalid(let requirement):
      throw error(.valueRejected(argument: specification.displayName, requirement: requirement, found: text))
    }
  }

  private func error(_ problem: ArgumentError.Problem) -> ArgumentError {
    ArgumentError(command: command, problem: problem)
  }
}
