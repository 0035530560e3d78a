// Shape sets for the rows below: a scalar, a vector and a matrix; a rank-3 tensor; and inputs drawn as exact
// zeros (the range 0...0), concatenated with drawn values so that a product holds one zero or two.
private let unary: [[[Int]]] = [[[]], [[5]], [[3, 4]]]
private let vectorAndMatrix: [[[Int]]] = [[[5]], [[3, 4]]]
private let matrix: [[[Int]]] = [[[3, 4]]]
private let rank3: [[[Int]]] = [[[2, 3, 4]]]
private let withZeros: [ClosedRange<Double>] = [-2...2, 0...0]

extension GradientCheckCatalog {
  /// The reductions, selection and indexing operations of `Ops/TensorStatistics.swift`,
  /// `Ops/TensorSelection.swift` and `Ops/TensorIndexing.swift`, first and second order: products (with
  /// zeros in the input), variance and standard deviation (with corrections), p-norms, cumulative sums, the
  /// whole-tensor log-sum-exp, `select(where:)` in front of functions that are NaN or infinite on the branch
  /// not taken, element, row and range subscripts, and gathering rows with its scatter-add.
  ///
  /// Ties (of a maximum, of the ∞-norm) are kept off by continuous draws; their conventions are tested with
  /// explicit values. A product's derivative is exact at a zero (it is multilinear), so central differences
  /// check it there.
  public static let reductionsAndIndexing: [GradientCheckCase] =
    statisticsFirstOrder + indexingFirstOrder + reductionsAndIndexingSecondOrder

  static let statisticsFirstOrder: [GradientCheckCase] = [
    .init("prod()", shapeSets: unary) { $0[0].prod() },
    .init("prod(alongAxes: [1])", shapeSets: [[[3, 4]], [[3, 5]]]) { $0[0].prod(alongAxes: [1]) },
    .init("prod(alongAxes: [0], keeping)", shapeSets: matrix) { $0[0].prod(alongAxes: [0], keepingDimensions: true) },
    .init("prod(alongAxes: [0, 2])", shapeSets: rank3) { $0[0].prod(alongAxes: [0, 2]) },
    .init("prod(alongAxes: [-1]) of x + y", shapeSets: [[[3, 4], [4]], [[3, 4], [3, 1]]]) {
      ($0[0] + $0[1]).prod(alongAxes: [-1])
    },
    .init("prod() with one zero", shapeSets: [[[4], [1]]], in: withZeros) { Variable(concatenating: $0).prod() },
    .init("prod() with two zeros", shapeSets: [[[3], [2]]], in: withZeros) { Variable(concatenating: $0).prod() },
    .init("prod(alongAxes: [1]), a zero per row", shapeSets: [[[3, 4], [3, 1]]], in: withZeros) {
      Variable(concatenating: $0, alongAxis: 1).prod(alongAxes: [1])
    },
    .init("variance()", shapeSets: vectorAndMatrix) { $0[0].variance() },
    .init("variance(correction: 1)", shapeSets: vectorAndMatrix) { $0[0].variance(correction: 1) },
    .init("variance(alongAxes: [1]), correction 1", shapeSets: matrix) { $0[0].variance(alongAxes: [1], correction: 1) },
    .init("variance(alongAxes: [0, 2], keeping)", shapeSets: rank3) {
      $0[0].variance(alongAxes: [0, 2], keepingDimensions: true)
    },
    .init("variance(alongAxes: [0]) of x * y", shapeSets: [[[3, 4], [4]]]) {
      ($0[0] * $0[1]).variance(alongAxes: [0])
    },
    .init("standardDeviation()", shapeSets: vectorAndMatrix) { $0[0].standardDeviation() },
    .init("standardDeviation(correction: 1)", shapeSets: vectorAndMatrix) { $0[0].standardDeviation(correction: 1) },
    .init("standardDeviation along -1, keeping", shapeSets: [[[3, 4]], [[2, 3, 4]]]) {
      $0[0].standardDeviation(alongAxes: [-1], correction: 1, keepingDimensions: true)
    },
    .init("norm()", shapeSets: unary, gap: 0.05) { $0[0].norm() },
    .init("norm(order: 1)", shapeSets: unary, gap: 0.05) { $0[0].norm(order: 1) },
    .init("norm(order: 3)", shapeSets: unary, gap: 0.05) { $0[0].norm(order: 3) },
    .init("norm(order: 1.5)", shapeSets: vectorAndMatrix, gap: 0.05) { $0[0].norm(order: 1.5) },
    .init("norm(order: .infinity)", shapeSets: vectorAndMatrix, gap: 0.05) { $0[0].norm(order: .infinity) },
    .init("norm(alongAxes: [1])", shapeSets: matrix) { $0[0].norm(alongAxes: [1]) },
    .init("norm(order: 3) along [0, 2], keeping", shapeSets: rank3, gap: 0.05) {
      $0[0].norm(order: 3, alongAxes: [0, 2], keepingDimensions: true)
    },
    .init("norm(alongAxes: [-1]) of x - y", shapeSets: [[[3, 4], [4]]]) {
      ($0[0] - $0[1]).norm(alongAxes: [-1])
    },
    .init("cumulativeSum(alongAxis: 0)", shapeSets: vectorAndMatrix) { $0[0].cumulativeSum(alongAxis: 0) },
    .init("cumulativeSum(alongAxis: 1)", shapeSets: matrix) { $0[0].cumulativeSum(alongAxis: 1) },
    .init("cumulativeSum(alongAxis: -2, reverse)", shapeSets: rank3) { $0[0].cumulativeSum(alongAxis: -2, reverse: true) },
    .init("logSumExp()", shapeSets: unary, in: [-3...3]) { $0[0].logSumExp() },
    .init("logSumExp() of rank 3", shapeSets: rank3) { $0[0].logSumExp() },
  ]

  static let indexingFirstOrder: [GradientCheckCase] = [
    // Inputs kept off 0 (the mask's edge); the branch not taken would be NaN (sqrt, log) or −∞ there.
    .init("select(where: x .> 0, sqrt(x), 0)", shapeSets: unary, gap: 0.1) { v in
      select(where: v[0] .> 0, sqrt(v[0]), 0)
    },
    .init("select(where: x .> 0, log(x), 0)", shapeSets: unary, gap: 0.1) { v in
      select(where: v[0] .> 0, log(v[0]), 0)
    },
    .init("select(where: x .< y, x, y), broadcast", shapeSets: [[[3, 4], [4]], [[3, 1], [4]]]) { v in
      select(where: v[0] .< v[1], v[0], v[1] * v[1])
    },
    .init("select(where: mask, 2, x)", shapeSets: vectorAndMatrix) { v in
      select(where: Tensor.mask(v[0].value) { $0 < 0.5 }, 2, v[0])
    },
    .init("x[1, -1]", shapeSets: matrix) { $0[0][1, -1] },
    .init("x[-2]", shapeSets: [[[5]], [[3, 4]], [[2, 3, 4]]]) { $0[0][-2] },
    .init("x[1, 2] of rank 3", shapeSets: rank3) { $0[0][1, 2] },
    .init("x[1..<3]", shapeSets: [[[5]], [[3, 4]]]) { $0[0][1..<3] },
    .init("x[1...]", shapeSets: rank3) { $0[0][1...] },
    .init("x[..<2]", shapeSets: matrix) { $0[0][..<2] },
    .init("gathering(rows: [2, 0, 2]), repeated", shapeSets: [[[3]], [[3, 4]], [[3, 2, 2]]]) { $0[0].gathering(rows: [2, 0, 2]) },
    .init("x[rows: [-1, 1, -1, 0]]", shapeSets: [[[3, 4]]]) { $0[0][rows: [-1, 1, -1, 0]] },
    .init("scattering(rows: [1, 0, 1]) into 4", shapeSets: [[[3, 4]], [[3]]]) {
      $0[0].scattering(rows: [1, 0, 1], rowCount: 4)
    },
  ]

  static let reductionsAndIndexingSecondOrder: [GradientCheckCase] = [
    .init("∇ prod()", shapeSets: [[[5]], [[3, 4]]]) { v in gradient(at: v[0]) { $0.prod() } },
    .init("∇ prod(alongAxes: [1])", shapeSets: [[[3, 5]]]) { v in gradient(at: v[0]) { $0.prod(alongAxes: [1]).sum() } },
    // With one zero the second derivative is nonzero only in that zero's row and column; with two, only at
    // the pair of zeros (∂²/∂z₁∂z₂ = the product of the others).
    .init("∇ prod() with one zero", shapeSets: [[[4], [1]]], in: withZeros) { v in
      gradient(at: v[0]) { x in Variable(concatenating: [x, v[1]]).prod() } + gradient(at: v[1]) { z in
        Variable(concatenating: [v[0], z]).prod()
      }.sum()
    },
    .init("∇ prod() with two zeros, in the zeros", shapeSets: [[[3], [2]]], in: withZeros) { v in
      gradient(at: v[1]) { z in Variable(concatenating: [v[0], z]).prod() }
    },
    .init("∇ variance(correction: 1)", shapeSets: matrix) { v in gradient(at: v[0]) { $0.variance(correction: 1) } },
    .init("∇ standardDeviation(alongAxes: [1])", shapeSets: matrix) { v in
      gradient(at: v[0]) { $0.standardDeviation(alongAxes: [1]).sum() }
    },
    .init("∇ norm()", shapeSets: vectorAndMatrix) { v in gradient(at: v[0]) { $0.norm() } },
    .init("∇ norm(order: 3, alongAxes: [1])", shapeSets: matrix, gap: 0.05) { v in
      gradient(at: v[0]) { $0.norm(order: 3, alongAxes: [1]).sum() }
    },
    .init("∇ norm(order: 1.5), squared", shapeSets: [[[5]]], gap: 0.05) { v in
      gradient(at: v[0]) { x in
        let n = x.norm(order: 1.5)
        return n * n
      }
    },
    .init("∇ cumulativeSum, then cubed", shapeSets: matrix) { v in
      gradient(at: v[0]) { x in
        let c = x.cumulativeSum(alongAxis: 1)
        return (c * c * c).sum()
      }
    },
    .init("∇ logSumExp()", shapeSets: matrix) { v in gradient(at: v[0]) { $0.logSumExp() } },
    .init("∇ select(x .> 0, sqrt(x), log(-x))", shapeSets: [[[5]], [[3, 4]]], gap: 0.1) { v in
      gradient(at: v[0]) { x in select(where: x .> 0, sqrt(x), log(-x)).sum() }
    },
    .init("∇ x[1, -1] and x[0], cubed", shapeSets: matrix) { v in
      gradient(at: v[0]) { x in
        let (e, r) = (x[1, -1], x[0])
        return e * e * e + (r * r * r).sum()
      }
    },
    .init("∇ x[1...], cubed", shapeSets: matrix) { v in
      gradient(at: v[0]) { x in
        let s = x[1...]
        return (s * s * s).sum()
      }
    },
    .init("∇ gathering(rows:), repeated, cubed", shapeSets: matrix) { v in
      gradient(at: v[0]) { x in
        let g = x.gathering(rows: [2, 0, 2, -1])
        return (g * g * g).sum()
      }
    },
    .init("∇ scattering(rows:rowCount:), cubed", shapeSets: matrix) { v in
      gradient(at: v[0]) { x in
        let s = x.scattering(rows: [1, 0, 1], rowCount: 2)
        return (s * s * s).sum()
      }
    },
  ]
}
