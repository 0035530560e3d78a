// Shape sets shared by many rows: a scalar, a vector and a matrix; and binary pairs of equal shapes, a
// scalar with a vector, and every way of broadcasting a row, a column or both.
private let unary: [[[Int]]] = [[[]], [[5]], [[3, 4]]]
private let binary: [[[Int]]] = [
  [[3, 4], [3, 4]], [[], [5]], [[3, 4], [4]], [[4], [3, 4]], [[3, 4], [3, 1]], [[3, 1], [3, 4]], [[2, 1, 4], [3, 1]],
]
/// The binary pairs whose result has the left operand's rank (for compound assignment).
private let assignable = binary.filter { $0[0].count >= $0[1].count }
private let matrix: [[[Int]]] = [[[3, 4]]]
private let positive: [ClosedRange<Double>] = [0.5...2]

extension GradientCheckCatalog {
  /// Every tensor primitive of the engine (see `Docs/TensorOperations.md`), at several shapes including
  /// broadcast pairs: arithmetic, compound assignment, elementary functions, activations and piecewise
  /// functions, reductions, the softmax family, shape operations, the four matrix products, and the
  /// compositions a network uses.
  public static let tensorPrimitives: [GradientCheckCase] =
    tensorArithmetic + tensorElementwise + tensorReductions + tensorStructural

  static let tensorArithmetic: [GradientCheckCase] = [
    .init("x + y", shapeSets: binary) { $0[0] + $0[1] },
    .init("x - y", shapeSets: binary) { $0[0] - $0[1] },
    .init("x * y", shapeSets: binary) { $0[0] * $0[1] },
    .init("x / y", shapeSets: binary, in: [-2...2, 0.5...2]) { $0[0] / $0[1] },
    .init("-x", shapeSets: unary) { -$0[0] },
    .init("x + c", shapeSets: unary) { $0[0] + 1.5 },
    .init("c + x", shapeSets: unary) { 1.5 + $0[0] },
    .init("x - c", shapeSets: unary) { $0[0] - 1.5 },
    .init("c - x", shapeSets: unary) { 1.5 - $0[0] },
    .init("x * c", shapeSets: unary) { $0[0] * -2.5 },
    .init("c * x", shapeSets: unary) { -2.5 * $0[0] },
    .init("x / c", shapeSets: unary) { $0[0] / 4 },
    .init("c / x", shapeSets: unary, in: positive) { 3 / $0[0] },
    .init("x -= y; x *= y", shapeSets: assignable) { v in
      var x = v[0]
      x -= v[1]
      x *= v[1]
      return x
    },
    .init("x += y; x /= y", shapeSets: assignable, in: [-2...2, 0.5...2]) { v in
      var x = v[0]
      x += v[1]
      x /= v[1]
      return x
    },
    .init("x += c; x *= c; x -= c; x /= c", shapeSets: unary) { v in
      var x = v[0]
      x += 0.7
      x *= -1.3
      x -= 2
      x /= 3
      return x
    },
    // An operand recorded with Tape.constant(_:) takes part but gets no gradient.
    .init("x * tape.constant(c)", shapeSets: [[[3, 4]]]) { v in
      let c = Tensor(shape: [3, 4], scalars: (0..<12).map { Double($0) / 4 - 1 })
      return v[0] * (v[0].recordingTape?.constant(c) ?? Variable(c))
    },
  ]

  static let tensorElementwise: [GradientCheckCase] = [
    // Elementary functions
    .init("exp", shapeSets: unary) { exp($0[0]) },
    .init("log", shapeSets: unary, in: positive) { log($0[0]) },
    .init("sqrt", shapeSets: unary, in: positive) { sqrt($0[0]) },
    .init("sin", shapeSets: unary, in: [-3...3]) { sin($0[0]) },
    .init("cos", shapeSets: unary, in: [-3...3]) { cos($0[0]) },
    .init("tan", shapeSets: unary, in: [-1.2...1.2]) { tan($0[0]) },
    .init("tanh", shapeSets: unary, in: [-3...3]) { tanh($0[0]) },
    .init("pow(x, 3)", shapeSets: unary) { pow($0[0], 3) },
    .init("pow(x, -1.5)", shapeSets: unary, in: positive) { pow($0[0], -1.5) },
    .init("pow(x, 0)", shapeSets: unary) { pow($0[0], 0) },
    .init("pow(x, y)", shapeSets: binary, in: [0.5...2, -2...2]) { pow($0[0], $0[1]) },
    .init("pow(c, y)", shapeSets: unary) { pow(2.5, $0[0]) },
    // Activations and piecewise functions (inputs kept off the kinks)
    .init("relu", shapeSets: unary, gap: 0.05) { relu($0[0]) },
    .init("leakyRelu", shapeSets: unary, gap: 0.05) { leakyRelu($0[0]) },
    .init("leakyRelu(slope: 0.2)", shapeSets: unary, gap: 0.05) { leakyRelu($0[0], slope: 0.2) },
    .init("sigmoid", shapeSets: unary, in: [-5...5]) { sigmoid($0[0]) },
    .init("softplus", shapeSets: unary, in: [-5...5]) { softplus($0[0]) },
    .init("abs", shapeSets: unary, gap: 0.05) { abs($0[0]) },
    .init("min(x, y)", shapeSets: binary) { min($0[0], $0[1]) },
    .init("max(x, y)", shapeSets: binary) { max($0[0], $0[1]) },
    .init("min(x, c)", shapeSets: unary) { min($0[0], 0.3) },
    .init("max(x, c)", shapeSets: unary) { max($0[0], 0.3) },
    .init("clamped(to:)", shapeSets: unary) { $0[0].clamped(to: -1...1) },
    .init("selecting(where:)", shapeSets: binary) { v in
      let shape = Tensor.broadcastShape(v[0].value.shape, v[1].value.shape) ?? []
      let mask = Tensor(shape: shape, scalars: (0..<shape.reduce(1, *)).map { Double($0 % 2) })
      return Variable.selecting(where: mask, v[0], v[1])
    },
  ]

  static let tensorReductions: [GradientCheckCase] = [
    .init("sum()", shapeSets: unary) { $0[0].sum() },
    .init("sum(alongAxes: [0])", shapeSets: matrix) { $0[0].sum(alongAxes: [0]) },
    .init("sum(alongAxes: [-1], keeping)", shapeSets: matrix) { $0[0].sum(alongAxes: [-1], keepingDimensions: true) },
    .init("sum(alongAxes: [0, 2])", shapeSets: [[[2, 3, 4]]]) { $0[0].sum(alongAxes: [0, 2]) },
    .init("mean()", shapeSets: unary) { $0[0].mean() },
    .init("mean(alongAxes: [1])", shapeSets: [[[3, 4]], [[2, 3, 4]]]) { $0[0].mean(alongAxes: [1]) },
    .init("mean(alongAxes: [0], keeping)", shapeSets: matrix) { $0[0].mean(alongAxes: [0], keepingDimensions: true) },
    .init("max()", shapeSets: unary) { $0[0].max() },
    .init("max(alongAxes: [1])", shapeSets: matrix) { $0[0].max(alongAxes: [1]) },
    .init("max(alongAxes: [0], keeping)", shapeSets: matrix) { $0[0].max(alongAxes: [0], keepingDimensions: true) },
    .init("max(alongAxes: [0, 2])", shapeSets: [[[2, 3, 4]]]) { $0[0].max(alongAxes: [0, 2]) },
    .init("min()", shapeSets: unary) { $0[0].min() },
    .init("min(alongAxes: [1])", shapeSets: matrix) { $0[0].min(alongAxes: [1]) },
    .init("min(alongAxes: [-1], keeping)", shapeSets: [[[2, 3, 4]]]) { $0[0].min(alongAxes: [-1], keepingDimensions: true) },
    .init("summed(toShape: [4])", shapeSets: matrix) { $0[0].summed(toShape: [4]) },
    .init("summed(toShape: [3, 1])", shapeSets: matrix) { $0[0].summed(toShape: [3, 1]) },
    .init("broadcasted(to: [3, 4])", shapeSets: [[[4]], [[3, 1]], [[]]]) { $0[0].broadcasted(to: [3, 4]) },
    // Softmax family
    .init("logSumExp(alongAxis: 1)", shapeSets: matrix, in: [-3...3]) { $0[0].logSumExp(alongAxis: 1) },
    .init("logSumExp(alongAxis: 0, keeping)", shapeSets: [[[3, 4]], [[5]]], in: [-3...3]) {
      $0[0].logSumExp(alongAxis: 0, keepingDimensions: true)
    },
    .init("logSumExp(alongAxis: 1) of rank 3", shapeSets: [[[2, 3, 4]]]) { $0[0].logSumExp(alongAxis: 1) },
    .init("softmax(alongAxis: -1)", shapeSets: [[[3, 4]], [[5]]], in: [-3...3]) { $0[0].softmax(alongAxis: -1) },
    .init("softmax(alongAxis: 0)", shapeSets: matrix, in: [-3...3]) { $0[0].softmax(alongAxis: 0) },
    .init("logSoftmax(alongAxis: 1)", shapeSets: matrix, in: [-3...3]) { $0[0].logSoftmax(alongAxis: 1) },
    .init("logSoftmax(alongAxis: 0)", shapeSets: [[[3, 4]], [[5]]], in: [-3...3]) { $0[0].logSoftmax(alongAxis: 0) },
  ]

  static let tensorStructural: [GradientCheckCase] = [
    // Shape
    .init("reshaped(to: [2, -1])", shapeSets: [[[3, 4]], [[2, 3, 2]]]) { $0[0].reshaped(to: [2, -1]) },
    .init("reshaped(to: [])", shapeSets: [[[1]], [[1, 1]]]) { $0[0].reshaped(to: []) },
    .init("transposed()", shapeSets: [[[3, 4]], [[1, 5]]]) { $0[0].transposed() },
    .init("transposed(permutation: [2, 0, 1])", shapeSets: [[[2, 3, 4]]]) { $0[0].transposed(permutation: [2, 0, 1]) },
    .init("slicing(1..<3, alongAxis: 1)", shapeSets: [[[3, 4]], [[2, 3, 4]]]) { $0[0].slicing(1..<3, alongAxis: 1) },
    .init("concatenating along 1", shapeSets: [[[3, 4], [3, 2]], [[2, 1, 2], [2, 3, 2]]]) {
      Variable(concatenating: $0, alongAxis: 1)
    },
    .init("concatenating three along 0", shapeSets: [[[2, 4], [3, 4], [1, 4]]]) { Variable(concatenating: $0) },
    .init("stacking along 0", shapeSets: [[[3, 4], [3, 4]], [[5], [5]]]) { Variable(stacking: $0) },
    .init("stacking along -1", shapeSets: [[[3, 4], [3, 4], [3, 4]]]) { Variable(stacking: $0, alongAxis: -1) },
    .init("gathering(columnPerRow:)", shapeSets: [[[3, 4]], [[5, 2]]]) { v in
      v[0].gathering(columnPerRow: (0..<v[0].value.shape[0]).map { ($0 * 3 + 1) % v[0].value.shape[1] })
    },
    // Linear algebra
    .init("A·B", shapeSets: [[[3, 4], [4, 5]], [[1, 3], [3, 1]]]) { $0[0].matmul($0[1]) },
    .init("Aᵀ·B", shapeSets: [[[4, 3], [4, 5]]]) { $0[0].matmul($0[1], transposingSelf: true) },
    .init("A·Bᵀ", shapeSets: [[[3, 4], [5, 4]]]) { $0[0].matmul($0[1], transposingOther: true) },
    .init("Aᵀ·Bᵀ", shapeSets: [[[4, 3], [5, 4]]]) { $0[0].matmul($0[1], transposingSelf: true, transposingOther: true) },
    // Compositions a network uses
    .init("dense layer relu(x·W + b)", shapeSets: [[[4, 3], [3, 5], [5]]]) { relu($0[0].matmul($0[1]) + $0[2]) },
    .init("cross-entropy", shapeSets: matrix, in: [-3...3]) { v in
      -v[0].logSoftmax(alongAxis: 1).gathering(columnPerRow: [2, 0, 3]).mean()
    },
  ]
}
