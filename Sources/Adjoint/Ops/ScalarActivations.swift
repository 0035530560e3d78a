// Activation functions of scalar variables, each followed by its derivative rule (generic: the same rule
// serves Double, Variable<Double> and tensor variables, Ops/TensorActivations.swift). The convention at
// every kink is decided here once, and listed in Docs/Operations.md. A NaN input gives a NaN value and a
// NaN derivative.

/// max(x, 0); NaN stays NaN. Derivative: 1 for x > 0, and 0 for x ≤ 0 (relu′(0) = 0, as in PyTorch).
@inlinable public func relu(_ x: consuming Variable<Double>) -> Variable<Double> {
  x.recordUnary(.relu, value: reluValue(x.value))
}
/// x for x > 0, slope·x otherwise. Derivative: 1 for x > 0, `slope` for x ≤ 0.
@inlinable public func leakyRelu(_ x: Variable<Double>, slope: Double = 0.01) -> Variable<Double> {
  x.recordUnary(.leakyRelu, aux: slope, value: leakyReluValue(x.value, slope))
}
/// The logistic function 1 / (1 + e^−x), computed without overflow for any finite x.
/// Derivative: σ(x)·(1 − σ(x)).
@inlinable public func sigmoid(_ x: consuming Variable<Double>) -> Variable<Double> {
  x.recordUnary(.sigmoid, value: stableSigmoid(x.value))
}
/// log(1 + e^x), computed as max(x, 0) + log1p(e^−|x|) so that large x neither overflows nor loses
/// precision. Derivative: σ(x).
@inlinable public func softplus(_ x: consuming Variable<Double>) -> Variable<Double> {
  x.recordUnary(.softplus, value: stableSoftplus(x.value))
}
/// log σ(x) = −softplus(−x), finite for every finite x (PyTorch's `logsigmoid`). Derivative: σ(−x).
@inlinable public func logSigmoid(_ x: consuming Variable<Double>) -> Variable<Double> {
  x.recordUnary(.logSigmoid, value: logSigmoidValue(x.value))
}
/// The exponential linear unit: x for x > 0, α(eˣ − 1) otherwise. Derivative: 1 for x > 0, α·eˣ = out + α
/// for x ≤ 0 (elu′(0) = α, PyTorch's convention).
@inlinable public func elu(_ x: Variable<Double>, alpha: Double = 1) -> Variable<Double> {
  x.recordUnary(.elu, aux: alpha, value: eluValue(x.value, alpha))
}
/// The Gaussian error linear unit x·Φ(x), with Φ the standard normal distribution function.
///
/// - `.exact`: Φ(x) = erfc(−x/√2)/2. Derivative: Φ(x) + x·φ(x), φ the normal density.
/// - `.tanh`: the approximation ½x(1 + tanh(√(2/π)(x + 0.044715x³))) (PyTorch's `approximate="tanh"`),
///   differentiated as written.
@inlinable public func gelu(_ x: Variable<Double>, approximation: GELUApproximation = .exact) -> Variable<Double> {
  switch approximation {
  case .exact: return x.recordUnary(.gelu, value: geluValue(x.value))
  case .tanh: return x.recordUnary(.geluTanh, value: geluTanhValue(x.value))
  }
}
/// The sigmoid linear unit x·σ(x) (also called swish). Derivative: σ(x)·(1 + x·(1 − σ(x))).
@inlinable public func silu(_ x: consuming Variable<Double>) -> Variable<Double> {
  x.recordUnary(.silu, value: siluValue(x.value))
}
/// The swish activation x·σ(x): the same function as `silu(_:)`.
@inlinable public func swish(_ x: consuming Variable<Double>) -> Variable<Double> { silu(x) }

/// Which form of GELU to compute.
public enum GELUApproximation: Sendable {
  /// x·Φ(x) with the error function (PyTorch's default, `approximate="none"`).
  case exact
  /// The tanh approximation of Hendrycks & Gimpel (PyTorch's `approximate="tanh"`).
  case tanh
}

// The forward values, shared by the scalar and the tensor functions.
@inlinable func reluValue(_ x: Double) -> Double { x <= 0 ? 0 : x }
@inlinable func leakyReluValue(_ x: Double, _ slope: Double) -> Double { x > 0 ? x : slope * x }
@inlinable func logSigmoidValue(_ x: Double) -> Double { -stableSoftplus(-x) }
@inlinable func eluValue(_ x: Double, _ alpha: Double) -> Double { x > 0 ? x : alpha * libmExpm1(x) }
/// x·Φ(x), with the strong zero at x = −∞ (where Φ = 0). Φ(x) = erfc(z)/2 at z = −x/√2; the rounding error
/// dz of z, which erfc amplifies by about 2z² in relative terms (800 ulps at x = −28), is corrected to first
/// order: erfc(z + dz) ≈ erfc(z) − dz·(2/√π)·e^(−z²).
@inlinable func geluValue(_ x: Double) -> Double {
  let z = -x * 0.7071067811865476
  // dz = −x/√2 − z exactly to first order: the product's rounding error (by fused multiply-add) plus the
  // error of 1/√2's rounding (1/√2 − 0.7071067811865476 = −4.833646656726457e-17, from mpmath).
  let dz = (-z).addingProduct(-x, 0.7071067811865476) + -x * -4.833646656726457e-17
  let p = 0.5 * (libmErfc(z) - dz * 1.1283791670955126 * libmExp(-z * z))  // erfc′(z) = −(2/√π)·e^(−z²)
  return p == 0 ? 0 : x * p
}
@inlinable func geluTanhValue(_ x: Double) -> Double {
  let h = 0.5 * (1 + libmTanh(0.7978845608028654 * (x + 0.044715 * x * x * x)))
  return h == 0 ? 0 : x * h
}
@inlinable func siluValue(_ x: Double) -> Double {
  let s = stableSigmoid(x)
  return s == 0 ? 0 : x * s
}
/// A piecewise derivative's weight `m`, or NaN at a NaN input. (`x != x` rather than `x.isNaN`: the same
/// test, but one the tensor kernels' loops vectorize.)
@inlinable func weight(_ m: Double, at x: Double) -> Double { x != x ? .nan : m }

extension ScalarRule {
  @inlinable static func relu<S: DerivativeRuleMath>(_ v: S, _ a: ScalarOperands<S>) -> S {
    S.strongZeroProduct(v, weightedBy: a.x) { weight($0 > 0 ? 1 : 0, at: $0) }
  }
  @inlinable static func leakyRelu<S: DerivativeRuleMath>(_ v: S, _ a: ScalarOperands<S>) -> S {
    let slope = a.aux
    return S.strongZeroProduct(v, weightedBy: a.x) { weight($0 > 0 ? 1 : slope, at: $0) }
  }
  @inlinable static func sigmoid<S: DerivativeRuleMath>(_ v: S, _ a: ScalarOperands<S>) -> S {
    S.strongZeroProduct(v, a.out * (1 - a.out))
  }
  @inlinable static func softplus<S: DerivativeRuleMath>(_ v: S, _ a: ScalarOperands<S>) -> S {
    S.strongZeroProduct(v, S.sigmoid(a.x))
  }
  @inlinable static func logSigmoid<S: DerivativeRuleMath>(_ v: S, _ a: ScalarOperands<S>) -> S {
    S.strongZeroProduct(v, S.sigmoid(-a.x))
  }
  /// 1 for x > 0 plus (out + α) for x ≤ 0; out + α = α·eˣ there, so it differentiates to α·eˣ again.
  @inlinable static func elu<S: DerivativeRuleMath>(_ v: S, _ a: ScalarOperands<S>) -> S {
    let positive = S.locallyConstant(a.x) { weight($0 > 0 ? 1 : 0, at: $0) }
    let negative = S.locallyConstant(a.x) { $0 > 0 ? 0 : 1 }
    return S.strongZeroProduct(v, positive + S.strongZeroProduct(negative, a.out + a.aux))
  }
  @inlinable static func gelu<S: DerivativeRuleMath>(_ v: S, _ a: ScalarOperands<S>) -> S {
    let cdf = S.erfc(a.x * -0.7071067811865476) * 0.5
    let density = S.exp(S.square(a.x) * -0.5) * 0.3989422804014327
    return S.strongZeroProduct(v, cdf + S.strongZeroProduct(a.x, density))
  }
  @inlinable static func geluTanh<S: DerivativeRuleMath>(_ v: S, _ a: ScalarOperands<S>) -> S {
    let (k, c) = (0.7978845608028654, 0.044715)
    let x2 = S.square(a.x)
    let t = S.tanh((a.x + a.x * x2 * c) * k)
    let slope = S.strongZeroProduct(1 - t * t, (x2 * (3 * c) + 1) * k)
    return S.strongZeroProduct(v, (t + 1) * 0.5 + S.strongZeroProduct(a.x * 0.5, slope))
  }
  @inlinable static func silu<S: DerivativeRuleMath>(_ v: S, _ a: ScalarOperands<S>) -> S {
    let s = S.sigmoid(a.x)
    return S.strongZeroProduct(v, s + S.strongZeroProduct(a.x, s * (1 - s)))
  }
}
