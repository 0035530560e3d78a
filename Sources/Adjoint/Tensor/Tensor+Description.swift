// Printing tensors as NumPy prints arrays: nested brackets, one row per line, columns aligned on the
// decimal point, and big tensors summarised with "…".

extension Tensor: CustomStringConvertible {
  /// The scalars laid out as NumPy's `str(array)` lays them out (numbers spelled as Swift spells them, `1.0` where NumPy writes `1.`).
  ///
  /// A rank-0 tensor prints as its number, in full (`Double`'s description); higher ranks as nested brackets, the last axis on one line, rows
  /// aligned on their decimal points, blocks of rank 3 and more separated by blank lines. Numbers are
  /// rounded to 8 digits after the point (NumPy's default precision), or written in exponent form when one
  /// is below 10⁻⁴ or at least 10¹⁶. A tensor of more than 1,000 scalars (NumPy's threshold) shows the first
  /// and last 3 entries of each longer axis around a "…".
  ///
  /// ```swift
  /// print(Tensor([[1, 2.5, -3], [4, 5, 6.25]]))
  /// // prints: [[ 1.0   2.5  -3.0 ]
  /// // prints:  [ 4.0   5.0   6.25]]
  /// ```
  ///
  /// - Complexity: O(number of scalars shown).
  public var description: String { formatted() }

  /// The description with each line after the first indented by `indent` spaces (for enclosing labels such
  /// as `Variable(`).
  func formatted(indent: Int = 0) -> String {
    let layout = TensorLayout(self)
    let text = layout.render()
    guard indent > 0 else { return text }
    return text.split(separator: "\n", omittingEmptySubsequences: false)
      .enumerated().map { $0.offset == 0 || $0.element.isEmpty ? String($0.element) : String(repeating: " ", count: indent) + $0.element }
      .joined(separator: "\n")
  }
}

/// The summary thresholds and the formatted, aligned cells of one tensor's printout.
struct TensorLayout {
  /// More scalars than this are summarised (NumPy's `threshold`).
  static let threshold = 1000
  /// Entries kept at each end of a summarised axis (NumPy's `edgeitems`).
  static let edgeItems = 3

  let shape: [Int]
  let tensor: Tensor
  let summarised: Bool
  /// Column widths of the parts before and after the decimal point, over every shown cell.
  private var integerWidth = 0
  private var fractionWidth = 0
  private let exponentForm: Bool

  init(_ tensor: Tensor) {
    self.tensor = tensor
    self.shape = tensor.shape
    self.summarised = tensor.count > Self.threshold
    let shown = Self.shownOffsets(shape: shape, summarised: summarised)
    let values = tensor.withUnsafeBufferPointer { b in shown.map { b[$0] } }
    exponentForm = values.contains { $0.isFinite && $0 != 0 && (Swift.abs($0) < 1e-4 || Swift.abs($0) >= 1e16) }
    var nonFiniteWidth = 0
    for (x, cell) in zip(values, values.map(format)) {
      if exponentForm || !x.isFinite {
        nonFiniteWidth = Swift.max(nonFiniteWidth, cell.count)
        continue
      }
      let (integer, fraction) = Self.split(cell)
      integerWidth = Swift.max(integerWidth, integer.count)
      fractionWidth = Swift.max(fractionWidth, fraction.count)
    }
    // Cells without a decimal point (exponent form, nan, inf) are right-aligned to the whole column.
    integerWidth = Swift.max(integerWidth, nonFiniteWidth - fractionWidth)
  }

  /// The row-major offsets of the scalars that are shown.
  private static func shownOffsets(shape: [Int], summarised: Bool) -> [Int] {
    var offsets = [0]
    for extent in shape {
      let kept = shownIndices(extent: extent, summarised: summarised).compactMap { $0 }
      offsets = offsets.flatMap { base in kept.map { base * extent + $0 } }
    }
    return offsets
  }

  /// The indices shown along an axis, with nil where the "…" goes.
  static func shownIndices(extent: Int, summarised: Bool) -> [Int?] {
    guard summarised, extent > 2 * edgeItems else { return Array(0..<extent) }
    return Array(0..<edgeItems) + [nil] + Array((extent - edgeItems)..<extent)
  }

  private func format(_ x: Double) -> String {
    exponentForm ? x.description : ScalarFormatting.rounded(x)
  }

  /// The parts before and after the decimal point (the whole text is the first part when it has none).
  private static func split(_ cell: String) -> (Substring, Substring) {
    guard let dot = cell.firstIndex(of: ".") else { return (cell[...], "") }
    return (cell[..<dot], cell[dot...])
  }

  /// One cell padded so that decimal points line up.
  private func cell(_ x: Double) -> String {
    let text = format(x)
    if exponentForm || !x.isFinite {
      return String(repeating: " ", count: Swift.max(0, integerWidth + fractionWidth - text.count)) + text
    }
    let (integer, fraction) = Self.split(text)
    return String(repeating: " ", count: integerWidth - integer.count) + integer + fraction
      + String(repeating: " ", count: fractionWidth - fraction.count)
  }

  /// The whole printout.
  func render() -> String {
    if shape.isEmpty { return "\(tensor.scalar)" }  // a 0-d array prints its number in full, as NumPy does
    if tensor.count == 0 { return String(repeating: "[", count: shape.count) + String(repeating: "]", count: shape.count) }
    return tensor.withUnsafeBufferPointer { render(axis: 0, offset: 0, scalars: $0) }
  }

  private func render(axis: Int, offset: Int, scalars: UnsafeBufferPointer<Double>) -> String {
    let extent = shape[axis]
    let indices = Self.shownIndices(extent: extent, summarised: summarised)
    if axis == shape.count - 1 {
      let cells = indices.map { $0.map { cell(scalars[offset * extent + $0]) } ?? "…" }
      return "[" + cells.joined(separator: " ") + "]"
    }
    let separator = String(repeating: "\n", count: shape.count - axis - 1) + String(repeating: " ", count: axis + 1)
    let rows = indices.map { $0.map { render(axis: axis + 1, offset: offset * extent + $0, scalars: scalars) } ?? "…" }
    return "[" + rows.joined(separator: separator) + "]"
  }
}
