// Linear solves on tensor variables: LU with partial pivoting, triangular solves, the inverse — each on a
// matrix or a stack of matrices [..., n, n] (LinearAlgebraBatching.swift).
//
// A singular matrix is data, not a programmer error: these operations throw `LinearAlgebraError` naming the
// op, the batch index of a stack and the pivot, rather than trap or return infinities. Shapes that do not
// fit are programmer errors and trap. Pullbacks reuse the forward factorisation (captured as a plain value)
// and are written with differentiable operations, so they can be differentiated again and transposed into
// forward mode.

/// Solves A·X = B for X, by LU factorisation with partial pivoting (NumPy's `np.linalg.solve`,
/// `torch.linalg.solve`), for one matrix or a stack of them.
///
/// ```swift
/// let a = Variable(Tensor([[3, 1], [1, 2]]))
/// print(try solve(a, Variable(Tensor([9, 8]))).value.scalars)
/// // prints: [2.0, 3.0]
/// ```
///
/// Shapes: A is `[..., n, n]`; B is a stack of vectors `[..., n]` when it is rank 1 or its shape is A's
/// without the last dimension (torch.linalg.solve's rule), else a stack of matrices `[..., n, k]`. The batch
/// dimensions of A and B broadcast; X has the broadcast batch and B's trailing shape.
///
/// Pullback (Giles 2008, §2.3.1), with v the adjoint of X, per matrix: dB = A⁻ᵀ·v (one more solve with
/// the same factors), dA = −dB·Xᵀ; summed over broadcast batch dimensions.
///
/// - Throws: `LinearAlgebraError.singularMatrix(op: "solve", pivot:of:)` if a pivot is exactly zero, wrapped
///   in `.inBatch(index:error:)` naming the matrix of a stack.
/// - Precondition: A's last two dimensions are equal; B's matrix (or vector) dimension is n; the batch
///   dimensions broadcast.
/// - Complexity: per matrix (2/3)·n³ + 2·n²·k flops; the pullback 2·n²·k + 2·n²·k.
public func solve(_ a: Variable<Tensor>, _ b: Variable<Tensor>) throws(LinearAlgebraError) -> Variable<Tensor> {
  let (a3, b3, batch, resultShape) = solveOperands(a, b, vectorsByShape: true, "solve")
  let factors = try eachMatrix(of: a3.value, batch: batch) { m throws(LinearAlgebraError) in
    try LUFactorization(m, op: "solve")
  }
  return luSolve(a3, b3, factors, transposed: false).reshaped(to: resultShape)
}

/// X = A⁻¹·B, or A⁻ᵀ·B when `transposed`, per matrix of the stacks A `[count, n, n]` and B `[count, n, k]`,
/// with the factors of A already computed; differentiable in A and B.
func luSolve(
  _ a: Variable<Tensor>, _ b: Variable<Tensor>, _ factors: [LUFactorization], transposed: Bool
) -> Variable<Tensor> {
  let (n, k) = (b.value.shape[1], b.value.shape[2])
  let x = stack(zip(factors, matrices(of: b.value)).map { $0.solve($1, transposed: transposed) }, rows: n, columns: k)
  return Variable.record("solve", value: x, inputs: [a, b]) { v, inputs, x in
    let a = inputs[0]
    let db = luSolve(a, v, factors, transposed: !transposed)
    let da: Variable<Tensor>? =
      a.needsGradient
      ? (transposed ? -batchedMatmul(x, db, transposingB: true) : -batchedMatmul(db, x, transposingB: true)) : nil
    return [da, inputs[1].needsGradient ? db : nil]
  }
}

/// Solves op(T)·X = B, where T is the lower (or upper) triangle of `t` — the rest of `t` is not read — and op
/// a transpose when `transposing` (SciPy's `solve_triangular(t, b, lower:, trans:)`,
/// `torch.linalg.solve_triangular`), for one matrix or a stack of them.
///
/// Shapes: T is `[..., n, n]`; B is `[n]` (one vector) or `[..., n, k]`; the batch dimensions broadcast.
///
/// Pullback, with v the adjoint of X: dB = op(T)⁻ᵀ·v; d op(T) = −dB·Xᵀ, kept on T's triangle.
///
/// - Parameters:
///   - t: a square matrix `[n, n]` or a stack `[..., n, n]`.
///   - b: a vector `[n]` or matrices `[..., n, k]`.
///   - lower: whether T is the lower triangle (else the upper).
///   - transposing: solve with Tᵀ.
/// - Throws: `LinearAlgebraError.singularMatrix(op: "triangularSolve", …)` if a diagonal entry is zero
///   (wrapped in `.inBatch` for a stack).
/// - Precondition: `t`'s last two dimensions are equal and `b`'s matrix dimension is n.
/// - Complexity: n²·k flops per matrix.
public func triangularSolve(
  _ t: Variable<Tensor>, _ b: Variable<Tensor>, lower: Bool = true, transposing: Bool = false
) throws(LinearAlgebraError) -> Variable<Tensor> {
  let (t3, b3, batch, resultShape) = solveOperands(t, b, vectorsByShape: false, "triangularSolve")
  let n = t3.value.shape[1]
  _ = try eachMatrix(of: t3.value, batch: batch) { m throws(LinearAlgebraError) in
    let s = m.scalars
    for i in 0..<n where !(s[i * n + i] != 0) { throw .singularMatrix(op: "triangularSolve", pivot: i + 1, of: n) }
  }
  let x = triangularSolved(t3, b3, lower: lower, transposing: transposing)
  return x.reshaped(to: resultShape)
}

/// The triangular solve per matrix of stacks T `[count, n, n]` (diagonals known to be nonzero) and B
/// `[count, n, k]`; differentiable in T and B.
func triangularSolved(
  _ t: Variable<Tensor>, _ b: Variable<Tensor>, lower: Bool, transposing: Bool
) -> Variable<Tensor> {
  let (n, k) = (b.value.shape[1], b.value.shape[2])
  let solved = zip(matrices(of: t.value), matrices(of: b.value)).map { t, b in
    var x = b.scalars
    solveTriangular(t.scalars, n, &x, k, lower: lower, transposed: transposing, unitDiagonal: false)
    return Tensor(shape: [n, k], scalars: x)
  }
  return Variable.record("triangularSolve", value: stack(solved, rows: n, columns: k), inputs: [t, b]) { v, inputs, x in
    let t = inputs[0]
    let db = triangularSolved(t, v, lower: lower, transposing: !transposing)
    var dt: Variable<Tensor>? = nil
    if t.needsGradient {
      let full = transposing ? -batchedMatmul(x, db, transposingB: true) : -batchedMatmul(db, x, transposingB: true)
      dt = full * Variable(triangleMask(n, lower: lower, diagonal: 1))
    }
    return [dt, inputs[1].needsGradient ? db : nil]
  }
}

/// The inverse A⁻¹ of a square matrix or of each matrix of a stack `[..., n, n]`, as the solve A·X = I (so
/// its derivative is solve's: dA = −A⁻ᵀ·v·A⁻ᵀ).
///
/// - Throws: `LinearAlgebraError.singularMatrix(op: "solve", …)` if a pivot is exactly zero (wrapped in
///   `.inBatch` for a stack).
/// - Precondition: the last two dimensions are equal.
/// - Complexity: (8/3)·n³ flops per matrix.
public func inverse(_ a: Variable<Tensor>) throws(LinearAlgebraError) -> Variable<Tensor> {
  let (a3, batch, n) = flattenedSquareStack(a, "inverse")
  let factors = try eachMatrix(of: a3.value, batch: batch) { m throws(LinearAlgebraError) in
    try LUFactorization(m, op: "solve")
  }
  return luSolve(a3, Variable(identityStack(a3.value.shape[0], n)), factors, transposed: false).reshaped(to: a.value.shape)
}

/// A constant n×n mask: 1 on one strict triangle, `diagonal` on the diagonal, 0 on the other triangle.
func triangleMask(_ n: Int, lower: Bool, diagonal: Double) -> Tensor {
  var s = [Double](repeating: 0, count: n * n)
  for i in 0..<n {
    for j in 0..<n where lower ? j < i : j > i { s[i * n + j] = 1 }
    s[i * n + i] = diagonal
  }
  return Tensor(shape: [n, n], scalars: s)
}
