/// A command line that the command cannot accept. Its `description` is one line, prefixed by the command:
///
/// ```
/// adjoint train: --epochs expects a whole number, got "ten"
/// adjoint train: unknown option --epoch; did you mean --epochs?
/// ```
public struct ArgumentError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The command whose arguments these were: `"adjoint train"`.
  public let command: String
  /// What is wrong.
  public let problem: Problem

  /// What can be wrong with a command line. Argument names are written as on the command line (`--epochs`,
  /// `<workload>`).
  public enum Problem: Equatable, Sendable {
    /// An option that the command does not declare, with the closest declared one if any is close.
    case unknownOption(String, suggestion: String?)
    /// An option given last, or followed by another option, without its value.
    case missingValue(option: String, placeholder: String)
    /// A value that does not parse: `expected` is a phrase like `"a whole number"`; `suggestion` is the closest
    /// valid choice, if any is close.
    case invalidValue(argument: String, expected: String, found: String, suggestion: String?)
    /// A value that parses but fails the argument's validation, which explains why (`"must be at least 1"`).
    case valueRejected(argument: String, requirement: String, found: String)
    /// The same option given twice.
    case duplicateOption(String)
    /// A flag given a value with `--flag=value`.
    case flagWithValue(flag: String, found: String)
    /// A required option that was not given.
    case missingOption(option: String, placeholder: String)
    /// A required positional argument that was not given.
    case missingArgument(String)
    /// A positional argument beyond those the command declares.
    case unexpectedArgument(String)
  }

  /// The command, a colon, and the problem.
  public var description: String {
    "\(command): " + problem.message
  }
}

extension ArgumentError.Problem {
  /// The problem as a phrase.
  var message: String {
    switch self {
    case .unknownOption(let option, let suggestion):
      return "unknown option \(option)" + (suggestion.map { "; did you mean \($0)?" } ?? " (see --help)")
    case .missingValue(let option, let placeholder):
      return "\(option) needs a value: \(option) \(placeholder)"
    case .invalidValue(let argument, let expected, let found, let suggestion):
      return "\(argument) expects \(expected), got \"\(found)\"" + (suggestion.map { "; did you mean \($0)?" } ?? "")
    case .valueRejected(let argument, let requirement, let found):
      return "\(argument) \(requirement), got \(found)"
    case .duplicateOption(let option):
      return "\(option) is given more than once"
    case .flagWithValue(let flag, let found):
      return "\(flag) takes no value, got \"\(found)\""
    case .missingOption(let option, let placeholder):
      return "missing required option \(option) \(placeholder)"
    case .missingArgument(let name):
      return "missing the argument \(name)"
    case .unexpectedArgument(let argument):
      return "unexpected argument \"\(argument)\""
    }
  }
}
