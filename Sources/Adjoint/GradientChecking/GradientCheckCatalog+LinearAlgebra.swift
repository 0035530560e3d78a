// Gradient checks of the linear-algebra operations (Ops/LinearAlgebra*.swift), first and second order.

extension GradientCheckCatalog {
  /// Every linear-algebra operation against central differences: `matmul` at every rank pairing NumPy
  /// accepts (batched and broadcast included), `outer`, `dot`, `diagonal`, `trace`, `frobeniusNorm`,
  /// `solve`, `triangularSolve`, `inverse`, `determinant`, `logDeterminant`, `cholesky`, `choleskySolve`,
  /// `positiveDefiniteLogDeterminant`. Square inputs are shifted by n·I (well conditioned) or made
  /// symmetric positive definite as X·Xᵀ + n·I.
  public static let linearAlgebra: [GradientCheckCase] = [
    .init("matmul, matrix × vector", shapeSets: [[[3, 4], [4]], [[1, 2], [2]]]) { v in matmul(v[0], v[1]) },
    .init("matmul, vector × matrix", shapeSets: [[[4], [4, 3]]]) { v in matmul(v[0], v[1]) },
    .init("matmul, vector · vector", shapeSets: [[[5], [5]]]) { v in matmul(v[0], v[1]) },
    .init("matmul, batched", shapeSets: [[[2, 3, 4], [2, 4, 5]], [[2, 2, 1, 3], [2, 2, 3, 2]]]) { v in
      matmul(v[0], v[1])
    },
    .init("matmul, broadcast batch", shapeSets: [[[2, 1, 3, 4], [3, 4, 2]], [[2, 3, 4], [4, 2]], [[3, 4], [2, 4, 2]]]) {
      v in matmul(v[0], v[1])
    },
    .init("matmul, vector × batched", shapeSets: [[[4], [2, 4, 3]], [[2, 3, 4], [4]]]) { v in matmul(v[0], v[1]) },
    .init("outer", shapeSets: [[[3], [4]]]) { v in outer(v[0], v[1]) },
    .init("dot", shapeSets: [[[5], [5]]]) { v in dot(v[0], v[1]) },
    .init("diagonal", shapeSets: [[[3, 4]], [[4, 3]], [[3, 3]]]) { v in v[0].diagonal() },
    .init("diagonalEmbedded", shapeSets: [[[3]]]) { v in v[0].diagonalEmbedded(rows: 3, columns: 4) },
    .init("trace", shapeSets: [[[4, 4]]]) { v in v[0].trace() },
    .init("frobeniusNorm", shapeSets: [[[3, 4]], [[5]]], gap: 0.1) { v in v[0].frobeniusNorm() },
    .init("solve, vector", shapeSets: [[[3, 3], [3]], [[5, 5], [5]]]) { v in must { try solve(shifted(v[0]), v[1]) } },
    .init("solve, matrix", shapeSets: [[[4, 4], [4, 2]]]) { v in must { try solve(shifted(v[0]), v[1]) } },
    .init("triangularSolve, lower", shapeSets: [[[4, 4], [4, 2]], [[3, 3], [3]]]) { v in
      must { try triangularSolve(shifted(v[0]), v[1], lower: true) }
    },
    .init("triangularSolve, upper, transposing", shapeSets: [[[4, 4], [4, 2]]]) { v in
      must { try triangularSolve(shifted(v[0]), v[1], lower: false, transposing: true) }
    },
    .init("inverse", shapeSets: [[[3, 3]], [[1, 1]]]) { v in must { try inverse(shifted(v[0])) } },
    .init("determinant", shapeSets: [[[3, 3]], [[2, 2]]]) { v in must { try determinant(shifted(v[0])) } },
    .init("logDeterminant", shapeSets: [[[4, 4]]]) { v in must { try logDeterminant(shifted(v[0])).logAbs } },
    .init("cholesky", shapeSets: [[[3, 3]], [[4, 2]]]) { v in must { try cholesky(positiveDefinite(v[0])) } },
    .init("choleskySolve", shapeSets: [[[3, 3], [3, 2]]]) { v in
      must { try choleskySolve(cholesky(positiveDefinite(v[0])), v[1]) }
    },
    .init("positiveDefiniteLogDeterminant", shapeSets: [[[4, 4]]]) { v in
      must { try positiveDefiniteLogDeterminant(positiveDefinite(v[0])) }
    },
  ]

  /// Gradients of gradients of the linear-algebra operations: each pullback, recorded and differentiated.
  public static let linearAlgebraSecondOrder: [GradientCheckCase] = [
    .init("∇ matmul, batched broadcast", shapeSets: [[[2, 3, 4], [4, 2]]]) { v in
      gradient(at: v[0]) { a in
        let c = matmul(a, v[1])
        return (c * c * c).sum()
      }
    },
    .init("∇ matmul, matrix × vector", shapeSets: [[[3, 4], [4]]]) { v in
      gradient(at: v[1]) { x in tanh(matmul(v[0], x)).sum() }
    },
    .init("∇ diagonal, trace", shapeSets: [[[3, 3]]]) { v in
      gradient(at: v[0]) { a in (a.diagonal() * a.diagonal() * a.diagonal()).sum() + a.matmul(a).trace() }
    },
    .init("∇ solve in A and b", shapeSets: [[[3, 3], [3]]]) { v in
      gradient(at: v[0]) { a in
        let x = must { try solve(shifted(a), v[1]) }
        return (x * x).sum()
      } + gradient(at: v[1]) { b in
        let x = must { try solve(shifted(v[0]), b) }
        return (x * x).sum()
      }.sum()
    },
    .init("∇ solve in b", shapeSets: [[[3, 3], [3]]]) { v in
      gradient(at: v[1]) { b in
        let x = must { try solve(shifted(v[0]), b) }
        return (x * x * x).sum()
      }
    },
    .init("∇ triangularSolve", shapeSets: [[[3, 3], [3, 2]]]) { v in
      gradient(at: v[0]) { t in
        let x = must { try triangularSolve(shifted(t), v[1], lower: true) }
        return (x * x).sum()
      }
    },
    .init("∇ inverse", shapeSets: [[[3, 3]]]) { v in
      gradient(at: v[0]) { a in must { try inverse(shifted(a)) }.trace() }
    },
    .init("∇ logDeterminant", shapeSets: [[[3, 3]]]) { v in
      gradient(at: v[0]) { a in must { try logDeterminant(shifted(a)).logAbs } }
    },
    .init("∇ determinant", shapeSets: [[[2, 2]]]) { v in
      gradient(at: v[0]) { a in must { try determinant(shifted(a)) } }
    },
    .init("∇ cholesky", shapeSets: [[[3, 3]]]) { v in
      gradient(at: v[0]) { x in
        let l = must { try cholesky(positiveDefinite(x)) }
        return (l * l * l).sum()
      }
    },
    .init("∇ positiveDefiniteLogDeterminant", shapeSets: [[[3, 3]]]) { v in
      gradient(at: v[0]) { x in must { try positiveDefiniteLogDeterminant(positiveDefinite(x)) } }
    },
  ]
}

/// x + n·I: a well-conditioned square matrix for x drawn in [−1, 1].
private func shifted(_ x: Variable<Tensor>) -> Variable<Tensor> {
  x + Variable(identityMatrix(x.value.shape[0]) * Double(x.value.shape[0]))
}

/// X·Xᵀ + n·I: symmetric positive definite (n rows of X).
private func positiveDefinite(_ x: Variable<Tensor>) -> Variable<Tensor> {
  x.matmul(x, transposingOther: true) + Variable(identityMatrix(x.value.shape[0]) * Double(x.value.shape[0]))
}

/// The catalog's matrices are well conditioned by construction, so a thrown error is a bug in the row.
private func must(_ body: () throws -> Variable<Tensor>) -> Variable<Tensor> {
  do { return try body() } catch { failPrecondition("gradient check: \(error)") }
}
