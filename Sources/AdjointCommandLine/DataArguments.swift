import AdjointNN
import Foundation

// The options that say how to read a CSV file, shared by train, evaluate and predict.

extension LabelColumn: ArgumentValue {
  /// `first`, `last`, or a 0-based column index.
  public init?(argument: String) {
    switch argument {
    case "first": self = .first
    case "last": self = .last
    default:
      guard let index = Int(argument, radix: 10), index >= 0 else { return nil }
      self = .index(index)
    }
  }
  /// `"first, last or a column index from 0"`.
  public static var expectation: String { "first, last or a column index from 0" }
  /// `"first|last|N"`.
  public static var placeholder: String { "first|last|N" }
  /// As typed.
  public var argumentDescription: String? {
    switch self {
    case .first: "first"
    case .last: "last"
    case .index(let index): "\(index)"
    }
  }
}

extension CSVHeader: ArgumentValue {
  /// `auto`, `yes` or `no`.
  public init?(argument: String) {
    switch argument {
    case "auto": self = .automatic
    case "yes": self = .present
    case "no": self = .absent
    default: return nil
    }
  }
  /// `"one of auto, yes, no"`.
  public static var expectation: String { "one of auto, yes, no" }
  /// `"auto|yes|no"`.
  public static var placeholder: String { "auto|yes|no" }
  /// The possible values.
  public static var choices: [String] { ["auto", "yes", "no"] }
  /// As typed.
  public var argumentDescription: String? {
    switch self {
    case .automatic: "auto"
    case .present: "yes"
    case .absent: "no"
    }
  }
}

/// The CSV options and readers the data-reading subcommands share.
enum DataArguments {
  static let separator = Option<String>(
    "separator", placeholder: "C", default: ",", help: "The character between fields of a CSV file (\\t for a tab)."
  ) { text in
    let c = text == "\\t" ? "\t" : text
    guard c.count == 1, let character = c.first, character.isASCII, !"\r\n \"0123456789.+-eE".contains(character) else {
      return "must be one ASCII character that cannot be part of a number"
    }
    return nil
  }
  static let labelColumn = Option<LabelColumn>(
    "label-column", default: .last, help: "The CSV column holding the class label.")
  static let header = Option<CSVHeader>(
    "header", default: .automatic,
    help: "Whether the CSV's first line names the columns (auto: when none of its fields is a number).")

  /// The separator as a character (`\t` spelled out becomes a tab).
  static func separatorCharacter(_ parsed: ParsedArguments) -> Character {
    let text = parsed[separator]
    return text == "\\t" ? "\t" : Character(text)
  }

  /// Reads a labelled CSV file with the options given.
  static func readLabeled(_ path: String, _ parsed: ParsedArguments, classCount: Int? = nil) throws -> LabeledDataset {
    try LabeledDataset.readCSV(
      from: URL(fileURLWithPath: path), labelColumn: parsed[labelColumn], header: parsed[header],
      separator: separatorCharacter(parsed), classCount: classCount)
  }
}

/// Why a path cannot be written, or `nil` when it can: the directory must exist and be writable, and the
/// path, if it exists, must be a writable regular file. Nothing is created.
func whyUnwritable(_ path: String) -> String? {
  let url = URL(fileURLWithPath: path)
  var isDirectory: ObjCBool = false
  if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) {
    if isDirectory.boolValue { return "\(path) is a directory" }
    return access(url.path, W_OK) == 0 ? nil : "\(path) is not writable (\(String(cString: strerror(errno))))"
  }
  let directory = url.deletingLastPathComponent().path
  guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
    return "the directory \(directory) does not exist"
  }
  return access(directory, W_OK) == 0 ? nil : "the directory \(directory) is not writable (\(String(cString: strerror(errno))))"
}
