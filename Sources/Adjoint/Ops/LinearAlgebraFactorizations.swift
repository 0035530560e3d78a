// Cholesky factorisation and determinants of tensor variables, for a matrix or a stack [..., n, n].

/// The lower-triangular Cholesky factor L of a symmetric positive-definite matrix, or of each matrix of a
/// stack `[..., n, n]`: A = L·Lᵀ (NumPy's `np.linalg.cholesky`, `torch.linalg.cholesky`; only the lower
/// triangle of A is read).
///
/// ```swift
/// let a = Variable(Tensor([[4, 2], [2, 5]]))
/// print(try cholesky(a).value.scalars)
/// // prints: [2.0, 0.0, 1.0, 2.0]
/// ```
///
/// Pullback (Murray 2016, "Differentiation of the Cholesky decomposition"), with v the adjoint of L and
/// Φ(X) the lower triangle of X with its diagonal halved: P = Φ(Lᵀ·tril(v)), S = L⁻ᵀ·P·L⁻¹, dA = (S + Sᵀ)/2 —
/// the gradient for symmetric perturbations of A (as PyTorch's), written with two triangular solves on L.
///
/// - Throws: `LinearAlgebraError.notPositiveDefinite(op: "cholesky", minor:of:)` naming the first leading
///   minor that is not positive (wrapped in `.inBatch(index:error:)` naming the matrix of a stack).
/// - Precondition: the last two dimensions are equal.
/// - Complexity: n³/3 flops per matrix; the pullback about 2·n³.
public func cholesky(_ a: Variable<Tensor>) throws(LinearAlgebraError) -> Variable<Tensor> {
  let (a3, batch, n) = flattenedSquareStack(a, "cholesky")
  let factors = try eachMatrix(of: a3.value, batch: batch) { m throws(LinearAlgebraError) in
    try choleskyFactor(m, op: "cholesky")
  }
  return choleskyFactored(a3, stack(factors, rows: n, columns: n)).reshaped(to: a.value.shape)
}

/// The stack of Cholesky factors `l` of the stack `a` `[count, n, n]`, recorded with its pullback.
private func choleskyFactored(_ a: Variable<Tensor>, _ l: Tensor) -> Variable<Tensor> {
  let n = l.shape[1]
  return Variable.record("cholesky", value: l, inputs: [a]) { v, _, l in
    let lowerAdjoint = v * Variable(triangleMask(n, lower: true, diagonal: 1))
    let p = batchedMatmul(l, lowerAdjoint, transposingA: true) * Variable(triangleMask(n, lower: true, diagonal: 0.5))
    let y = triangularSolved(l, p, lower: true, transposing: true)  // L⁻ᵀ·P
    let s = transposedMatrices(triangularSolved(l, transposedMatrices(y), lower: true, transposing: true))  // Y·L⁻¹
    return [(s + transposedMatrices(s)) * 0.5]
  }
}

/// Solves A·X = B given the Cholesky factor L of A (SciPy's `cho_solve`, `torch.cholesky_solve`): two
/// triangular solves, composed, so the derivative is theirs; for a matrix or a stack, as `triangularSolve`.
///
/// - Parameters:
///   - l: the lower Cholesky factor, `[n, n]` or `[..., n, n]`, as `cholesky(_:)` returns it.
///   - b: `[n]` or `[..., n, k]`.
/// - Throws: `LinearAlgebraError.singularMatrix(op: "triangularSolve", …)` if L has a zero on its diagonal.
/// - Complexity: 2·n²·k flops per matrix.
public func choleskySolve(_ l: Variable<Tensor>, _ b: Variable<Tensor>) throws(LinearAlgebraError) -> Variable<Tensor> {
  try triangularSolve(l, try triangularSolve(l, b, lower: true), lower: true, transposing: true)
}

/// log|det A| and the sign of det A, from the LU factorisation (NumPy's `np.linalg.slogdet`).
///
/// ```swift
/// let (sign, logAbs) = try logDeterminant(Variable(Tensor([[0, 2], [3, 0]])))
/// print(sign, logAbs.value.scalar)
/// // prints: -1.0 1.791759469228055
/// ```
///
/// Pullback (Giles 2008, §2.3.2), with v the adjoint of log|det A|: dA = v·A⁻ᵀ, one transposed solve with
/// the forward factors.
///
/// - Returns: the sign (±1, a constant) and log|det A| (a scalar tensor). For a stack of matrices use
///   `determinant(_:)`, which takes stacks.
/// - Throws: `LinearAlgebraError.singularMatrix(op: "logDeterminant", …)` if det A = 0 (a zero pivot): its
///   logarithm is −∞ and its gradient does not exist.
/// - Precondition: `a` is a square matrix (rank 2).
/// - Complexity: (2/3)·n³ flops; the pullback 2·n³.
public func logDeterminant(_ a: Variable<Tensor>) throws(LinearAlgebraError) -> (sign: Double, logAbs: Variable<Tensor>) {
  let shape = a.value.shape
  checkPrecondition(shape.count == 2 && shape[0] == shape[1], "logDeterminant: expects a square matrix, got shape \(shape)")
  let (signs, logAbs) = try logAbsDeterminants(a.reshaped(to: [1] + shape), batch: [])
  return (signs[0], logAbs.reshaped(to: []))
}

/// The signs of det A and log|det A| for each matrix of a stack `[count, n, n]` (batch shape `batch`, for
/// the errors): constants, and a `[count]` variable whose pullback is v·A⁻ᵀ per matrix.
private func logAbsDeterminants(
  _ a: Variable<Tensor>, batch: [Int]
) throws(LinearAlgebraError) -> (signs: [Double], logAbs: Variable<Tensor>) {
  let (count, n) = (a.value.shape[0], a.value.shape[1])
  let factors = try eachMatrix(of: a.value, batch: batch) { m throws(LinearAlgebraError) in
    try LUFactorization(m, op: "logDeterminant")
  }
  let values = factors.map(\.logAbsDeterminant)
  let result = Variable.record("logDeterminant", value: Tensor(values.map(\.logAbs)), inputs: [a]) { v, inputs, _ in
    [luSolve(inputs[0], Variable(identityStack(count, n)), factors, transposed: true) * v.reshaped(to: [count, 1, 1])]
  }
  return (values.map(\.sign), result)
}

/// The determinant det A of a matrix, or of each matrix of a stack `[..., n, n]` (shape `[...]`), composed
/// as sign · exp(log|det A|), so dA = v·det A·A⁻ᵀ.
///
/// - Throws: `LinearAlgebraError.singularMatrix(op: "logDeterminant", …)` if A is exactly singular (its
///   derivative, the adjugate, is not computed from a singular LU), wrapped in `.inBatch` for a stack; use
///   `logDeterminant` for large n, where det over- or underflows.
/// - Precondition: the last two dimensions are equal.
/// - Complexity: (2/3)·n³ flops per matrix.
public func determinant(_ a: Variable<Tensor>) throws(LinearAlgebraError) -> Variable<Tensor> {
  let (a3, batch, _) = flattenedSquareStack(a, "determinant")
  let (signs, logAbs) = try logAbsDeterminants(a3, batch: batch)
  return (exp(logAbs) * Variable(Tensor(signs))).reshaped(to: batch)
}

/// log det A of a symmetric positive-definite matrix, as 2·Σ log Lᵢᵢ with L = cholesky(A) (composed, so the
/// derivative is Cholesky's: dA = v·A⁻¹).
///
/// - Throws: `LinearAlgebraError.notPositiveDefinite(op: "cholesky", …)` if A is not positive definite.
/// - Precondition: `a` is a square matrix (rank 2).
/// - Complexity: n³/3 flops.
public func positiveDefiniteLogDeterminant(_ a: Variable<Tensor>) throws(LinearAlgebraError) -> Variable<Tensor> {
  log(try cholesky(a).diagonal()).sum() * 2
}
