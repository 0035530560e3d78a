// Arithmetic on tensor values: + − × ÷ elementwise with broadcasting (see Tensor+Broadcasting.swift), with a
// `Double` on either side, negation and compound assignment. No differentiation here: these are the plain
// operations that optimizers and users call directly, and that the differentiable operations compute with.

extension Tensor {
  /// The elementwise sum, broadcasting the shapes: `[3, 4] + [4]` adds the vector to every row.
  ///
  /// ```swift
  /// Tensor([[1, 2], [3, 4]]) + Tensor([10, 20])   // [[11, 22], [13, 24]]
  /// ```
  ///
  /// - Precondition: the shapes are broadcast-compatible.
  /// - Complexity: O(count of the result).
  public static func + (lhs: Tensor, rhs: Tensor) -> Tensor { elementwise(lhs, rhs, "+") { $0 + $1 } }

  /// The elementwise difference, broadcasting the shapes.
  ///
  /// - Precondition: the shapes are broadcast-compatible.
  public static func - (lhs: Tensor, rhs: Tensor) -> Tensor { elementwise(lhs, rhs, "-") { $0 - $1 } }

  /// The elementwise (Hadamard) product, broadcasting the shapes. For the matrix product see `matmul`.
  ///
  /// - Precondition: the shapes are broadcast-compatible.
  public static func * (lhs: Tensor, rhs: Tensor) -> Tensor { elementwise(lhs, rhs, "*") { $0 * $1 } }

  /// The elementwise quotient, broadcasting the shapes (IEEE 754: x / 0 is ±∞ or NaN).
  ///
  /// - Precondition: the shapes are broadcast-compatible.
  public static func / (lhs: Tensor, rhs: Tensor) -> Tensor { elementwise(lhs, rhs, "/") { $0 / $1 } }

  /// Adds a scalar to every element.
  public static func + (lhs: Tensor, rhs: Double) -> Tensor { lhs.map { $0 + rhs } }
  /// Adds every element to a scalar.
  public static func + (lhs: Double, rhs: Tensor) -> Tensor { rhs.map { lhs + $0 } }
  /// Subtracts a scalar from every element.
  public static func - (lhs: Tensor, rhs: Double) -> Tensor { lhs.map { $0 - rhs } }
  /// Subtracts every element from a scalar.
  public static func - (lhs: Double, rhs: Tensor) -> Tensor { rhs.map { lhs - $0 } }
  /// Multiplies every element by a scalar.
  public static func * (lhs: Tensor, rhs: Double) -> Tensor { lhs.map { $0 * rhs } }
  /// Multiplies a scalar by every element.
  public static func * (lhs: Double, rhs: Tensor) -> Tensor { rhs.map { lhs * $0 } }
  /// Divides every element by a scalar.
  public static func / (lhs: Tensor, rhs: Double) -> Tensor { lhs.map { $0 / rhs } }
  /// Divides a scalar by every element.
  public static func / (lhs: Double, rhs: Tensor) -> Tensor { rhs.map { lhs / $0 } }

  /// The elementwise negation.
  public static prefix func - (operand: Tensor) -> Tensor { operand.map { -$0 } }

  /// Adds `rhs` in place (broadcasting `rhs`; the storage is reused when not shared).
  ///
  /// - Precondition: broadcasting the shapes gives `lhs.shape` (NumPy's rule for in-place operations).
  public static func += (lhs: inout Tensor, rhs: Tensor) { lhs.update(with: rhs, "+=") { $0 + $1 } }
  /// Subtracts `rhs` in place (broadcasting `rhs`).
  ///
  /// - Precondition: broadcasting the shapes gives `lhs.shape`.
  public static func -= (lhs: inout Tensor, rhs: Tensor) { lhs.update(with: rhs, "-=") { $0 - $1 } }
  /// Multiplies by `rhs` elementwise in place (broadcasting `rhs`).
  ///
  /// - Precondition: broadcasting the shapes gives `lhs.shape`.
  public static func *= (lhs: inout Tensor, rhs: Tensor) { lhs.update(with: rhs, "*=") { $0 * $1 } }
  /// Divides by `rhs` elementwise in place (broadcasting `rhs`).
  ///
  /// - Precondition: broadcasting the shapes gives `lhs.shape`.
  public static func /= (lhs: inout Tensor, rhs: Tensor) { lhs.update(with: rhs, "/=") { $0 / $1 } }
  /// Adds a scalar to every element in place.
  public static func += (lhs: inout Tensor, rhs: Double) { lhs.updateEach { $0 + rhs } }
  /// Subtracts a scalar from every element in place.
  public static func -= (lhs: inout Tensor, rhs: Double) { lhs.updateEach { $0 - rhs } }
  /// Multiplies every element by a scalar in place.
  public static func *= (lhs: inout Tensor, rhs: Double) { lhs.updateEach { $0 * rhs } }
  /// Divides every element by a scalar in place.
  public static func /= (lhs: inout Tensor, rhs: Double) { lhs.updateEach { $0 / rhs } }

  /// Replaces each element x by `op(x, y)` with y read from `other` broadcast to this shape, in one pass: in
  /// place when the storage is not shared and `other` has this shape or a single scalar, into a new buffer
  /// otherwise (`overwriteScalars`).
  @inline(__always)
  private mutating func update(with other: Tensor, _ operation: String, _ op: (Double, Double) -> Double) {
    if shape == other.shape {
      other.withUnsafeBufferPointer { y in
        overwriteScalars { x, old, n in for i in 0..<n { x[i] = op(old[i], y[i]) } }
      }
      return
    }
    let result = Tensor.checkedBroadcastShape(shape, other.shape, operation)
    checkPrecondition(
      result == shape, "\(operation): broadcasting \(shape) with \(other.shape) gives \(result), not the left operand's shape")
    if other.count == 1 {
      let y = other.scalar
      updateEach { op($0, y) }
    } else {
      self = Tensor.elementwise(self, other, operation, op)
    }
  }

  /// Replaces each element x by `transform(x)` in one pass (in place when the storage is not shared).
  @inline(__always)
  private mutating func updateEach(_ transform: (Double) -> Double) {
    overwriteScalars { x, old, n in for i in 0..<n { x[i] = transform(old[i]) } }
  }
}
