// Elementwise functions of tensor values: elementary functions, activations, min/max, clamping and
// selection. Names and conventions mirror the scalar functions of `Variable<Double>`: free functions
// `exp(_:)`, `relu(_:)`, `sigmoid(_:)`, `min(_:_:)`… and the method `clamped(to:)`.

extension Tensor {
  /// A tensor of the same shape whose elements are `transform` applied to this tensor's elements.
  ///
  /// ```swift
  /// Tensor([1, -2, 3]).map { $0 > 0 ? 1 : 0 }   // [1, 0, 1], a mask for `selecting(where:_:_:)`
  /// ```
  ///
  /// - Complexity: O(count).
  @inlinable
  public func map(_ transform: (Double) -> Double) -> Tensor {
    Tensor(shape: shape) { result in
      withUnsafeBufferPointer { x in for i in 0..<result.count { result[i] = transform(x[i]) } }
    }
  }

  /// Elementwise `mask ≠ 0 ? a : b`, broadcasting the three shapes together (NumPy's `where`).
  ///
  /// ```swift
  /// Tensor.selecting(where: Tensor([1, 0, 1]), Tensor([1, 2, 3]), Tensor(0))   // [1, 0, 3]
  /// ```
  ///
  /// - Parameters:
  ///   - mask: nonzero where the result takes `a`, zero where it takes `b` (a NaN counts as nonzero).
  ///   - a: the values taken where the mask is nonzero.
  ///   - b: the values taken where the mask is zero.
  /// - Precondition: the three shapes are broadcast-compatible.
  /// - Complexity: O(count of the result).
  public static func selecting(where mask: Tensor, _ a: Tensor, _ b: Tensor) -> Tensor {
    let shape = checkedBroadcastShape(
      checkedBroadcastShape(a.shape, b.shape, "selecting(where:_:_:)"), mask.shape, "selecting(where:_:_:) mask")
    let (m, x) = (mask.broadcasted(to: shape), a.broadcasted(to: shape))
    if b.count == 1 {
      let y = b.scalar
      return elementwise(m, x, "selecting(where:_:_:)") { $0 != 0 ? $1 : y }
    }
    let y = b.broadcasted(to: shape)
    return Tensor(shape: shape) { r in
      m.withUnsafeBufferPointer { m in
        x.withUnsafeBufferPointer { x in y.withUnsafeBufferPointer { y in for i in 0..<r.count { r[i] = m[i] != 0 ? x[i] : y[i] } } }
      }
    }
  }

  /// The value limited to `range` elementwise: `min(max(x, lower), upper)`; NaN stays NaN.
  ///
  /// - Complexity: O(count).
  public func clamped(to range: ClosedRange<Double>) -> Tensor {
    map { clampValue($0, range) }
  }

  /// The "strong zero" product a·b, except that it is exactly 0 whenever a or b is 0 (so 0·∞ = 0·NaN = 0).
  ///
  /// Pullbacks multiply the incoming adjoint by a local derivative with it, so that a zero adjoint — e.g.
  /// from the inactive branch of `selecting(where:_:_:)` — stays zero even where the derivative is infinite
  /// or NaN (sqrt′(0), log′(0), anything at a NaN input). For finite operands it equals a·b.
  static func strongZeroProduct(_ a: Tensor, _ b: Tensor) -> Tensor {
    elementwise(a, b, "*") { strongZeroProductValue($0, $1) }
  }
}

// MARK: Elementary functions

/// e^x elementwise.
public func exp(_ x: Tensor) -> Tensor { x.map { libmExp($0) } }
/// The natural logarithm elementwise (−∞ at 0, NaN below 0).
public func log(_ x: Tensor) -> Tensor { x.map { libmLog($0) } }
/// The square root elementwise (NaN below 0).
public func sqrt(_ x: Tensor) -> Tensor { x.map { $0.squareRoot() } }
/// The sine elementwise (radians).
public func sin(_ x: Tensor) -> Tensor { x.map { libmSin($0) } }
/// The cosine elementwise (radians).
public func cos(_ x: Tensor) -> Tensor { x.map { libmCos($0) } }
/// The tangent elementwise (radians).
public func tan(_ x: Tensor) -> Tensor { x.map { libmTan($0) } }
/// The hyperbolic tangent elementwise.
public func tanh(_ x: Tensor) -> Tensor { x.map { libmTanh($0) } }
/// Each element raised to a constant power c: xᶜ (C's `pow`, so 0⁰ = 1).
public func pow(_ x: Tensor, _ c: Double) -> Tensor { x.map { libmPow($0, c) } }
/// A constant c raised to each element: cʸ.
public func pow(_ c: Double, _ y: Tensor) -> Tensor { y.map { libmPow(c, $0) } }
/// xʸ elementwise, broadcasting the shapes.
///
/// - Precondition: the shapes are broadcast-compatible.
public func pow(_ x: Tensor, _ y: Tensor) -> Tensor { Tensor.elementwise(x, y, "pow") { libmPow($0, $1) } }
/// |x| elementwise.
public func abs(_ x: Tensor) -> Tensor { x.map { Swift.abs($0) } }

/// The elementwise minimum, broadcasting the shapes (NaN if either element is NaN).
///
/// - Precondition: the shapes are broadcast-compatible.
public func min(_ x: Tensor, _ y: Tensor) -> Tensor {
  Tensor.elementwise(x, y, "min") { nanPropagatingMin($0, $1) }
}
/// The elementwise maximum, broadcasting the shapes (NaN if either element is NaN).
///
/// - Precondition: the shapes are broadcast-compatible.
public func max(_ x: Tensor, _ y: Tensor) -> Tensor {
  Tensor.elementwise(x, y, "max") { nanPropagatingMax($0, $1) }
}
/// The elementwise minimum of x and a constant.
public func min(_ x: Tensor, _ c: Double) -> Tensor { min(x, Tensor(c)) }
/// The elementwise maximum of x and a constant.
public func max(_ x: Tensor, _ c: Double) -> Tensor { max(x, Tensor(c)) }

// MARK: Activations

/// max(x, 0) elementwise; NaN stays NaN, as on the scalar side.
public func relu(_ x: Tensor) -> Tensor { x.map { reluValue($0) } }
/// x for x > 0, slope·x otherwise, elementwise.
public func leakyRelu(_ x: Tensor, slope: Double = 0.01) -> Tensor { x.map { leakyReluValue($0, slope) } }
/// The logistic function 1 / (1 + e^−x) elementwise, without overflow for any finite x.
public func sigmoid(_ x: Tensor) -> Tensor { x.map { stableSigmoid($0) } }
/// log(1 + e^x) elementwise, computed as max(x, 0) + log1p(e^−|x|): no overflow, no loss of precision.
public func softplus(_ x: Tensor) -> Tensor { x.map { stableSoftplus($0) } }
