internal import CAdjointKernels

/// sin(x) and cos(x) from one call to the C library's `sincos` (on glibc it costs about one `sin`, and each
/// result is bit for bit the one `sin` or `cos` alone returns: `ScalarCachedFactorTests`).
///
/// The scalar `sin` and `cos` use it to record, beside their value, the other function, which their
/// derivative rule needs: the first-order sweep then reads it from the node (`ScalarOperands.factor`)
/// instead of calling `cos` or `sin` again.
///
/// Not inlinable: the C module is imported internally; the call it adds is a few cycles next to `sincos`.
@usableFromInline
func libmSinCos(_ x: Double) -> (sin: Double, cos: Double) {
  var s = 0.0
  var c = 0.0
  adjoint_sincos(x, &s, &c)
  return (s, c)
}
