// Elementwise comparisons of tensor values, giving masks: tensors of 1 where the comparison holds and 0
// where it does not, broadcasting the operands. A mask is what `select(where:_:_:)` takes. The operators are
// Swift's pointwise comparison operators (`.<`, `.==`, … as for SIMD vectors), so that `<` stays free.
// Any comparison with NaN is false (0), except `.!=`, which is true (1), as for `Double`.

extension Tensor {
  /// A mask of where `predicate` holds: 1 where it returns true for the element, 0 elsewhere.
  ///
  /// ```swift
  /// Tensor.mask(Tensor([-1, 0, 2])) { $0 > 0 }   // [0, 0, 1]
  /// ```
  ///
  /// - Complexity: O(count).
  public static func mask(_ x: Tensor, where predicate: (Double) -> Bool) -> Tensor {
    x.map { predicate($0) ? 1 : 0 }
  }

  /// 1 where lhs < rhs, else 0, broadcasting.
  ///
  /// - Precondition: the shapes are broadcast-compatible.
  public static func .< (lhs: Tensor, rhs: Tensor) -> Tensor { elementwise(lhs, rhs, ".<") { $0 < $1 ? 1 : 0 } }
  /// 1 where lhs ≤ rhs, else 0, broadcasting.
  ///
  /// - Precondition: the shapes are broadcast-compatible.
  public static func .<= (lhs: Tensor, rhs: Tensor) -> Tensor { elementwise(lhs, rhs, ".<=") { $0 <= $1 ? 1 : 0 } }
  /// 1 where lhs > rhs, else 0, broadcasting.
  ///
  /// - Precondition: the shapes are broadcast-compatible.
  public static func .> (lhs: Tensor, rhs: Tensor) -> Tensor { elementwise(lhs, rhs, ".>") { $0 > $1 ? 1 : 0 } }
  /// 1 where lhs ≥ rhs, else 0, broadcasting.
  ///
  /// - Precondition: the shapes are broadcast-compatible.
  public static func .>= (lhs: Tensor, rhs: Tensor) -> Tensor { elementwise(lhs, rhs, ".>=") { $0 >= $1 ? 1 : 0 } }
  /// 1 where lhs = rhs, else 0, broadcasting.
  ///
  /// - Precondition: the shapes are broadcast-compatible.
  public static func .== (lhs: Tensor, rhs: Tensor) -> Tensor { elementwise(lhs, rhs, ".==") { $0 == $1 ? 1 : 0 } }
  /// 1 where lhs ≠ rhs, else 0, broadcasting.
  ///
  /// - Precondition: the shapes are broadcast-compatible.
  public static func .!= (lhs: Tensor, rhs: Tensor) -> Tensor { elementwise(lhs, rhs, ".!=") { $0 != $1 ? 1 : 0 } }

  /// 1 where the element is < c, else 0.
  public static func .< (lhs: Tensor, rhs: Double) -> Tensor { lhs.map { $0 < rhs ? 1 : 0 } }
  /// 1 where the element is ≤ c, else 0.
  public static func .<= (lhs: Tensor, rhs: Double) -> Tensor { lhs.map { $0 <= rhs ? 1 : 0 } }
  /// 1 where the element is > c, else 0.
  public static func .> (lhs: Tensor, rhs: Double) -> Tensor { lhs.map { $0 > rhs ? 1 : 0 } }
  /// 1 where the element is ≥ c, else 0.
  public static func .>= (lhs: Tensor, rhs: Double) -> Tensor { lhs.map { $0 >= rhs ? 1 : 0 } }
  /// 1 where the element is = c, else 0.
  public static func .== (lhs: Tensor, rhs: Double) -> Tensor { lhs.map { $0 == rhs ? 1 : 0 } }
  /// 1 where the element is ≠ c, else 0.
  public static func .!= (lhs: Tensor, rhs: Double) -> Tensor { lhs.map { $0 != rhs ? 1 : 0 } }

  /// 1 where both masks are nonzero, else 0, broadcasting.
  ///
  /// - Precondition: the shapes are broadcast-compatible.
  public static func .& (lhs: Tensor, rhs: Tensor) -> Tensor { elementwise(lhs, rhs, ".&") { $0 != 0 && $1 != 0 ? 1 : 0 } }
  /// 1 where either mask is nonzero, else 0, broadcasting.
  ///
  /// - Precondition: the shapes are broadcast-compatible.
  public static func .| (lhs: Tensor, rhs: Tensor) -> Tensor { elementwise(lhs, rhs, ".|") { $0 != 0 || $1 != 0 ? 1 : 0 } }
  /// 1 where the mask is zero, else 0.
  public static prefix func .! (operand: Tensor) -> Tensor { operand.map { $0 == 0 ? 1 : 0 } }
}
