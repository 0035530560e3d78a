/// Which column of a CSV file holds the class labels.
public enum LabelColumn: Sendable, Equatable {
  /// The first field of each row.
  case first
  /// The last field of each row (the layout of `digits.csv` and most UCI files).
  case last
  /// The field at a 0-based index.
  case index(Int)
}

/// Whether the first row of a CSV file names the columns.
public enum CSVHeader: Sendable, Equatable {
  /// The first non-blank line is a header when none of its fields is a number, and data otherwise. A header of
  /// numeric names (`0,1,2`) is read as data: say ``present`` for such a file.
  case automatic
  /// The first non-blank line is a header.
  case present
  /// Every line is data.
  case absent
}
