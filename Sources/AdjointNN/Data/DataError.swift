/// Why a data file (a CSV table, an MNIST IDX file) could not be read.
///
/// Every case names the file; errors about the contents also say where (the 1-based line and column of a CSV
/// field, the byte count of an IDX file), what was found and what was expected. The `description` is one line
/// meant to be shown to a person as it is:
///
/// ```
/// digits.csv line 17, column 65: expected a number, found "x7"
/// ```
///
/// Files are named by their last path component, except in ``unreadableFile(path:reason:)``, which gives the
/// whole path because the problem may be the path itself.
public enum DataError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The file could not be opened or read; `reason` is the operating system's message (`strerror`).
  case unreadableFile(path: String, reason: String)

  /// The file holds no data rows (it is empty, or holds only blank lines or a header).
  case emptyFile(file: String)

  /// A field that should hold a number holds `found` instead (which may be empty).
  case invalidNumber(file: String, line: Int, column: Int, found: String)

  /// A field holds a number that is NaN or infinite (or overflows `Double`), which data may not contain.
  case nonFiniteValue(file: String, line: Int, column: Int, found: String)

  /// A row has `found` fields where the first data row had `expected`.
  case wrongFieldCount(file: String, line: Int, expected: Int, found: Int)

  /// A label field holds something other than a whole number (`3.5`, `cat`).
  case invalidLabel(file: String, line: Int, column: Int, found: String)

  /// A label lies outside `0..<classCount` (or, when the class count is not known, is negative). `position` says
  /// where: `"line 17, column 65"` or `"item 12"`.
  case labelOutOfRange(file: String, position: String, label: Int, classCount: Int?)

  /// The label column asked for (0-based `column`) does not exist in rows of `fieldCount` fields.
  case missingLabelColumn(file: String, column: Int, fieldCount: Int)

  /// The file is gzip-compressed; it must be decompressed (for example with `gunzip`) before it is read.
  case compressedFile(file: String)

  /// An IDX file starts with the wrong magic number: the wrong file, or a different element type or rank.
  case wrongMagicNumber(file: String, expected: UInt32, found: UInt32)

  /// A file is shorter than its header says it must be.
  case truncatedFile(file: String, expectedBytes: Int, actualBytes: Int)

  /// A file is longer than its header says it must be.
  case trailingBytes(file: String, expectedBytes: Int, actualBytes: Int)

  /// An IDX images file and its labels file hold different numbers of items.
  case countMismatch(imagesFile: String, imageCount: Int, labelsFile: String, labelCount: Int)

  /// Two parts of a data set disagree about the shape of an item (say, 28×28 training images and 20×20 test
  /// images).
  case shapeMismatch(file: String, expected: [Int], found: [Int])

  /// A field of a binary file's header (an IDX dimension) holds a value no real file can have: the sizes it
  /// implies overflow a 64-bit integer or exceed a documented limit. `field` names it (`"rows"`), `value` is what
  /// the header says, `reason` what is wrong with it.
  case invalidHeaderField(file: String, field: String, value: Int, reason: String)

  /// A CSV label implies more classes than a file may imply when the caller does not state the class count
  /// (``LabeledDataset/maximumInferredClassCount``).
  case tooManyClasses(file: String, line: Int, column: Int, label: Int, limit: Int)

  /// The largest CSV label implies `label + 1` classes but only `presentClasses` of them occur, fewer than half,
  /// and the caller did not state the class count: the labels are probably not numbered 0, 1, 2, ….
  case sparseLabels(file: String, line: Int, column: Int, label: Int, presentClasses: Int)

  /// A one-line account of the error, naming the file and what went wrong.
  public var description: String {
    switch self {
    case .unreadableFile(let path, let reason):
      return "\(path): cannot read the file: \(reason)"
    case .emptyFile(let file):
      return "\(file): the file holds no data rows"
    case .invalidNumber(let file, let line, let column, let found):
      return "\(file) line \(line), column \(column): expected a number, found \(quoted(found))"
    case .nonFiniteValue(let file, let line, let column, let found):
      return "\(file) line \(line), column \(column): value is not finite (\(quoted(found)))"
    case .wrongFieldCount(let file, let line, let expected, let found):
      let what = found == 0 ? "an empty line" : "\(found)"
      return "\(file) line \(line): expected \(expected) fields (as in the first row), found \(what)"
    case .invalidLabel(let file, let line, let column, let found):
      return "\(file) line \(line), column \(column): expected a whole-number class label, found \(quoted(found))"
    case .labelOutOfRange(let file, let position, let label, let classCount):
      let expected = classCount.map { "0 to \($0 - 1)" } ?? "0 or more"
      return "\(file) \(position): label \(label) is out of range: expected \(expected)"
    case .missingLabelColumn(let file, let column, let fieldCount):
      return "\(file): there is no label column \(column) (counting from 0) in rows of \(fieldCount) fields"
    case .compressedFile(let file):
      return "\(file): the file is gzip-compressed; decompress it first (gunzip)"
    case .wrongMagicNumber(let file, let expected, let found):
      return "\(file): expected magic number \(hex(expected)), found \(hex(found))"
    case .truncatedFile(let file, let expectedBytes, let actualBytes):
      return "\(file): the file is truncated: expected \(expectedBytes) bytes, found \(actualBytes)"
    case .trailingBytes(let file, let expectedBytes, let actualBytes):
      return "\(file): the file is longer than its header says: expected \(expectedBytes) bytes, found \(actualBytes)"
    case .countMismatch(let imagesFile, let imageCount, let labelsFile, let labelCount):
      return "\(imagesFile) holds \(imageCount) images but \(labelsFile) holds \(labelCount) labels"
    case .shapeMismatch(let file, let expected, let found):
      return "\(file): expected items of shape \(expected), found \(found)"
    case .invalidHeaderField(let file, let field, let value, let reason):
      return "\(file): header field \(field) = \(value) is impossible: \(reason)"
    case .tooManyClasses(let file, let line, let column, let label, let limit):
      return "\(file) line \(line), column \(column): label \(label) implies \(label &+ 1) classes, more than the "
        + "\(limit) a file may imply without classCount; pass classCount to allow more"
    case .sparseLabels(let file, let line, let column, let label, let presentClasses):
      return "\(file) line \(line), column \(column): label \(label) implies \(label &+ 1) classes but only "
        + "\(presentClasses) of them occur; without classCount, at least half of the classes 0 to \(label) must "
        + "occur: number the labels 0, 1, 2, … or pass classCount"
    }
  }
}

/// `text` in double quotes, with control characters and quotes escaped, cut short if long.
private func quoted(_ text: String) -> String {
  let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
  return "\"" + shown.unicodeScalars.map { $0.escaped(asASCII: false) }.joined() + "\""
}

/// `value` as eight hexadecimal digits: `0x00000803`.
private func hex(_ value: UInt32) -> String {
  let digits = String(value, radix: 16)
  return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
}
