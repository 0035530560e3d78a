// The rows of the elementwise functions added with the one-rule mechanism (issue 8): log1p, expm1, the
// error and gamma families, inverse trigonometric and hyperbolic functions, atan2, hypot, square, cbrt,
// logSigmoid, elu, gelu, silu, and the piecewise-constant floor, ceil, round, sign — on scalars (first,
// second and, for the gamma chain, third order) and on tensors (scalars, vectors, matrices, broadcast
// pairs, second order). Domains reach towards the edges (atanh near ±1, lgamma and digamma between poles).

private let unary: [[[Int]]] = [[[]], [[5]], [[3, 4]]]
private let broadcastPairs: [[[Int]]] = [[[3, 4], [3, 4]], [[], [5]], [[3, 4], [4]], [[3, 1], [3, 4]], [[2, 1, 4], [3, 1]]]

extension GradientCheckCatalog {
  /// Every row of the elementwise functions: scalar rows, their second-order rows, third-order rows of the
  /// gamma chain, tensor rows and tensor second-order rows.
  public static let elementwiseFunctions: [GradientCheckCase] =
    elementwiseScalarRows + elementwiseScalarRows.map(scalarSecondOrder) + gammaChainThirdOrder
    + elementwiseTensorRows + elementwiseTensorSecondOrder

  static let elementwiseScalarRows: [GradientCheckCase] = [
    .init("log1p(x)", arity: 1, in: [-0.9...3]) { v in log1p(v[0]) },
    .init("expm1(x)", arity: 1, in: [-3...3]) { v in expm1(v[0]) },
    .init("erf(x)", arity: 1, in: [-2.5...2.5]) { v in erf(v[0]) },
    .init("erfc(x)", arity: 1, in: [-2.5...2.5]) { v in erfc(v[0]) },
    .init("lgamma(x), x > 0", arity: 1, in: [0.05...8]) { v in lgamma(v[0]) },
    .init("lgamma(x), -3 < x < -2", arity: 1, in: [-2.95 ... -2.05]) { v in lgamma(v[0]) },
    .init("digamma(x), x > 0", arity: 1, in: [0.2...8]) { v in digamma(v[0]) },
    .init("digamma(x), -2 < x < -1", arity: 1, in: [-1.9 ... -1.1]) { v in digamma(v[0]) },
    .init("trigamma(x)", arity: 1, in: [0.3...6]) { v in trigamma(v[0]) },
    .init("polygamma(2, x)", arity: 1, in: [0.5...5]) { v in polygamma(2, v[0]) },
    .init("polygamma(3, x), -1 < x < 0", arity: 1, in: [-0.8 ... -0.2]) { v in polygamma(3, v[0]) },
    .init("asin(x)", arity: 1, in: [-0.95...0.95]) { v in asin(v[0]) },
    .init("acos(x)", arity: 1, in: [-0.95...0.95]) { v in acos(v[0]) },
    .init("atan(x)", arity: 1, in: [-4...4]) { v in atan(v[0]) },
    .init("atan2(y, x)", arity: 2, in: [-2...2], gap: 0.3) { v in atan2(v[0], v[1]) },
    .init("sinh(x)", arity: 1, in: [-3...3]) { v in sinh(v[0]) },
    .init("cosh(x)", arity: 1, in: [-3...3]) { v in cosh(v[0]) },
    .init("asinh(x)", arity: 1, in: [-4...4]) { v in asinh(v[0]) },
    .init("acosh(x)", arity: 1, in: [1.05...5]) { v in acosh(v[0]) },
    .init("atanh(x)", arity: 1, in: [-0.9...0.9]) { v in atanh(v[0]) },
    .init("atanh(x) near 1", arity: 1, in: [0.99...0.999], tolerance: .init(step: 1e-8)) { v in atanh(v[0]) },
    .init("hypot(x, y)", arity: 2, in: [-3...3], gap: 0.2) { v in hypot(v[0], v[1]) },
    .init("square(x)", arity: 1, in: [-3...3]) { v in square(v[0]) },
    .init("cbrt(x), x > 0", arity: 1, in: [0.1...8]) { v in cbrt(v[0]) },
    .init("cbrt(x), x < 0", arity: 1, in: [-8 ... -0.1]) { v in cbrt(v[0]) },
    .init("logSigmoid(x)", arity: 1, in: [-8...8]) { v in logSigmoid(v[0]) },
    .init("elu(x), x > 0", arity: 1, in: [0.1...3]) { v in elu(v[0]) },
    .init("elu(x, alpha: 0.5), x < 0", arity: 1, in: [-3 ... -0.1]) { v in elu(v[0], alpha: 0.5) },
    .init("gelu(x)", arity: 1, in: [-4...4]) { v in gelu(v[0]) },
    .init("gelu(x, approximation: .tanh)", arity: 1, in: [-4...4]) { v in gelu(v[0], approximation: .tanh) },
    .init("silu(x)", arity: 1, in: [-6...6]) { v in silu(v[0]) },
    .init("swish(x) * x", arity: 1, in: [-3...3]) { v in swish(v[0]) * v[0] },
    .init("floor(x) * x", arity: 1, in: [0.1...0.9]) { v in floor(v[0] + 2) * v[0] },
    .init("ceil(x) * x", arity: 1, in: [1.1...1.9]) { v in ceil(v[0]) * v[0] },
    .init("round(x) * x", arity: 1, in: [2.1...2.4]) { v in round(v[0]) * v[0] },
    .init("sign(x) * x", arity: 1, in: [-3 ... -0.1]) { v in sign(v[0]) * v[0] },
    // Generic code over ScalarMath with the functions ScalarMath gained.
    .init("generic ScalarMath: atan2, hypot, min, max, abs, tan", arity: 2, in: [0.3...1.2]) { v in
      genericElementwise(v[0], v[1])
    },
  ]

  /// A function written once against `ScalarMath`, for the row above.
  static func genericElementwise<T: ScalarMath>(_ x: T, _ y: T) -> T {
    T.atan2(y, x) * T.hypot(x, y) + T.min(x, y) * T.max(x, y) + T.abs(x - y) * T.tan(x) + T.lgamma(x + 1)
  }

  /// d³/dx³ of lgamma, digamma and trigamma: a recorded second derivative differentiated once more.
  static let gammaChainThirdOrder: [GradientCheckCase] = [
    thirdOrder("lgamma", 0.5...6) { lgamma($0) },
    thirdOrder("digamma", 0.5...6) { digamma($0) },
    thirdOrder("trigamma", 0.5...6) { trigamma($0) },
    thirdOrder("gelu", -3...3) { gelu($0) },
  ]

  /// The row d³f/dx³: a recorded second derivative, differentiated once more by the check.
  static func thirdOrder(
    _ name: String, _ range: ClosedRange<Double>, _ f: @escaping @Sendable (Variable<Double>) -> Variable<Double>
  ) -> GradientCheckCase {
    GradientCheckCase("∇∇ \(name)", arity: 1, in: [range]) { v in
      gradient(at: v[0]) { x in gradient(at: x, in: f) }
    }
  }

  static let elementwiseTensorRows: [GradientCheckCase] = [
    .init("log1p", shapeSets: unary, in: [-0.9...3]) { log1p($0[0]) },
    .init("expm1", shapeSets: unary) { expm1($0[0]) },
    .init("erf", shapeSets: unary) { erf($0[0]) },
    .init("erfc", shapeSets: unary) { erfc($0[0]) },
    .init("lgamma", shapeSets: unary, in: [0.1...6]) { lgamma($0[0]) },
    .init("digamma", shapeSets: unary, in: [0.3...6]) { digamma($0[0]) },
    .init("trigamma", shapeSets: unary, in: [0.3...6]) { trigamma($0[0]) },
    .init("polygamma(2, x)", shapeSets: unary, in: [0.5...5]) { polygamma(2, $0[0]) },
    .init("asin", shapeSets: unary, in: [-0.9...0.9]) { asin($0[0]) },
    .init("acos", shapeSets: unary, in: [-0.9...0.9]) { acos($0[0]) },
    .init("atan", shapeSets: unary, in: [-3...3]) { atan($0[0]) },
    .init("atan2(y, x)", shapeSets: broadcastPairs, gap: 0.3) { atan2($0[0], $0[1]) },
    .init("sinh", shapeSets: unary) { sinh($0[0]) },
    .init("cosh", shapeSets: unary) { cosh($0[0]) },
    .init("asinh", shapeSets: unary, in: [-3...3]) { asinh($0[0]) },
    .init("acosh", shapeSets: unary, in: [1.1...4]) { acosh($0[0]) },
    .init("atanh", shapeSets: unary, in: [-0.9...0.9]) { atanh($0[0]) },
    .init("hypot(x, y)", shapeSets: broadcastPairs, gap: 0.2) { hypot($0[0], $0[1]) },
    .init("square", shapeSets: unary) { square($0[0]) },
    .init("cbrt", shapeSets: unary, in: [0.2...5]) { cbrt($0[0]) },
    .init("logSigmoid", shapeSets: unary, in: [-6...6]) { logSigmoid($0[0]) },
    .init("elu", shapeSets: unary, gap: 0.05) { elu($0[0]) },
    .init("elu(alpha: 0.5)", shapeSets: unary, gap: 0.05) { elu($0[0], alpha: 0.5) },
    .init("gelu", shapeSets: unary, in: [-3...3]) { gelu($0[0]) },
    .init("gelu(approximation: .tanh)", shapeSets: unary, in: [-3...3]) { gelu($0[0], approximation: .tanh) },
    .init("silu", shapeSets: unary, in: [-5...5]) { silu($0[0]) },
    .init("swish", shapeSets: unary, in: [-5...5]) { swish($0[0]) },
    .init("floor(x) * x", shapeSets: unary, in: [0.1...0.9]) { floor($0[0]) * $0[0] + $0[0] },
    .init("ceil(x) * x", shapeSets: unary, in: [1.1...1.9]) { ceil($0[0]) * $0[0] },
    .init("round(x) * x", shapeSets: unary, in: [2.1...2.4]) { round($0[0]) * $0[0] },
    .init("sign(x) * x", shapeSets: unary, in: [-3...3], gap: 0.1) { sign($0[0]) * $0[0] },
  ]

  static let elementwiseTensorSecondOrder: [GradientCheckCase] = [
    tensorSecondOrderRow("log1p", 0.0...2.0) { log1p($0) },
    tensorSecondOrderRow("expm1", -2.0...2.0) { expm1($0) },
    tensorSecondOrderRow("erf", -2.0...2.0) { erf($0) },
    tensorSecondOrderRow("erfc", -2.0...2.0) { erfc($0) },
    tensorSecondOrderRow("lgamma", 0.5...5.0) { lgamma($0) },
    tensorSecondOrderRow("digamma", 0.5...5.0) { digamma($0) },
    tensorSecondOrderRow("trigamma", 0.5...5.0) { trigamma($0) },
    tensorSecondOrderRow("asin, acos", -0.8...0.8) { asin($0) * acos($0) },
    tensorSecondOrderRow("atan", -2.0...2.0) { atan($0) },
    tensorSecondOrderRow("sinh, cosh", -2.0...2.0) { sinh($0) * cosh($0) },
    tensorSecondOrderRow("asinh", -2.0...2.0) { asinh($0) },
    tensorSecondOrderRow("acosh", 1.2...3.0) { acosh($0) },
    tensorSecondOrderRow("atanh", -0.8...0.8) { atanh($0) },
    tensorSecondOrderRow("square, cbrt", 0.3...3.0) { square($0) * cbrt($0) },
    tensorSecondOrderRow("logSigmoid", -4.0...4.0) { logSigmoid($0) },
    tensorSecondOrderRow("elu * x", -3.0 ... -0.1) { elu($0) * $0 },
    tensorSecondOrderRow("gelu", -3.0...3.0) { gelu($0) },
    tensorSecondOrderRow("gelu tanh", -3.0...3.0) { gelu($0, approximation: .tanh) },
    tensorSecondOrderRow("silu", -4.0...4.0) { silu($0) },
    .init("∇ atan2, hypot in both", shapeSets: [[[3, 4], [4]]], gap: 0.3) { v in
      let gx = gradient(at: v[0]) { (atan2($0, v[1]) * hypot($0, v[1])).sum() }
      let gy = gradient(at: v[1]) { (atan2(v[0], $0) * hypot(v[0], $0)).sum() }
      return gx + gy
    },
  ]

  /// The row ∇(Σ f(x)) at a vector: the recorded gradient of f, differentiated again by the check.
  static func tensorSecondOrderRow(
    _ name: String, _ range: ClosedRange<Double>, _ f: @escaping @Sendable (Variable<Tensor>) -> Variable<Tensor>
  ) -> GradientCheckCase {
    GradientCheckCase("∇ \(name)", shapeSets: [[[5]]], in: [range]) { v in gradient(at: v[0]) { f($0).sum() } }
  }
}
