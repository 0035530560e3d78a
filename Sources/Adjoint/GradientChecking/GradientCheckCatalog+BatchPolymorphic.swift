// Gradient checks of the rules made batch-polymorphic for the batched sweep (Engine/BatchedSweep.swift):
// the matrix product with every transpose flag and both operands recorded, transposes, reshapes,
// broadcasts and the reductions that undo them, and a rank-0 operand broadcast against a matrix — first
// and second order. (An ordinary sweep runs these rules with an empty batch; the stacked case is tested
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
  ]
}
