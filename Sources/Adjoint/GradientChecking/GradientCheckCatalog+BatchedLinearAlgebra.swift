// Gradient checks of the linear-algebra operations on stacks of matrices [..., n, n], first and second order.

extension GradientCheckCatalog {
  /// `solve`, `triangularSolve`, `inverse`, `determinant`, `cholesky` and `choleskySolve` on stacks, with
  /// batch dimensions that broadcast and stacks of vectors, against central differences. Square inputs are
  /// shifted by n·I or made positive definite as X·Xᵀ + n·I, per matrix.
  public static let batchedLinearAlgebra: [GradientCheckCase] = [
    .init("solve, batched matrices", shapeSets: [[[2, 3, 3], [2, 3, 2]], [[2, 1, 2, 2], [3, 2, 1]]]) { v in
      mustSolve { try solve(shiftedStack(v[0]), v[1]) }
    },
    .init("solve, batched vectors", shapeSets: [[[2, 3, 3], [2, 3]], [[2, 3, 3], [3]]]) { v in
      mustSolve { try solve(shiftedStack(v[0]), v[1]) }
    },
    .init("solve, one matrix, batched right-hand sides", shapeSets: [[[3, 3], [2, 3, 2]]]) { v in
      mustSolve { try solve(shiftedStack(v[0]), v[1]) }
    },
    .init("triangularSolve, batched", shapeSets: [[[2, 3, 3], [2, 3, 2]], [[2, 3, 3], [3]]]) { v in
      mustSolve { try triangularSolve(shiftedStack(v[0]), v[1], lower: true) }
    },
    .init("triangularSolve, upper, transposing, broadcast", shapeSets: [[[2, 3, 3], [3, 2]]]) { v in
      mustSolve { try triangularSolve(shiftedStack(v[0]), v[1], lower: false, transposing: true) }
    },
    .init("inverse, batched", shapeSets: [[[2, 3, 3]], [[2, 2, 2, 2]]]) { v in mustSolve { try inverse(shiftedStack(v[0])) } },
    .init("determinant, batched", shapeSets: [[[2, 3, 3]], [[3, 2, 2]]]) { v in
      mustSolve { try determinant(shiftedStack(v[0])) }
    },
    .init("cholesky, batched", shapeSets: [[[2, 3, 3]], [[2, 2, 3, 2]]]) { v in
      mustSolve { try cholesky(positiveDefiniteStack(v[0])) }
    },
    .init("choleskySolve, batched", shapeSets: [[[2, 3, 3], [2, 3, 2]]]) { v in
      mustSolve { try choleskySolve(cholesky(positiveDefiniteStack(v[0])), v[1]) }
    },
  ]

  /// Gradients of gradients of the batched operations.
  public static let batchedLinearAlgebraSecondOrder: [GradientCheckCase] = [
    .init("∇ solve, batched, in A", shapeSets: [[[2, 3, 3], [2, 3]]]) { v in
      gradient(at: v[0]) { a in
        let x = mustSolve { try solve(shiftedStack(a), v[1]) }
        return (x * x).sum()
      }
    },
    .init("∇ solve, broadcast, in b", shapeSets: [[[3, 3], [2, 3, 2]]]) { v in
      gradient(at: v[1]) { b in
        let x = mustSolve { try solve(shiftedStack(v[0]), b) }
        return (x * x * x).sum()
      }
    },
    .init("∇ triangularSolve, batched", shapeSets: [[[2, 3, 3], [2, 3, 2]]]) { v in
      gradient(at: v[0]) { t in
        let x = mustSolve { try triangularSolve(shiftedStack(t), v[1], lower: false) }
        return (x * x).sum()
      }
    },
    .init("∇ inverse, batched", shapeSets: [[[2, 3, 3]]]) { v in
      gradient(at: v[0]) { a in
        let inv = mustSolve { try inverse(shiftedStack(a)) }
        return (inv * inv).sum()
      }
    },
    .init("∇ determinant, batched", shapeSets: [[[2, 2, 2]]]) { v in
      gradient(at: v[0]) { a in
        let d = mustSolve { try determinant(shiftedStack(a)) }
        return (d * d).sum()
      }
    },
    .init("∇ cholesky, batched", shapeSets: [[[2, 3, 3]]]) { v in
      gradient(at: v[0]) { x in
        let l = mustSolve { try cholesky(positiveDefiniteStack(x)) }
        return (l * l * l).sum()
      }
    },
  ]
}

/// x + n·I on each matrix of a stack (n the last dimension): well conditioned for x drawn in [−2, 2].
private func shiftedStack(_ x: Variable<Tensor>) -> Variable<Tensor> {
  let n = x.value.shape[x.value.rank - 1]
  return x + Variable(identityMatrix(n) * Double(n))
}

/// X·Xᵀ + n·I per matrix of a stack [..., n, m]: symmetric positive definite.
private func positiveDefiniteStack(_ x: Variable<Tensor>) -> Variable<Tensor> {
  let r = x.value.rank
  var axes = Array(0..<r)
  axes.swapAt(r - 1, r - 2)
  let n = x.value.shape[r - 2]
  return matmul(x, x.transposed(permutation: axes)) + Variable(identityMatrix(n) * Double(n))
}

/// The rows' matrices are well conditioned by construction, so a thrown error is a bug in the row.
private func mustSolve(_ body: () throws -> Variable<Tensor>) -> Variable<Tensor> {
  do { return try body() } catch { failPrecondition("gradient check: \(error)") }
}
