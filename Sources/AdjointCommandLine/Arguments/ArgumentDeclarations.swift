/// Something a command accepts on its command line: an ``Option``, a ``Flag`` or a ``Positional`` argument.
public protocol ArgumentDeclaration: Sendable {
  /// The declaration without its value type, as the parser and the help text use it.
  var specification: ArgumentSpecification { get }
}

/// An option with a value: `--epochs 10` or `--epochs=10`.
///
/// ```swift
/// let epochs = Option<Int>("epochs", default: 10, help: "Passes over the training data.") {
///   $0 >= 1 ? nil : "must be at least 1"
/// }
/// let save = Option<String?>("save", placeholder: "PATH", default: nil, help: "Where to save the model.")
/// ```
public struct Option<Value: ArgumentValue>: ArgumentDeclaration {
  /// The name without dashes: `"epochs"` for `--epochs`.
  public let name: String
  /// The value when the option is not given, or `nil` when the option is required.
  public let defaultValue: Value?
  /// The declaration as the parser uses it.
  public let specification: ArgumentSpecification

  /// Declares an option that takes `defaultValue` when it is not given.
  ///
  /// - Parameters:
  ///   - name: The name without dashes, in lowercase words joined by `-` (`"learning-rate"`).
  ///   - placeholder: What help shows after the name; `Value.placeholder` (`N`, `X`, `sgd|adam`) by default.
  ///   - defaultValue: The value when the option is absent. Use `nil` with an optional `Value` for an option
  ///     that may be left out.
  ///   - help: One sentence for `--help`.
  ///   - validate: Returns `nil` for a valid value, or what is wrong as a phrase that completes
  ///     "--epochs …, got 0": `"must be at least 1"`.
  public init(
    _ name: String, placeholder: String? = nil, default defaultValue: Value, help: String,
    validate: (@Sendable (Value) -> String?)? = nil
  ) {
    self.init(name: name, placeholder: placeholder, defaultValue: defaultValue, help: help, validate: validate)
  }

  /// Declares an option that must be given.
  ///
  /// - Parameters:
  ///   - name: The name without dashes.
  ///   - placeholder: What help shows after the name; `Value.placeholder` by default.
  ///   - help: One sentence for `--help`.
  ///   - validate: Returns `nil` for a valid value, or what is wrong (`"must be at least 1"`).
  public init(
    _ name: String, placeholder: String? = nil, help: String, validate: (@Sendable (Value) -> String?)? = nil
  ) {
    self.init(name: name, placeholder: placeholder, defaultValue: nil, help: help, validate: validate)
  }

  private init(
    name: String, placeholder: String?, defaultValue: Value?, help: String, validate: (@Sendable (Value) -> String?)?
  ) {
    self.name = name
    self.defaultValue = defaultValue
    self.specification = ArgumentSpecification(
      kind: .option, name: name, placeholder: placeholder ?? Value.placeholder, help: help,
      isRequired: defaultValue == nil, defaultDescription: defaultValue.flatMap { $0.argumentDescription },
      type: Value.self, validate: validate)
  }
}

/// An option without a value, true when present: `--verbose`.
public struct Flag: ArgumentDeclaration {
  /// The name without dashes.
  public let name: String
  /// The declaration as the parser uses it.
  public let specification: ArgumentSpecification

  /// Declares a flag.
  ///
  /// - Parameters:
  ///   - name: The name without dashes.
  ///   - help: One sentence for `--help`.
  public init(_ name: String, help: String) {
    self.name = name
    self.specification = ArgumentSpecification(
      kind: .flag, name: name, placeholder: nil, help: help, isRequired: false, defaultDescription: nil,
      type: String.self, validate: nil)  // a flag has no value to check
  }
}

/// An argument given by position rather than by name: the `W1` of `adjoint bench W1`.
public struct Positional<Value: ArgumentValue>: ArgumentDeclaration {
  /// The name shown in help and errors, without brackets: `"workload"` shows as `<workload>`.
  public let name: String
  /// The value when the argument is not given, or `nil` when it is required.
  public let defaultValue: Value?
  /// The declaration as the parser uses it.
  public let specification: ArgumentSpecification

  /// Declares a positional argument; it is required unless `defaultValue` is given.
  ///
  /// - Parameters:
  ///   - name: The name for help and errors.
  ///   - defaultValue: The value when the argument is absent, or `nil` to require it.
  ///   - help: One sentence for `--help`.
  ///   - validate: Returns `nil` for a valid value, or what is wrong.
  public init(
    _ name: String, default defaultValue: Value? = nil, help: String, validate: (@Sendable (Value) -> String?)? = nil
  ) {
    self.name = name
    self.defaultValue = defaultValue
    self.specification = ArgumentSpecification(
      kind: .positional, name: name, placeholder: nil, help: help, isRequired: defaultValue == nil,
      defaultDescription: defaultValue.flatMap { $0.argumentDescription }, type: Value.self, validate: validate)
  }
}
