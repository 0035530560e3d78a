import Foundation

extension LabeledDataset {
  /// Reads a classification data set from a CSV file of numbers with one integer label column.
  ///
  /// Every field other than the label must be a finite decimal number (`12`, `-0.5`, `1e-3`); the label must be
  /// a whole number (`3`, or `3.0`) from 0 up. Lines end in `\n` or `\r\n`; a trailing newline and blank lines at
  /// the end are fine; every row must have as many fields as the first. Spaces and tabs around a field are
  /// ignored; quoted fields are not supported.
  ///
  /// ```swift
  /// let data = try LabeledDataset.readCSV(from: URL(filePath: "iris.csv"), labelColumn: .last)
  /// data.features.shape   // [150, 4]
  /// ```
  ///
  /// - Parameters:
  ///   - url: The file to read.
  ///   - labelColumn: Which field holds the label.
  ///   - header: Whether the first line names the columns (the names are not kept: see ``CSVTable``).
  ///   - separator: The ASCII character between fields.
  ///   - classCount: The number of classes. When given, labels must lie in `0..<classCount`; when `nil`, it is
  ///     one more than the largest label, which must be below ``maximumInferredClassCount``, and at least half of
  ///     the classes must occur (the rule of ``inferredClassCount(ofLabels:)``).
  /// - Returns: The rows, with `features` of shape `[rows, fields - 1]`.
  /// - Throws: ``DataError`` naming the file, the line, the column, what was found and what was expected;
  ///   ``DataError/tooManyClasses(file:line:column:label:limit:)`` or
  ///   ``DataError/sparseLabels(file:line:column:label:presentClasses:)`` when `classCount` is `nil` and the labels
  ///   break the class rule.
  /// - Precondition: `separator` is a single ASCII character other than a newline, a space, a quote, a digit or
  ///   part of a number.
  /// - Complexity: O(*n*) in the size of the file.
  public static func readCSV(
    from url: URL, labelColumn: LabelColumn = .last, header: CSVHeader = .automatic,
    separator: Character = ",", classCount: Int? = nil
  ) throws -> LabeledDataset {
    let bytes: [UInt8]
    do {
      bytes = try readFileBytes(at: url)
    } catch {
      throw DataError.unreadableFile(path: error.path, reason: error.reason)
    }
    return try parseCSV(
      bytes, fileName: displayName(of: url), labelColumn: labelColumn, header: header, separator: separator,
      classCount: classCount)
  }

  /// Parses a classification data set from the bytes of a CSV file; the rules are those of
  /// ``readCSV(from:labelColumn:header:separator:classCount:)``.
  ///
  /// - Parameters:
  ///   - bytes: The file's contents, UTF-8 or ASCII.
  ///   - fileName: The name errors give the data (`"digits.csv"`).
  ///   - labelColumn: Which field holds the label.
  ///   - header: Whether the first line names the columns.
  ///   - separator: The ASCII character between fields.
  ///   - classCount: The number of classes, or `nil` to use one more than the largest label (bounded and dense:
  ///     see ``readCSV(from:labelColumn:header:separator:classCount:)``).
  /// - Returns: The rows, with `features` of shape `[rows, fields - 1]`.
  /// - Throws: ``DataError``.
  public static func parseCSV(
    _ bytes: some Collection<UInt8>, fileName: String, labelColumn: LabelColumn = .last,
    header: CSVHeader = .automatic, separator: Character = ",", classCount: Int? = nil
  ) throws -> LabeledDataset {
    checkPrecondition(classCount.map { $0 >= 0 } ?? true, "LabeledDataset.parseCSV: negative classCount \(classCount ?? 0)")
    let parser = NumericCSVParser(
      fileName: fileName, separator: csvSeparatorByte(separator), header: header, labelColumn: labelColumn,
      classCount: classCount)
    let table = try withContiguousBytes(bytes) { buffer throws(DataError) in try parser.parse(buffer) }
    let features = Tensor(shape: [table.rowCount, table.fieldCount - 1], scalars: table.values)
    let classes = try classCount ?? csvClassCount(of: table, fileName: fileName)
    return LabeledDataset(uncheckedFeatures: features, labels: table.labels, classCount: classes)
  }
}

/// The byte of a CSV separator.
///
/// - Precondition: `separator` is one ASCII character that cannot be part of a number or a line end.
func csvSeparatorByte(_ separator: Character) -> UInt8 {
  guard let byte = separator.asciiValue, !"\r\n \"0123456789.+-eE".contains(separator) else {
    failPrecondition("CSV separator must be an ASCII character that is not part of a number, got \(separator.debugDescription)")
  }
  return byte
}

/// Calls `body` with the bytes of `collection` in contiguous memory, copying only if they are not already.
func withContiguousBytes<R>(
  _ collection: some Collection<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) throws(DataError) -> R
) throws(DataError) -> R {
  let result =
    collection.withContiguousStorageIfAvailable { buffer in Result { () throws(DataError) in try body(buffer) } }
    ?? Array(collection).withUnsafeBufferPointer { buffer in Result { () throws(DataError) in try body(buffer) } }
  return try result.get()
}
