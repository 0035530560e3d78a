import Foundation

/// A CSV file of numbers without labels: every field is a feature.
///
/// Use it for regression targets, unlabelled data, or to look at a file's column names; use
/// ``LabeledDataset/readCSV(from:labelColumn:header:separator:classCount:)`` for classification data.
///
/// ```swift
/// let table = try CSVTable.parse(Array("x,y\n1,2\n3,4\n".utf8), fileName: "points.csv")
/// table.columnNames     // ["x", "y"]
/// table.values.shape    // [2, 2]
/// ```
public struct CSVTable: Sendable, Equatable {
  /// The names in the header line, or `nil` when the file has none.
  public let columnNames: [String]?
  /// The numbers, shape `[rows, columns]`.
  public let values: Tensor

  /// Reads a CSV file of finite numbers; the rules are those of
  /// ``LabeledDataset/readCSV(from:labelColumn:header:separator:classCount:)`` without a label column.
  ///
  /// - Parameters:
  ///   - url: The file to read.
  ///   - header: Whether the first line names the columns.
  ///   - separator: The ASCII character between fields.
  /// - Throws: ``DataError``.
  /// - Complexity: O(*n*) in the size of the file.
  public static func read(from url: URL, header: CSVHeader = .automatic, separator: Character = ",") throws -> CSVTable {
    let bytes: [UInt8]
    do {
      bytes = try readFileBytes(at: url)
    } catch {
      throw DataError.unreadableFile(path: error.path, reason: error.reason)
    }
    return try parse(bytes, fileName: displayName(of: url), header: header, separator: separator)
  }

  /// Parses a CSV file of finite numbers from its bytes.
  ///
  /// - Parameters:
  ///   - bytes: The file's contents.
  ///   - fileName: The name errors give the data.
  ///   - header: Whether the first line names the columns.
  ///   - separator: The ASCII character between fields.
  /// - Throws: ``DataError``.
  public static func parse(
    _ bytes: some Collection<UInt8>, fileName: String, header: CSVHeader = .automatic, separator: Character = ","
  ) throws -> CSVTable {
    let parser = NumericCSVParser(
      fileName: fileName, separator: csvSeparatorByte(separator), header: header, labelColumn: nil, classCount: nil)
    let table = try withContiguousBytes(bytes) { buffer throws(DataError) in try parser.parse(buffer) }
    return CSVTable(
      columnNames: table.columnNames,
      values: Tensor(shape: [table.rowCount, table.fieldCount], scalars: table.values))
  }
}
