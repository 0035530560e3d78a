/// A type whose values can be given on the command line as the value of an option or a positional argument.
///
/// Conforming types say how to parse the text, how to describe what they expect in an error
/// (`--epochs expects a whole number, got "ten"`), and how to show a value in `--help`.
public protocol ArgumentValue: Sendable {
  /// Parses a command-line argument, or returns `nil` if it is not a valid value.
  init?(argument: String)
  /// What a valid value looks like, as a noun phrase: `"a whole number"`, `"one of sgd, adam"`.
  static var expectation: String { get }
  /// The placeholder shown after an option's name in help and errors: `"N"`, `"X"`, `"sgd|adam"`.
  static var placeholder: String { get }
  /// The valid values when there are few of them (used to suggest one for a typo); empty otherwise.
  static var choices: [String] { get }
  /// The value as it would be typed, for showing a default in help; `nil` to show no default.
  var argumentDescription: String? { get }
}

extension ArgumentValue {
  /// Most types have too many values to list: no choices.
  public static var choices: [String] { [] }
}

extension ArgumentValue where Self: CustomStringConvertible {
  /// The value's `description`.
  public var argumentDescription: String? { description }
}

extension Int: ArgumentValue {
  /// Parses a decimal integer with an optional sign: `12`, `-3`, `+7`.
  public init?(argument: String) { self.init(argument, radix: 10) }
  /// `"a whole number"`.
  public static var expectation: String { "a whole number" }
  /// `"N"`.
  public static var placeholder: String { "N" }
}

extension UInt64: ArgumentValue {
  /// Parses a non-negative decimal integer, such as a random seed.
  public init?(argument: String) { self.init(argument, radix: 10) }
  /// `"a whole number from 0 to 18446744073709551615"`.
  public static var expectation: String { "a whole number from 0 to \(UInt64.max)" }
  /// `"N"`.
  public static var placeholder: String { "N" }
}

extension Double: ArgumentValue {
  /// Parses a finite decimal number: `0.01`, `1e-3`, `-2`. NaN and infinities are rejected.
  public init?(argument: String) {
    guard let value = Double(argument), value.isFinite else { return nil }
    self = value
  }
  /// `"a number"`.
  public static var expectation: String { "a number" }
  /// `"X"`.
  public static var placeholder: String { "X" }
}

extension String: ArgumentValue {
  /// Accepts any non-empty text.
  public init?(argument: String) {
    guard !argument.isEmpty else { return nil }
    self = argument
  }
  /// `"a value"`.
  public static var expectation: String { "a value" }
  /// `"VALUE"`.
  public static var placeholder: String { "VALUE" }
}

extension Optional: ArgumentValue where Wrapped: ArgumentValue {
  /// Parses a value of the wrapped type: an option of optional type can be given or left out (`default: nil`).
  public init?(argument: String) {
    guard let value = Wrapped(argument: argument) else { return nil }
    self = .some(value)
  }
  /// The wrapped type's expectation.
  public static var expectation: String { Wrapped.expectation }
  /// The wrapped type's placeholder.
  public static var placeholder: String { Wrapped.placeholder }
  /// The wrapped type's choices.
  public static var choices: [String] { Wrapped.choices }
  /// The wrapped value's description, or `nil` (no default shown) for `nil`.
  public var argumentDescription: String? { self?.argumentDescription }
}

/// An enumeration whose cases are the valid values of an argument, spelled as their raw values.
///
/// ```swift
/// enum OptimizerName: String, ArgumentChoice { case sgd, adam }
/// // --optimizer expects one of sgd, adam, got "adma"; did you mean adam?
/// ```
public protocol ArgumentChoice: ArgumentValue, CaseIterable, RawRepresentable where RawValue == String {}

extension ArgumentChoice {
  /// The case whose raw value is `argument`.
  public init?(argument: String) { self.init(rawValue: argument) }
  /// `"one of sgd, adam"`.
  public static var expectation: String { "one of " + choices.joined(separator: ", ") }
  /// `"sgd|adam"`.
  public static var placeholder: String { choices.joined(separator: "|") }
  /// The raw values of all cases, in declaration order.
  public static var choices: [String] { allCases.map(\.rawValue) }
  /// The raw value.
  public var argumentDescription: String? { rawValue }
}
