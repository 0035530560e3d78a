// Single-pass loops for the work that elementwise pullbacks do on every backward pass: the strong-zero
// product of an adjoint with a weight computed from an input's value (relu, leaky relu, abs), and the test
// for infinite values that the overflow exception needs. They compute exactly what the compositions they
// replace compute (`strongZeroProduct(v, x.map(weight))`, `contains { $0.isInfinite }`), without the
// intermediate tensor or the per-element branches, so that the loops vectorize.

extension Tensor {
  /// a ⊙ weight(x) elementwise with the strong zero — 0 wherever aᵢ = 0 or weight(xᵢ) = 0, aᵢ·weight(xᵢ)
  /// elsewhere — in one pass: the same values as `strongZeroProduct(a, x.map(weight))`, without making
  /// the weight tensor.
  ///
  /// - Precondition: `a` and `x` have the same shape.
  /// - Complexity: O(count), one pass, one allocation.
  @inline(__always)
  static func strongZeroProduct(_ a: Tensor, weightedBy x: Tensor, _ weight: (Double) -> Double) -> Tensor {
    checkPrecondition(
      a.shape == x.shape, "strongZeroProduct(_:weightedBy:): shapes \(a.shape) and \(x.shape) differ")
    guard !a.shape.isEmpty else { return strongZeroProduct(a, x.map(weight)) }
    let (av, xv) = (a.storageBuffer, x.storageBuffer)
    let result = TensorBuffer(uninitializedCount: av.count)
    withExtendedLifetime((av, xv)) {
      let (p, q, r) = (av.base, xv.base, result.base)
      for i in 0..<result.count {
        let (v, w) = (p[i], weight(q[i]))
        r[i] = strongZeroProductValue(v, w)
      }
    }
    return Tensor(shape: a.shape, buffer: result)
  }

  /// a·b, or 0 where a or b is 0, as two selects on computed values: the short-circuit form
  /// `a == 0 || b == 0 ? 0 : a * b` becomes branches, which keep the loops that use it from vectorizing (and
  /// mispredict on relu masks, where half the weights are 0 in no pattern).
  @inline(__always)
  static func strongZeroProductValue(_ a: Double, _ b: Double) -> Double {
    let product = b == 0 ? 0 : a * b
    return a == 0 ? 0 : product
  }

  /// Whether any element is +∞ or −∞.
  ///
  /// A first pass looks for an all-ones exponent (an infinity or a NaN) with integer arithmetic only, which
  /// vectorizes and has no branch per element; only when it finds one does a second pass tell infinities from
  /// NaNs. The common case — all finite — is a single pass.
  ///
  /// - Complexity: O(count).
  var containsInfinity: Bool {
    withUnsafeBufferPointer { b in
      // (bits & exponent) + (1 << 52) sets the sign bit exactly when the exponent field is all ones.
      let exponent: UInt64 = 0x7FF0_0000_0000_0000
      var any: UInt64 = 0
      for x in b { any |= (x.bitPattern & exponent) &+ 0x0010_0000_0000_0000 }
      guard any & 0x8000_0000_0000_0000 != 0 else { return false }
      return b.contains { $0.isInfinite }
    }
  }
}
