// Selection between two tensor variables by a constant mask (NumPy's, JAX's and PyTorch's `where`, which is a
// keyword in Swift), and comparisons of tensor variables giving such masks. A mask is data: comparing
// variables records nothing, and no gradient flows through a mask.

/// Elementwise `mask ≠ 0 ? a : b`, broadcasting the three shapes: PyTorch `torch.where(mask, a, b)`, JAX
/// `jnp.where`. The same operation as `Variable.selecting(where:_:_:)`.
///
/// The gradient goes to `a` where the mask is set and to `b` where it is not, and is **exactly 0** in the
/// branch not taken, even where that branch's own derivative is infinite or NaN: `select(where: x .> 0,
/// sqrt(x), 0)` and `select(where: x .> 0, log(x), 0)` have gradient 0, not NaN, at x ≤ 0 — JAX's "double
/// where" trick is not needed, because every elementwise pullback multiplies a zero adjoint to 0.
///
/// ```swift
/// let x = Variable(Tensor([-1, 0, 4]))
/// select(where: x .> 0, sqrt(x), 0).value   // [0, 0, 2]
/// ```
///
/// - Parameters:
///   - mask: nonzero where the result takes `a` (a NaN counts as nonzero); a constant.
///   - a: the values where the mask is set.
///   - b: the values elsewhere.
/// - Precondition: the three shapes are broadcast-compatible.
public func select(where mask: Tensor, _ a: Variable<Tensor>, _ b: Variable<Tensor>) -> Variable<Tensor> {
  Variable.selecting(where: mask, a, b)
}

/// `select(where:_:_:)` with a constant where the mask is not set.
public func select(where mask: Tensor, _ a: Variable<Tensor>, _ b: Double) -> Variable<Tensor> {
  Variable.selecting(where: mask, a, Variable(Tensor(b)))
}

/// `select(where:_:_:)` with a constant where the mask is set.
public func select(where mask: Tensor, _ a: Double, _ b: Variable<Tensor>) -> Variable<Tensor> {
  Variable.selecting(where: mask, Variable(Tensor(a)), b)
}

/// Elementwise `mask ≠ 0 ? a : b` of tensor values, broadcasting (see `Tensor.selecting(where:_:_:)`).
///
/// - Precondition: the three shapes are broadcast-compatible.
public func select(where mask: Tensor, _ a: Tensor, _ b: Tensor) -> Tensor { Tensor.selecting(where: mask, a, b) }

extension Variable where Value == Tensor {
  /// The mask of where lhs < rhs (compares the values; records nothing).
  public static func .< (lhs: Variable, rhs: Variable) -> Tensor { lhs.value .< rhs.value }
  /// The mask of where lhs ≤ rhs.
  public static func .<= (lhs: Variable, rhs: Variable) -> Tensor { lhs.value .<= rhs.value }
  /// The mask of where lhs > rhs.
  public static func .> (lhs: Variable, rhs: Variable) -> Tensor { lhs.value .> rhs.value }
  /// The mask of where lhs ≥ rhs.
  public static func .>= (lhs: Variable, rhs: Variable) -> Tensor { lhs.value .>= rhs.value }
  /// The mask of where lhs = rhs.
  public static func .== (lhs: Variable, rhs: Variable) -> Tensor { lhs.value .== rhs.value }
  /// The mask of where lhs ≠ rhs.
  public static func .!= (lhs: Variable, rhs: Variable) -> Tensor { lhs.value .!= rhs.value }
  /// The mask of where the element is < c.
  public static func .< (lhs: Variable, rhs: Double) -> Tensor { lhs.value .< rhs }
  /// The mask of where the element is ≤ c.
  public static func .<= (lhs: Variable, rhs: Double) -> Tensor { lhs.value .<= rhs }
  /// The mask of where the element is > c.
  public static func .> (lhs: Variable, rhs: Double) -> Tensor { lhs.value .> rhs }
  /// The mask of where the element is ≥ c.
  public static func .>= (lhs: Variable, rhs: Double) -> Tensor { lhs.value .>= rhs }
  /// The mask of where the element is = c.
  public static func .== (lhs: Variable, rhs: Double) -> Tensor { lhs.value .== rhs }
  /// The mask of where the element is ≠ c.
  public static func .!= (lhs: Variable, rhs: Double) -> Tensor { lhs.value .!= rhs }
}
