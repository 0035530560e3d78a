// Gradient checks of the rules made batch-polymorphic for the batched sweep (Engine/BatchedSweep.swift):
// the matrix product with every transpose flag and both operands recorded, transposes, reshapes,
// broadcasts and the reductions that undo them, a rank-0 operand broadcast against a matrix, and the
// softmax family, max, norm, running sums, slicing, concatenation, the gathers and scatters, and
// im2col/col2im under convolution and pooling — first and second order. (An ordinary sweep runs these rules with an empty batch; the stacked case is tested
// against stacks of single pullbacks in Tests/AdjointTests/BatchPolymorphicGradientCheckTests.swift.)

extension GradientCheckCatalog {
  /// First order: the rules of the batched sweep, at shapes where every branch of each rule is taken.
  public static let batchPolymorphicRules: [GradientCheckCase] = [
    .init("matmul, A·B, both recorded", shapeSets: [[[3, 4], [4, 2]]]) { v in v[0].matmul(v[1]) },
    .init("matmul, Aᵀ·B, both recorded", shapeSets: [[[4, 3], [4, 2]]]) { v in v[0].matmul(v[1], transposingSelf: true) },
    .init("matmul, A·Bᵀ, both recorded", shapeSets: [[[3, 4], [2, 4]]]) { v in v[0].matmul(v[1], transposingOther: true) },
    .init("matmul, Aᵀ·Bᵀ, both recorded", shapeSets: [[[4, 3], [2, 4]]]) { v in
      v[0].matmul(v[1], transposingSelf: true, transposingOther: true)
    },
    .init("matmul, matrix times column", shapeSets: [[[5, 3], [3, 1]], [[1, 3], [3, 1]]]) { v in v[0].matmul(v[1]) },
    .init("transposed(permutation:), rank 3", shapeSets: [[[2, 3, 4]]]) { v in v[0].transposed(permutation: [2, 0, 1]) },
    .init("broadcasted(to:), new leading axes", shapeSets: [[[3, 1]], [[]]]) { v in v[0].broadcasted(to: [2, 3, 4]) },
    .init("summed(toShape:), dropping axes", shapeSets: [[[2, 3, 4]]]) { v in v[0].summed(toShape: [3, 1]) },
    .init("sum(alongAxes:), not keeping dimensions", shapeSets: [[[2, 3, 4]]]) { v in v[0].sum(alongAxes: [0, 2]) },
    .init("rank-0 operand times a matrix", shapeSets: [[[], [3, 4]]]) { v in v[0] * v[1] + v[1] / (v[0] * v[0] + 1) },
    .init("softmax, first and last axis", shapeSets: [[[3, 4]], [[2, 3, 4]], [[5]]]) { v in
      v[0].softmax(alongAxis: 0) * v[0].softmax(alongAxis: -1)
    },
    .init("logSoftmax, axis 1 and axis -1", shapeSets: [[[3, 4]], [[2, 3, 2]]]) { v in
      v[0].logSoftmax(alongAxis: 1) + v[0].logSoftmax(alongAxis: -1) * v[0]
    },
    .init("logSumExp, whole and along an axis", shapeSets: [[[3, 4]], [[2, 3, 2]]]) { v in
      v[0].logSumExp(alongAxis: 1, keepingDimensions: true) * v[0] + v[0].logSumExp(alongAxis: 0).sum() + v[0].logSumExp()
    },
    .init("mean, variance, standardDeviation", shapeSets: [[[3, 4]], [[6]]]) { v in
      v[0].mean() * v[0] + v[0].variance(alongAxes: [0], keepingDimensions: true) + v[0].standardDeviation(correction: 1)
    },
    .init("max() and max(alongAxes:)", shapeSets: [[[3, 4]], [[2, 3, 2]]]) { v in
      v[0].max(alongAxes: [0]).sum() * v[0].max() + v[0].min(alongAxes: [1], keepingDimensions: true).sum()
    },
    .init("norm, orders 2 and 3", shapeSets: [[[3, 4]], [[2, 5]]], gap: 0.1) { v in
      v[0].norm(alongAxes: [1]) + v[0].norm(order: 3, alongAxes: [0]).sum()
    },
    .init("cumulativeSum, forward and reverse", shapeSets: [[[3, 4]], [[2, 3, 2]]]) { v in
      v[0].cumulativeSum(alongAxis: 1) * v[0].cumulativeSum(alongAxis: 0, reverse: true)
    },
    .init("slicing, concatenating, stacking", shapeSets: [[[3, 4]], [[4, 5]]]) { v in
      let x = v[0]
      let joined = Variable(concatenating: [x.slicing(1..<3, alongAxis: 1), x * x], alongAxis: 1)
      return joined.sum(alongAxes: [1]) + Variable(stacking: [x[0], x[-1]], alongAxis: 1).sum(alongAxes: [0]).sum() + x[1..<3].sum()
    },
    .init("gathering and scattering rows", shapeSets: [[[3, 4]], [[5, 2]]]) { v in
      let x = v[0]
      let rows = x.gathering(rows: [2, 0, 2, -1])
      return rows * rows + x[0..<3].scattering(rows: [1, 0, 1], rowCount: 2).sum() + x[1, 0]
    },
    .init("gathering by flat index and by column per row", shapeSets: [[[3, 4]], [[3, 2]]]) { v in
      let x = v[0]
      let picked = x.gathering(flatIndices: [5, 0, 5, 1], shape: [2, 2])
      let g = x.gathering(columnPerRow: [1, 0, 1])
      return picked.sum() * g.sum() + (g * g).scattering(columnPerRow: [0, 1, 1], columnCount: 3).sum(alongAxes: [1]).sum()
    },
    .init("conv2d (im2col), input and weight recorded", shapeSets: [[[2, 2, 5, 4], [3, 2, 3, 2], [3]]]) { v in
      conv2d(v[0], weight: v[1], bias: v[2], stride: 2, padding: 1) + conv2d(v[0], weight: v[1], padding: Size2D(height: 0, width: 1)).sum()
    },
    .init("stacked matmul, broadcast and transposed", shapeSets: [[[2, 3, 4], [4, 2]], [[3, 2, 2], [3, 2, 5]]]) { v in
      matmul(v[0], v[1]) + batchedMatmul(v[0], v[0], transposingA: true).sum()
    },
    .init("diagonal, diagonalEmbedded, trace", shapeSets: [[[3, 4]], [[4, 2]]]) { v in
      let d = v[0].diagonal()
      return d.diagonalEmbedded(rows: d.value.count + 1, columns: d.value.count) * v[0].trace() + (d * d).sum()
    },
    .init("avgPool2d and maxPool2d", shapeSets: [[[2, 2, 4, 4]], [[1, 3, 5, 6]]]) { v in
      avgPool2d(v[0], kernelSize: 2) * maxPool2d(v[0], kernelSize: 2) + maxPool2d(v[0], kernelSize: 3, stride: 1).sum()
    },
  ]

  /// Second order: gradients of gradients through the same rules.
  public static let batchPolymorphicRulesSecondOrder: [GradientCheckCase] = [
    .init("∇ quadratic form, both matmul operands recorded", shapeSets: [[[4], [4, 4]]]) { v in
      gradient(at: v[0]) { x in
        let c = x.reshaped(to: [4, 1])
        return (c.matmul(v[1].matmul(c), transposingSelf: true) * c.matmul(c, transposingSelf: true)).sum()
      }
    },
    .init("∇ softplus of A·x, then Aᵀ·Bᵀ", shapeSets: [[[3], [5, 3]]]) { v in
      gradient(at: v[0]) { x in
        let z = softplus(v[1].matmul(x.reshaped(to: [3, 1])))
        return z.matmul(z.reshaped(to: [1, 5]), transposingSelf: true, transposingOther: true).sum()
      }
    },
    .init("∇ broadcast, permute, sum to shape, cubed", shapeSets: [[[3, 1]]]) { v in
      gradient(at: v[0]) { x in
        let y = x.broadcasted(to: [2, 3, 4]).transposed(permutation: [2, 0, 1]).summed(toShape: [2, 3])
        return (y * y * y).sum(alongAxes: [1]).sum()
      }
    },
    .init("∇ rank-0 operand times a matrix, squared", shapeSets: [[[], [3, 4]]]) { v in
      gradient(at: v[0]) { s in
        let y = s * v[1] * s
        return (y * y).sum()
      } + gradient(at: v[1]) { m in
        let y = v[0] * m * m
        return (y * y).sum()
      }.sum()
    },
    .init("∇ softmax, logSoftmax and logSumExp", shapeSets: [[[3, 4]], [[5]]]) { v in
      gradient(at: v[0]) { x in
        (x.softmax(alongAxis: -1) * x).sum() + x.logSoftmax(alongAxis: 0).sum() * x.logSumExp() + x.logSumExp(alongAxis: -1).sum()
      }
    },
    .init("∇ softmax-regression log-likelihood", shapeSets: [[[3, 4], [5, 3]]]) { v in
      gradient(at: v[0]) { w in v[1].matmul(w).logSoftmax(alongAxis: 1).gathering(columnPerRow: [0, 3, 1, 1, 2]).sum() }
    },
    .init("∇ max, min and norms, squared", shapeSets: [[[3, 4]]], gap: 0.1) { v in
      gradient(at: v[0]) { x in
        let m = x.max(alongAxes: [1]) * x.min()
        return (m * m).sum() + x.norm() * x.norm(order: 3, alongAxes: [0]).sum() + x.variance() * x.standardDeviation()
      }
    },
    .init("∇ running sums, slices and gathers, cubed", shapeSets: [[[3, 4]]]) { v in
      gradient(at: v[0]) { x in
        let c = x.cumulativeSum(alongAxis: 1).slicing(1..<4, alongAxis: 1)
        let g = Variable(concatenating: [c, x.gathering(rows: [2, 0, 2])], alongAxis: 1)
        let f = x.gathering(flatIndices: [1, 1, 7], shape: [3]) * x.gathering(columnPerRow: [3, 0, 2])
        return (g * g * g).sum() + (f * f * x[1, 1]).sum() + x.scattering(rows: [0, 2, 1], rowCount: 3).prod()
      }
    },
    .init("∇ Σ conv2d², in the input and in the weight", shapeSets: [[[1, 2, 4, 4], [2, 2, 2, 2]]]) { v in
      let inInput = gradient(at: v[0]) { x in
        let y = tanh(conv2d(x, weight: v[1], padding: 1))
        return (y * y).sum()
      }
      let inWeight = gradient(at: v[1]) { w in
        let y = conv2d(v[0], weight: w, stride: 2)
        return (y * y * y).sum()
      }
      return inInput.sum() * inWeight
    },
    .init("∇ stacked matmul and trace, cubed", shapeSets: [[[2, 3, 3], [3, 3]]]) { v in
      gradient(at: v[0]) { x in
        let p = matmul(x, v[1])
        return (p * p * x).sum() + batchedMatmul(x, p, transposingB: true).reshaped(to: [6, 3]).slicing(0..<3, alongAxis: 0).trace()
      } + gradient(at: v[1]) { m in (matmul(v[0], m) * matmul(v[0], m)).sum() * m.diagonal().sum() }.sum()
    },
    .init("∇ pools, squared", shapeSets: [[[1, 2, 4, 4]]]) { v in
      gradient(at: v[0]) { x in
        let a = avgPool2d(x, kernelSize: 2), m = maxPool2d(x, kernelSize: 2)
        return (a * a * m).sum()
      }
    },
  ]
}
