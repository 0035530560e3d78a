import Adjoint

/// A declared argument without its value type: what the parser checks and what `--help` shows.
public struct ArgumentSpecification: Sendable {
  /// The three sorts of argument.
  public enum Kind: Sendable, Equatable {
    /// `--name value` or `--name=value`.
    case option
    /// `--name`, without a value.
    case flag
    /// A value given by its position.
    case positional
  }

  /// Which sort of argument this is.
  public let kind: Kind
  /// The name without dashes or brackets.
  public let name: String
  /// What help shows after an option's name (`N`, `sgd|adam`), or `nil` for flags and positionals.
  public let placeholder: String?
  /// One sentence for `--help`.
  public let help: String
  /// Whether the command line must give this argument.
  public let isRequired: Bool
  /// The default as it would be typed, shown in help; `nil` when there is none to show.
  public let defaultDescription: String?
  /// What a valid value looks like, for errors: `"a whole number"`.
  public let expectation: String
  /// The valid values, when there are few; used to suggest a correction.
  public let choices: [String]
  /// Checks the text of a value: `nil` when valid.
  let check: @Sendable (String) -> ValueProblem?

  /// What is wrong with the text given for a value.
  enum ValueProblem: Equatable {
    /// It does not parse as the value type.
    case unparsable
    /// It parses, but the validation closure rejects it with this phrase.
    case invalid(String)
  }

  /// How the argument is written in help and errors: `--epochs`, `<workload>`.
  public var displayName: String { kind == .positional ? "<\(name)>" : "--\(name)" }

  init<Value: ArgumentValue>(
    kind: Kind, name: String, placeholder: String?, help: String, isRequired: Bool, defaultDescription: String?,
    type: Value.Type, validate: (@Sendable (Value) -> String?)?
  ) {
    checkPrecondition(!name.isEmpty && !name.hasPrefix("-"), "argument names are given without dashes, got \"\(name)\"")
    checkPrecondition(!name.contains("="), "argument names cannot contain \"=\", got \"\(name)\"")
    self.kind = kind
    self.name = name
    self.placeholder = placeholder
    self.help = help
    self.isRequired = isRequired
    self.defaultDescription = defaultDescription
    self.expectation = Value.expectation
    self.choices = Value.choices
    self.check = { text in
      guard let value = Value(argument: text) else { return .unparsable }
      return validate?(value).map(ValueProblem.invalid)
    }
  }
}
