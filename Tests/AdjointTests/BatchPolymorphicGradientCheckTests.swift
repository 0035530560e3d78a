import Testing
@testable import Adjoint

/// The batch-polymorphic rules: their gradient checks (catalog rows, first and second order), and for each,
/// the pullback of a stack of adjoints (a new leading axis) equals the stack of its single pullbacks.
@Suite struct BatchPolymorphicGradientCheckTests {
  static let firstOrder = GradientCheckCatalog.batchPolymorphicRules.instances(seeds: 1...2)
  static let secondOrder = GradientCheckCatalog.batchPolymorphicRulesSecondOrder.instances(seeds: 1...2)

  @Test(arguments: firstOrder)
  func gradientMatchesCentralDifferences(_ instance: GradientCheckCase.Instance) { expectCheckPasses(instance) }

  @Test(arguments: secondOrder)
  func gradientOfGradientMatchesCentralDifferences(_ instance: GradientCheckCase.Instance) {
    expectCheckPasses(instance)
  }

  /// One function of x per rule (or branch of a rule) made batch-polymorphic.
  static let functions: [(name: String, shape: [Int], f: @Sendable (Variable<Tensor>) -> Variable<Tensor>)] = [
    ("add, multiply, divide with broadcasting", [3, 4], { x in
      x * Variable(Tensor([1, -2, 0.5, 3])) + x.reshaped(to: [3, 4]).sum(alongAxes: [1], keepingDimensions: true) / (x * x + 1)
    }),
    ("a recorded rank-0 operand", [3, 4], { x in x.sum() * x - x.sum(alongAxes: [0]) }),
    ("unary functions and constants", [5], { x in softplus(x) * 2 + tanh(x) - exp(x) / 3 + sigmoid(x) + 1 }),
    ("matmul A·B", [12], { x in x.reshaped(to: [3, 4]).matmul(x.reshaped(to: [4, 3])).matmul(Variable(Tensor.ones([3, 5]))) }),
    ("matmul Aᵀ·B", [12], { x in x.reshaped(to: [4, 3]).matmul(x.reshaped(to: [4, 3]) * 2, transposingSelf: true) }),
    ("matmul A·Bᵀ", [12], { x in x.reshaped(to: [2, 6]).matmul(tanh(x).reshaped(to: [2, 6]), transposingOther: true) }),
    ("matmul Aᵀ·Bᵀ", [12], { x in
      x.reshaped(to: [6, 2]).matmul(x.reshaped(to: [2, 6]) * 1, transposingSelf: true, transposingOther: true)
    }),
    ("matrix times a column (W6's products)", [4], { x in
      let a = Variable(Tensor(shape: [3, 4], scalars: (0..<12).map { Double($0) / 7 - 0.8 }))
      let z = softplus(a.matmul(x.reshaped(to: [4, 1])))
      return a.matmul(z, transposingSelf: true).reshaped(to: [4]) + z.matmul(z, transposingOther: true).sum()
    }),
    ("transposed and transposed(permutation:)", [2, 3, 4], { x in
      x.transposed(permutation: [1, 2, 0]).reshaped(to: [12, 2]).transposed() * 3
    }),
    ("broadcasted(to:) and summed(toShape:)", [3, 1], { x in
      let b = x.broadcasted(to: [2, 3, 4])
      return (b * b).summed(toShape: [3, 4]) + x.broadcasted(to: [3, 4]).summed(toShape: [4])
    }),
    ("sum() and sum(alongAxes:)", [2, 3], { x in (x * x).sum() * x.sum(alongAxes: [0, 1]) + x.sum(alongAxes: [1]).sum() }),
    ("softmax along the first and the last axis", [3, 4], { x in x.softmax(alongAxis: 0) * 2 + x.softmax(alongAxis: 1) * x }),
    ("logSoftmax along axis 0 of a rank-3 tensor", [2, 3, 2], { x in x.logSoftmax(alongAxis: 0) * x }),
    ("logSumExp, whole and along an axis", [3, 4], { x in
      x.logSumExp(alongAxis: 1, keepingDimensions: true) * x.logSumExp() + x.logSumExp(alongAxis: 0, keepingDimensions: true) * x
    }),
    ("mean, variance, standardDeviation (composed)", [3, 4], { x in
      x.mean(alongAxes: [1]) * x.variance() + x.standardDeviation(alongAxes: [1]) + x.mean()
    }),
    ("max() and max(alongAxes:), with a tie", [3, 4], { x in
      let tied = Variable(concatenating: [x, x.slicing(0..<1, alongAxis: 0)], alongAxis: 0)  // the rows' maxima tie
      return tied.max(alongAxes: [0]) * x.max() + x.min(alongAxes: [1]).sum()
    }),
    ("norm of orders 2 and 3, and of a zero row", [3, 4], { x in
      let withZero = Variable(concatenating: [x, Variable(Tensor.zeros([1, 4]))], alongAxis: 0)
      return withZero.norm(alongAxes: [1]) + x.norm(order: 3, alongAxes: [0]).sum() * x.norm()
    }),
    ("cumulativeSum along axis 0 and reverse along axis 1", [3, 4], { x in
      x.cumulativeSum(alongAxis: 0) * x.cumulativeSum(alongAxis: 1, reverse: true)
    }),
    ("slicing, concatenating, stacking, subscripts", [4, 3], { x in
      let joined = Variable(concatenating: [x.slicing(1..<3, alongAxis: 1) * x[1..<3].sum(), x], alongAxis: 1)
      return joined + Variable(stacking: [x[0], x[2], x[-1]], alongAxis: 0).sum() * x[1, 2]
    }),
    ("gathering and scattering rows", [3, 4], { x in
      x.gathering(rows: [2, 0, 2, -1]).scattering(rows: [0, 1, 0, -1], rowCount: 2) * x.gathering(rows: [1, 1]).sum()
    }),
    ("gathering by flat index, by column per row, and their scatters", [3, 4], { x in
      let g = x.gathering(columnPerRow: [3, 0, 3]) * x.gathering(flatIndices: [11, 0, 11], shape: [3])
      return g.scattering(columnPerRow: [1, 1, 0], columnCount: 2) + g.scatteringAdding(flatIndices: [0, 0, 5], shape: [3, 2])
    }),
    ("conv2d of x, bias, stride 2, padding 1 (im2col)", [2, 2, 5, 4], { x in
      let w = Variable(Tensor(shape: [3, 2, 3, 3], scalars: (0..<54).map { Double($0 % 7) / 5 - 0.6 }))
      return conv2d(x, weight: w, bias: Variable(Tensor([0.5, -1, 2])), stride: 2, padding: 1) * x.sum()
    }),
    ("conv2d of a weight, groups 2, dilation 2", [4, 1, 2, 2], { w in
      let x = Variable(Tensor(shape: [2, 2, 5, 5], scalars: (0..<100).map { Double($0 % 11) / 6 - 0.9 }))
      return conv2d(x, weight: w, dilation: 2, groups: 2) * w.sum()
    }),
    ("imageFromColumns (col2im)", [4, 12], { c in
      let g = WindowGeometry("col2im test", input: [2, 1, 3, 4], kernel: 2, stride: 1, padding: 0, dilation: 1)
      return c.imageFromColumns(g) * c.sum()
    }),
    ("stacked matmul (NumPy rules), broadcasting a matrix", [2, 3, 4], { x in
      matmul(x, Variable(Tensor(shape: [4, 2], scalars: [1, -2, 0.5, 3, -1, 2, 0.25, 1]))) * matmul(x, x.transposingLastAxes()).sum()
    }),
    ("batchedMatmul with every transpose flag", [2, 3, 3], { x in
      let y = tanh(x)
      return batchedMatmul(x, y) + batchedMatmul(x, y, transposingA: true) + batchedMatmul(y, x, transposingB: true)
        + batchedMatmul(x, x, transposingA: true, transposingB: true)
    }),
    ("diagonal, diagonalEmbedded, trace", [3, 4], { x in
      x.diagonal().diagonalEmbedded(rows: 4, columns: 3).transposed() * x.trace() + x.diagonal().sum()
    }),
    ("avgPool2d and maxPool2d", [2, 2, 4, 4], { x in
      avgPool2d(x, kernelSize: 2) * maxPool2d(x, kernelSize: 2) + maxPool2d(x, kernelSize: 3, stride: 1).sum()
    }),
  ]

  @Test(arguments: 0..<functions.count)
  func stackedPullbackEqualsTheStackOfSinglePullbacks(_ k: Int) {
    let (name, shape, f) = Self.functions[k]
    var rng = SplitMix64(seed: UInt64(17 + k))
    let tape = Tape()
    let x = tape.variable(Tensor.random(shape: shape, in: -1..<1, using: &rng))
    let y = f(x)
    let batch = 3
    let seeds = Tensor.random(shape: [batch] + y.value.shape, in: -1..<1, using: &rng)
    let stacked = tape.batchedAdjoint(from: Int(y.index), seeds: seeds, through: Int(x.index))
    #expect(stacked?.shape == [batch] + shape, "\(name): not batched, or shape \(String(describing: stacked?.shape))")
    guard let stacked else { return }
    let m = y.value.count, n = x.value.count
    for b in 0..<batch {
      let seed = Tensor(shape: y.value.shape, scalars: Array(seeds.scalars[b * m..<(b + 1) * m]))
      let single = Tensor.pullback(from: y, seed: seed, through: x.index)[x]
      let row = Tensor(shape: shape, scalars: Array(stacked.scalars[b * n..<(b + 1) * n]))
      expectClose(row, single, tolerance: 1e-13)
    }
  }

  @Test func anOpWithoutABatchPolymorphicRuleIsNotBatchable() {
    let tape = Tape()
    let x = tape.variable(Tensor([1, 2, 3, 4]))
    // A user's op (`Variable.record`): the engine cannot know its rule to be batch-polymorphic.
    let doubled = Variable.record("userDouble", value: (x * x).value * 2, inputs: [x * x]) { v, _, _ in [v * 2] }
    #expect(!tape.isBatchable(from: Int(doubled.index), through: Int(x.index)))
    let product = x * x
    #expect(tape.isBatchable(from: Int(product.index), through: Int(x.index)))
  }
}
