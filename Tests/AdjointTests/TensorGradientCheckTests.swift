import Testing
import Adjoint

/// One row of the gradient-check table: a tensor primitive, the input shapes it is checked at, where its
/// inputs are drawn from (away from kinks and poles), and the function.
struct GradientCheckRow: Sendable {
  let name: String
  /// Several shape sets; each set has one shape per input.
  let shapeSets: [[[Int]]]
  /// One range per input (the last is reused for further inputs).
  let ranges: [ClosedRange<Double>]
  /// Inputs stay at least this far from 0, where the primitive has a kink.
  let gap: Double
  let function: @Sendable ([Variable<Tensor>]) -> Variable<Tensor>

  init(
    _ name: String, _ shapeSets: [[[Int]]], in ranges: [ClosedRange<Double>] = [-2...2], gap: Double = 0,
    _ function: @escaping @Sendable ([Variable<Tensor>]) -> Variable<Tensor>
  ) {
    (self.name, self.shapeSets, self.ranges, self.gap, self.function) = (name, shapeSets, ranges, gap, function)
  }
}

/// One checked case: a row at one shape set and one seed.
struct GradientCheckCase: Sendable, CustomTestStringConvertible {
  let row: GradientCheckRow
  let shapes: [[Int]]
  let seed: UInt64
  var testDescription: String { "\(row.name) \(shapes) seed \(seed)" }

  var inputs: [Tensor] {
    var rng = SplitMix64(seed: seed)
    return shapes.enumerated().map { k, shape in
      randomTensor(shape, in: row.ranges[Swift.min(k, row.ranges.count - 1)], avoidingZeroBy: row.gap, using: &rng)
    }
  }
}

// Shape sets shared by many rows.
private let unary: [[[Int]]] = [[[]], [[5]], [[3, 4]]]
private let binary: [[[Int]]] = [
  [[3, 4], [3, 4]], [[], [5]], [[3, 4], [4]], [[4], [3, 4]], [[3, 4], [3, 1]], [[3, 1], [3, 4]], [[2, 1, 4], [3, 1]],
]
private let matrix: [[[Int]]] = [[[3, 4]]]
private let positive: [ClosedRange<Double>] = [0.5...2]

/// Every tensor primitive, checked against central differences.
let gradientCheckTable: [GradientCheckRow] = [
  // Arithmetic
  GradientCheckRow("x + y", binary) { $0[0] + $0[1] },
  GradientCheckRow("x - y", binary) { $0[0] - $0[1] },
  GradientCheckRow("x * y", binary) { $0[0] * $0[1] },
  GradientCheckRow("x / y", binary, in: [-2...2, 0.5...2]) { $0[0] / $0[1] },
  GradientCheckRow("-x", unary) { -$0[0] },
  GradientCheckRow("x + c", unary) { $0[0] + 1.5 },
  GradientCheckRow("c - x", unary) { 1.5 - $0[0] },
  GradientCheckRow("x * c", unary) { $0[0] * -2.5 },
  GradientCheckRow("x / c", unary) { $0[0] / 4 },
  GradientCheckRow("c / x", unary, in: positive) { 3 / $0[0] },
  GradientCheckRow("x -= y; x *= y", binary.filter { $0[0].count >= $0[1].count }) { v in
    var x = v[0]
    x -= v[1]
    x *= v[1]
    return x
  },
  // Elementary functions
  GradientCheckRow("exp", unary) { exp($0[0]) },
  GradientCheckRow("log", unary, in: positive) { log($0[0]) },
  GradientCheckRow("sqrt", unary, in: positive) { sqrt($0[0]) },
  GradientCheckRow("sin", unary, in: [-3...3]) { sin($0[0]) },
  GradientCheckRow("cos", unary, in: [-3...3]) { cos($0[0]) },
  GradientCheckRow("tan", unary, in: [-1.2...1.2]) { tan($0[0]) },
  GradientCheckRow("tanh", unary, in: [-3...3]) { tanh($0[0]) },
  GradientCheckRow("pow(x, 3)", unary) { pow($0[0], 3) },
  GradientCheckRow("pow(x, -1.5)", unary, in: positive) { pow($0[0], -1.5) },
  GradientCheckRow("pow(x, y)", binary, in: [0.5...2, -2...2]) { pow($0[0], $0[1]) },
  GradientCheckRow("pow(c, y)", unary) { pow(2.5, $0[0]) },
  // Activations and piecewise functions (inputs kept off the kinks)
  GradientCheckRow("relu", unary, gap: 0.05) { relu($0[0]) },
  GradientCheckRow("leakyRelu", unary, gap: 0.05) { leakyRelu($0[0], slope: 0.2) },
  GradientCheckRow("sigmoid", unary, in: [-5...5]) { sigmoid($0[0]) },
  GradientCheckRow("softplus", unary, in: [-5...5]) { softplus($0[0]) },
  GradientCheckRow("abs", unary, gap: 0.05) { abs($0[0]) },
  GradientCheckRow("min(x, y)", binary) { min($0[0], $0[1]) },
  GradientCheckRow("max(x, y)", binary) { max($0[0], $0[1]) },
  GradientCheckRow("min(x, c)", unary) { min($0[0], 0.3) },
  GradientCheckRow("max(x, c)", unary) { max($0[0], 0.3) },
  GradientCheckRow("clamped(to:)", unary) { $0[0].clamped(to: -1...1) },
  GradientCheckRow("selecting(where:)", binary) { v in
    let shape = Tensor.broadcastShape(v[0].value.shape, v[1].value.shape) ?? []
    let mask = Tensor(shape: shape, scalars: (0..<shape.reduce(1, *)).map { Double($0 % 2) })
    return Variable.selecting(where: mask, v[0], v[1])
  },
  // Reductions
  GradientCheckRow("sum()", unary) { $0[0].sum() },
  GradientCheckRow("sum(alongAxes: [0])", matrix) { $0[0].sum(alongAxes: [0]) },
  GradientCheckRow("sum(alongAxes: [-1], keeping)", matrix) { $0[0].sum(alongAxes: [-1], keepingDimensions: true) },
  GradientCheckRow("sum(alongAxes: [0, 2])", [[[2, 3, 4]]]) { $0[0].sum(alongAxes: [0, 2]) },
  GradientCheckRow("mean()", unary) { $0[0].mean() },
  GradientCheckRow("mean(alongAxes: [1])", [[[3, 4]], [[2, 3, 4]]]) { $0[0].mean(alongAxes: [1]) },
  GradientCheckRow("max()", unary) { $0[0].max() },
  GradientCheckRow("max(alongAxes: [1])", matrix) { $0[0].max(alongAxes: [1]) },
  GradientCheckRow("max(alongAxes: [0], keeping)", matrix) { $0[0].max(alongAxes: [0], keepingDimensions: true) },
  GradientCheckRow("max(alongAxes: [0, 2])", [[[2, 3, 4]]]) { $0[0].max(alongAxes: [0, 2]) },
  GradientCheckRow("min()", unary) { $0[0].min() },
  GradientCheckRow("min(alongAxes: [1])", matrix) { $0[0].min(alongAxes: [1]) },
  GradientCheckRow("summed(toShape: [4])", matrix) { $0[0].summed(toShape: [4]) },
  GradientCheckRow("summed(toShape: [3, 1])", matrix) { $0[0].summed(toShape: [3, 1]) },
  GradientCheckRow("broadcasted(to: [3, 4])", [[[4]], [[3, 1]], [[]]]) { $0[0].broadcasted(to: [3, 4]) },
  // Softmax family
  GradientCheckRow("logSumExp(alongAxis: 1)", matrix, in: [-3...3]) { $0[0].logSumExp(alongAxis: 1) },
  GradientCheckRow("logSumExp(alongAxis: 0, keeping)", [[[3, 4]], [[5]]], in: [-3...3]) {
    $0[0].logSumExp(alongAxis: 0, keepingDimensions: true)
  },
  GradientCheckRow("logSumExp(alongAxis: 1) of rank 3", [[[2, 3, 4]]]) { $0[0].logSumExp(alongAxis: 1) },
  GradientCheckRow("softmax(alongAxis: -1)", [[[3, 4]], [[5]]], in: [-3...3]) { $0[0].softmax(alongAxis: -1) },
  GradientCheckRow("softmax(alongAxis: 0)", matrix, in: [-3...3]) { $0[0].softmax(alongAxis: 0) },
  GradientCheckRow("logSoftmax(alongAxis: 1)", matrix, in: [-3...3]) { $0[0].logSoftmax(alongAxis: 1) },
  GradientCheckRow("logSoftmax(alongAxis: 0)", [[[3, 4]], [[5]]], in: [-3...3]) { $0[0].logSoftmax(alongAxis: 0) },
  // Shape
  GradientCheckRow("reshaped(to: [2, -1])", [[[3, 4]], [[2, 3, 2]]]) { $0[0].reshaped(to: [2, -1]) },
  GradientCheckRow("reshaped(to: [])", [[[1]], [[1, 1]]]) { $0[0].reshaped(to: []) },
  GradientCheckRow("transposed()", [[[3, 4]], [[1, 5]]]) { $0[0].transposed() },
  GradientCheckRow("transposed(permutation: [2, 0, 1])", [[[2, 3, 4]]]) { $0[0].transposed(permutation: [2, 0, 1]) },
  GradientCheckRow("slicing(1..<3, alongAxis: 1)", [[[3, 4]], [[2, 3, 4]]]) { $0[0].slicing(1..<3, alongAxis: 1) },
  GradientCheckRow("concatenating along 1", [[[3, 4], [3, 2]], [[2, 1, 2], [2, 3, 2]]]) {
    Variable(concatenating: $0, alongAxis: 1)
  },
  GradientCheckRow("concatenating three along 0", [[[2, 4], [3, 4], [1, 4]]]) { Variable(concatenating: $0) },
  GradientCheckRow("stacking along 0", [[[3, 4], [3, 4]], [[5], [5]]]) { Variable(stacking: $0) },
  GradientCheckRow("stacking along -1", [[[3, 4], [3, 4], [3, 4]]]) { Variable(stacking: $0, alongAxis: -1) },
  GradientCheckRow("gathering(columnPerRow:)", [[[3, 4]], [[5, 2]]]) { v in
    v[0].gathering(columnPerRow: (0..<v[0].value.shape[0]).map { ($0 * 3 + 1) % v[0].value.shape[1] })
  },
  // Linear algebra
  GradientCheckRow("A·B", [[[3, 4], [4, 5]], [[1, 3], [3, 1]]]) { $0[0].matmul($0[1]) },
  GradientCheckRow("Aᵀ·B", [[[4, 3], [4, 5]]]) { $0[0].matmul($0[1], transposingSelf: true) },
  GradientCheckRow("A·Bᵀ", [[[3, 4], [5, 4]]]) { $0[0].matmul($0[1], transposingOther: true) },
  GradientCheckRow("Aᵀ·Bᵀ", [[[4, 3], [5, 4]]]) { $0[0].matmul($0[1], transposingSelf: true, transposingOther: true) },
  // Compositions a network uses
  GradientCheckRow("dense layer relu(x·W + b)", [[[4, 3], [3, 5], [5]]]) { relu($0[0].matmul($0[1]) + $0[2]) },
  GradientCheckRow("cross-entropy", matrix, in: [-3...3]) { v in
    -v[0].logSoftmax(alongAxis: 1).gathering(columnPerRow: [2, 0, 3]).mean()
  },
]

/// The table expanded: every row at every one of its shape sets, with two seeds.
let gradientCheckCases: [GradientCheckCase] = gradientCheckTable.flatMap { row in
  row.shapeSets.flatMap { shapes in [1, 2].map { GradientCheckCase(row: row, shapes: shapes, seed: $0) } }
}

@Suite struct TensorGradientCheckTests {
  @Test(arguments: gradientCheckCases)
  func tapeGradientMatchesCentralDifferences(_ c: GradientCheckCase) {
    let report = checkGradient(at: c.inputs, in: c.row.function)
    #expect(report.passed, "\(c.row.name) \(c.shapes) seed \(c.seed): \(report)")
  }

  @Test func tableCoversManyCases() {
    #expect(gradientCheckTable.count >= 70)
    #expect(gradientCheckCases.count >= 200)
  }
}
