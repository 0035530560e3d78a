// Tensors written as nested array literals of any rank: `[1, 2]`, `[[1, 2], [3, 4]]`, `[[[1], [2]]]`.

/// One level of a nested tensor literal: a number, or an array of literals of one shape. It exists so that
/// `Tensor` can be written as a nested array literal without making `Tensor` itself a number literal (which
/// would make `x + 1` ambiguous between `Tensor + Double` and `Tensor + Tensor`).
public struct TensorLiteral: ExpressibleByArrayLiteral, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral, Sendable {
  /// The shape of this level: `[]` for a number.
  public let shape: [Int]
  /// The numbers in row-major order.
  public let scalars: [Double]

  /// A number.
  public init(floatLiteral value: Double) {
    shape = []
    scalars = [value]
  }

  /// A whole number.
  public init(integerLiteral value: Int) {
    shape = []
    scalars = [Double(value)]
  }

  /// An array of literals, which must all have the same shape.
  ///
  /// - Precondition: the elements have one shape (the literal is not ragged).
  public init(arrayLiteral elements: TensorLiteral...) { self.init(elements: elements) }
}

extension Tensor: ExpressibleByArrayLiteral {
  /// A tensor written as a nested array literal of any rank; the nesting depth is the rank.
  ///
  /// ```swift
  /// let m: Tensor = [[1, 2, 3], [4, 5, 6]]   // shape [2, 3]
  /// let c: Tensor = [[[1], [2]], [[3], [4]]]  // shape [2, 2, 1]
  /// ```
  ///
  /// - Precondition: every array at one depth has the same length: `[[1, 2], [3]]` traps with "Tensor
  ///   literal: ragged nesting: element 1 has shape [1], element 0 has shape [2]".
  public init(arrayLiteral elements: TensorLiteral...) {
    let literal = TensorLiteral(elements: elements)
    self.init(shape: literal.shape, scalars: literal.scalars)
  }
}

extension TensorLiteral {
  /// The array `elements` (`init(arrayLiteral:)` with an array).
  init(elements: [TensorLiteral]) {
    let inner = elements.first?.shape ?? []
    for (k, element) in elements.enumerated() where element.shape != inner {
      failPrecondition(
        "Tensor literal: ragged nesting: element \(k) has shape \(element.shape), element 0 has shape \(inner)")
    }
    shape = [elements.count] + inner
    scalars = elements.flatMap(\.scalars)
  }
}
