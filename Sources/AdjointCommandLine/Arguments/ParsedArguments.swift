import Adjoint

/// The values found on a command line, read back through the declarations that describe them.
///
/// ```swift
/// let epochs = Option<Int>("epochs", default: 10, help: "Passes over the data.")
/// let parser = ArgumentParser(command: "adjoint train", summary: "Trains a model.", arguments: [epochs])
/// if case .arguments(let parsed) = try parser.parse(["--epochs", "3"]) {
///   parsed[epochs]   // 3
/// }
/// ```
public struct ParsedArguments: Sendable {
  /// The command these arguments were given to.
  public let command: String
  /// The text given for each option and positional argument, by display name (`--epochs`, `<workload>`).
  let values: [String: String]
  /// The display names of the flags that were given.
  let flags: Set<String>
  /// The display names of every declared argument, to catch reading an undeclared one.
  let declared: Set<String>

  /// The value of an option: the one given, or its default.
  ///
  /// - Precondition: `option` was declared to the parser that produced these arguments.
  public subscript<Value>(option: Option<Value>) -> Value {
    value(named: option.specification.displayName, default: option.defaultValue)
  }

  /// Whether a flag was given.
  ///
  /// - Precondition: `flag` was declared to the parser that produced these arguments.
  public subscript(flag: Flag) -> Bool {
    checkPrecondition(declared.contains(flag.specification.displayName), "\(command): \(flag.specification.displayName) was not declared")
    return flags.contains(flag.specification.displayName)
  }

  /// The value of a positional argument: the one given, or its default.
  ///
  /// - Precondition: `positional` was declared to the parser that produced these arguments.
  public subscript<Value>(positional: Positional<Value>) -> Value {
    value(named: positional.specification.displayName, default: positional.defaultValue)
  }

  /// Whether an option or positional argument was given on the command line (rather than defaulted).
  public func isGiven(_ argument: some ArgumentDeclaration) -> Bool {
    let name = argument.specification.displayName
    return values[name] != nil || flags.contains(name)
  }

  private func value<Value: ArgumentValue>(named name: String, default defaultValue: Value?) -> Value {
    checkPrecondition(declared.contains(name), "\(command): \(name) was not declared to its parser")
    if let text = values[name] {
      guard let value = Value(argument: text) else {
        failPrecondition("\(command): \(name): \"\(text)\" was accepted by the parser but does not parse")
      }
      return value
    }
    guard let defaultValue else {
      failPrecondition("\(command): the required \(name) is missing, which the parser should have caught")
    }
    return defaultValue
  }
}
