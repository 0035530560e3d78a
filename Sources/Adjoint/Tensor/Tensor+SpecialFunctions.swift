// Elementwise functions of tensor values beyond the elementary ones of Tensor+Elementwise.swift: each applies
// the scalar function of the same name (the C library's where it has it) to every element, so tensor and
// scalar values agree bit for bit, NaN and ±∞ included.

/// e^x − 1 elementwise.
public func expm1(_ x: Tensor) -> Tensor { x.map { libmExpm1($0) } }
/// ln(1 + x) elementwise.
public func log1p(_ x: Tensor) -> Tensor { x.map { libmLog1p($0) } }
/// The real cube root elementwise.
public func cbrt(_ x: Tensor) -> Tensor { x.map { libmCbrt($0) } }
/// x² elementwise.
public func square(_ x: Tensor) -> Tensor { x.map { $0 * $0 } }
/// √(x² + y²) elementwise, broadcasting the shapes.
///
/// - Precondition: the shapes are broadcast-compatible.
public func hypot(_ x: Tensor, _ y: Tensor) -> Tensor { Tensor.elementwise(x, y, "hypot") { libmHypot($0, $1) } }
/// The arcsine elementwise.
public func asin(_ x: Tensor) -> Tensor { x.map { libmAsin($0) } }
/// The arccosine elementwise.
public func acos(_ x: Tensor) -> Tensor { x.map { libmAcos($0) } }
/// The arctangent elementwise.
public func atan(_ x: Tensor) -> Tensor { x.map { libmAtan($0) } }
/// The angle of the points (x, y) elementwise (C's `atan2(y, x)`), broadcasting the shapes.
///
/// - Precondition: the shapes are broadcast-compatible.
public func atan2(_ y: Tensor, _ x: Tensor) -> Tensor { Tensor.elementwise(y, x, "atan2") { libmAtan2($0, $1) } }
/// The hyperbolic sine elementwise.
public func sinh(_ x: Tensor) -> Tensor { x.map { libmSinh($0) } }
/// The hyperbolic cosine elementwise.
public func cosh(_ x: Tensor) -> Tensor { x.map { libmCosh($0) } }
/// The inverse hyperbolic sine elementwise.
public func asinh(_ x: Tensor) -> Tensor { x.map { libmAsinh($0) } }
/// The inverse hyperbolic cosine elementwise.
public func acosh(_ x: Tensor) -> Tensor { x.map { libmAcosh($0) } }
/// The inverse hyperbolic tangent elementwise.
public func atanh(_ x: Tensor) -> Tensor { x.map { libmAtanh($0) } }
/// The error function elementwise.
public func erf(_ x: Tensor) -> Tensor { x.map { libmErf($0) } }
/// The complementary error function elementwise.
public func erfc(_ x: Tensor) -> Tensor { x.map { libmErfc($0) } }
/// ln |Γ(x)| elementwise.
public func lgamma(_ x: Tensor) -> Tensor { x.map { libmLgamma($0) } }
/// The digamma function elementwise.
public func digamma(_ x: Tensor) -> Tensor { x.map { Polygamma.digamma($0) } }
/// The trigamma function elementwise.
public func trigamma(_ x: Tensor) -> Tensor { polygamma(1, x) }
/// The polygamma function ψ⁽ⁿ⁾ elementwise (n = 0 is digamma).
///
/// - Precondition: n ≥ 0.
public func polygamma(_ n: Int, _ x: Tensor) -> Tensor {
  checkPrecondition(n >= 0, "polygamma: order n = \(n) must be at least 0, for a tensor of shape \(x.shape)")
  return x.map { Polygamma.polygamma(n, $0) }
}
/// log σ(x) elementwise, finite for every finite x.
public func logSigmoid(_ x: Tensor) -> Tensor { x.map { logSigmoidValue($0) } }
/// x for x > 0, α(eˣ − 1) otherwise, elementwise.
public func elu(_ x: Tensor, alpha: Double = 1) -> Tensor { x.map { eluValue($0, alpha) } }
/// x·Φ(x) elementwise, exact or with the tanh approximation.
public func gelu(_ x: Tensor, approximation: GELUApproximation = .exact) -> Tensor {
  switch approximation {
  case .exact: return x.map { geluValue($0) }
  case .tanh: return x.map { geluTanhValue($0) }
  }
}
/// x·σ(x) elementwise.
public func silu(_ x: Tensor) -> Tensor { x.map { siluValue($0) } }
/// The largest integer ≤ x, elementwise.
public func floor(_ x: Tensor) -> Tensor { x.map { $0.rounded(.down) } }
/// The smallest integer ≥ x, elementwise.
public func ceil(_ x: Tensor) -> Tensor { x.map { $0.rounded(.up) } }
/// x rounded to the nearest integer elementwise, halves away from zero.
public func round(_ x: Tensor) -> Tensor { x.map { $0.rounded() } }
/// −1, 0 or 1 by the sign of each element (±0 for ±0, NaN for NaN).
public func sign(_ x: Tensor) -> Tensor { x.map { signValue($0) } }
