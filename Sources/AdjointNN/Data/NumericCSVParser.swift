/// Reads a CSV file of numbers, optionally with a header line and an integer label column, from its bytes.
///
/// The grammar, byte by byte: lines end in `\n` or `\r\n` (the last one may lack it); fields are separated by a
/// single ASCII separator byte; spaces and tabs around a field are ignored; there is no quoting. A UTF-8 byte
/// order mark at the start is skipped, as are blank lines before the first row and after the last; a blank line
/// between rows is an error (it usually means a row was lost). Every row has as many fields as the first.
struct NumericCSVParser {
  /// The name errors use for the file.
  var fileName: String
  var separator: UInt8
  var header: CSVHeader
  /// The column of integer labels, or `nil` when every column is a feature.
  var labelColumn: LabelColumn?
  /// When given, labels must lie in `0..<classCount`; otherwise they must only be non-negative.
  var classCount: Int?

  /// What a parse produces: the data rows, split into feature values (row-major) and labels.
  struct Table {
    var columnNames: [String]?
    var rowCount = 0
    /// Fields per row, the label column included.
    var fieldCount = 0
    /// `rowCount × (fieldCount - 1 or fieldCount)` values, row-major, without the label column.
    var values: [Double] = []
    /// One label per row when there is a label column, else empty.
    var labels: [Int] = []
    /// The largest label, the line where it first occurs and its 1-based column (`nil` without labels).
    var largestLabel: (label: Int, line: Int, column: Int)?
  }

  /// Parses the whole file.
  ///
  /// - Throws: ``DataError`` naming the line and column of the first problem.
  /// - Complexity: O(*n*) in the number of bytes.
  func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(DataError) -> Table {
    var table = Table()
    var position = 0
    if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
    var lineNumber = 0
    var fields: [Range<Int>] = []
    var labelIndex = -1
    var isFirstRow = true

    while position < bytes.count {
      lineNumber += 1
      var lineEnd = position
      while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
      let next = lineEnd + 1
      var contentEnd = lineEnd
      if contentEnd > position, bytes[contentEnd - 1] == UInt8(ascii: "\r") { contentEnd -= 1 }
      defer { position = next }

      if isBlank(bytes, position..<contentEnd) {
        if isFirstRow { continue }
        if isBlank(bytes, min(next, bytes.count)..<bytes.count, allowingNewlines: true) { break }
        throw .wrongFieldCount(file: fileName, line: lineNumber, expected: table.fieldCount, found: 0)
      }

      splitFields(bytes, position..<contentEnd, into: &fields)
      if isFirstRow {
        isFirstRow = false
        table.fieldCount = fields.count
        labelIndex = try resolvedLabelIndex(fieldCount: fields.count)
        if isHeader(bytes, fields) {
          table.columnNames = fields.map { String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self) }
          continue
        }
        table.values.reserveCapacity(bytes.count / max(1, next - position) * fields.count)
      } else if fields.count != table.fieldCount {
        throw .wrongFieldCount(file: fileName, line: lineNumber, expected: table.fieldCount, found: fields.count)
      }

      for (index, field) in fields.enumerated() {
        if index == labelIndex {
          let value = try label(bytes, field, line: lineNumber, column: index + 1)
          if value > (table.largestLabel?.label ?? -1) { table.largestLabel = (value, lineNumber, index + 1) }
          table.labels.append(value)
        } else {
          table.values.append(try number(bytes, field, line: lineNumber, column: index + 1))
        }
      }
      table.rowCount += 1
    }
    guard table.rowCount > 0 else { throw .emptyFile(file: fileName) }
    return table
  }

  /// The 0-based index of the label column in rows of `fieldCount` fields, or -1 when there is none.
  private func resolvedLabelIndex(fieldCount: Int) throws(DataError) -> Int {
    switch labelColumn {
    case nil: return -1
    case .first: return 0
    case .last: return fieldCount - 1
    case .index(let index):
      guard index >= 0 && index < fieldCount else {
        throw .missingLabelColumn(file: fileName, column: index, fieldCount: fieldCount)
      }
      return index
    }
  }

  /// Whether the first row is a header, by the policy in `header`.
  private func isHeader(_ bytes: UnsafeBufferPointer<UInt8>, _ fields: [Range<Int>]) -> Bool {
    switch header {
    case .present: return true
    case .absent: return false
    case .automatic: return fields.allSatisfy { parseDouble(bytes, $0) == nil }
    }
  }

  /// The finite number in a field.
  private func number(
    _ bytes: UnsafeBufferPointer<UInt8>, _ field: Range<Int>, line: Int, column: Int
  ) throws(DataError) -> Double {
    guard let value = parseDouble(bytes, field) else {
      throw .invalidNumber(file: fileName, line: line, column: column, found: text(bytes, field))
    }
    guard value.isFinite else {
      throw .nonFiniteValue(file: fileName, line: line, column: column, found: text(bytes, field))
    }
    return value
  }

  /// The class label in a field: a whole number (`3`, `3.0`, `3e0`) in range: below `classCount` when it is
  /// given, below ``LabeledDataset/maximumInferredClassCount`` otherwise.
  private func label(
    _ bytes: UnsafeBufferPointer<UInt8>, _ field: Range<Int>, line: Int, column: Int
  ) throws(DataError) -> Int {
    guard let value = parseDouble(bytes, field), value.isFinite, value.rounded() == value,
      abs(value) < 0x1p53
    else {
      throw .invalidLabel(file: fileName, line: line, column: column, found: text(bytes, field))
    }
    let label = Int(value)
    if label < 0 || label >= (classCount ?? Int.max) {
      throw .labelOutOfRange(
        file: fileName, position: "line \(line), column \(column)", label: label, classCount: classCount)
    }
    if classCount == nil && label >= LabeledDataset.maximumInferredClassCount {
      throw .tooManyClasses(
        file: fileName, line: line, column: column, label: label, limit: LabeledDataset.maximumInferredClassCount)
    }
    return label
  }

  /// Splits `bytes[line]` at separators into trimmed field ranges.
  private func splitFields(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>, into fields: inout [Range<Int>]) {
    fields.removeAll(keepingCapacity: true)
    var start = line.lowerBound
    var i = start
    while i <= line.upperBound {
      if i == line.upperBound || bytes[i] == separator {
        fields.append(trimmed(bytes, start..<i))
        start = i + 1
      }
      i += 1
    }
  }

  /// `range` without the spaces and tabs (other than the separator) at either end.
  private func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
    var lower = range.lowerBound
    var upper = range.upperBound
    while lower < upper, isPadding(bytes[lower]) { lower += 1 }
    while upper > lower, isPadding(bytes[upper - 1]) { upper -= 1 }
    return lower..<upper
  }

  private func isPadding(_ byte: UInt8) -> Bool {
    (byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")) && byte != separator
  }

  /// Whether `bytes[range]` holds only spaces, tabs, carriage returns (and newlines, if allowed).
  private func isBlank(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, allowingNewlines: Bool = false) -> Bool {
    bytes[range].allSatisfy {
      $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r")
        || (allowingNewlines && $0 == UInt8(ascii: "\n"))
    }
  }

  private func text(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
    String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
  }
}
