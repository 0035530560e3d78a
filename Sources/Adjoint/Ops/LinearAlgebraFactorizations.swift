// Cholesky factorisation and determinants of tensor variables.

/// The lower-triangular Cholesky factor L of a symmetric positive-definite matrix: A = L·Lᵀ (NumPy's
/// `np.linalg.cholesky`; only the lower triangle of A is read).
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
///   minor that is not positive.
/// - Precondition: `a` is square.
/// - Complexity: n³/3 flops; the pullback about 2·n³.
public func cholesky(_ a: Variable<Tensor>) throws(LinearAlgebraError) -> Variable<Tensor> {
  let l = try choleskyFactor(a.value, op: "cholesky")
  let n = l.shape[0]
  return Variable.record("cholesky", value: l, inputs: [a]) { v, _, l in
    let lowerAdjoint = v * Variable(triangleMask(n, lower: true, diagonal: 1))
    let p = l.matmul(lowerAdjoint, transposingSelf: true) * Variable(triangleMask(n, lower: true, diagonal: 0.5))
    let y = triangularSolved(l, p, lower: true, transposing: true)  // L⁻ᵀ·P
    let s = triangularSolved(l, y.transposed(), lower: true, transposing: true).transposed()  // Y·L⁻¹
    return [(s + s.transposed()) * 0.5]
  }
}

/// Solves A·X = B given the Cholesky factor L of A (SciPy's `cho_solve`): two triangular solves, composed,
/// so the derivative is theirs.
///
/// - Parameters:
///   - l: the lower Cholesky factor, `[n, n]`, as `cholesky(_:)` returns it.
///   - b: `[n]` or `[n, k]`.
/// - Throws: `LinearAlgebraError.singularMatrix(op: "triangularSolve", …)` if L has a zero on its diagonal.
/// - Complexity: 2·n²·k flops.
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
/// - Returns: the sign (±1, a constant) and log|det A| (a scalar tensor).
/// - Throws: `LinearAlgebraError.singularMatrix(op: "logDeterminant", …)` if det A = 0 (a zero pivot): its
///   logarithm is −∞ and its gradient does not exist.
/// - Precondition: `a` is square.
/// - Complexity: (2/3)·n³ flops; the pullback 2·n³.
public func logDeterminant(_ a: Variable<Tensor>) throws(LinearAlgebraError) -> (sign: Double, logAbs: Variable<Tensor>) {
  let factors = try LUFactorization(a.value, op: "logDeterminant")
  let (sign, logAbs) = factors.logAbsDeterminant
  let n = factors.n
  let result = Variable.record("logDeterminant", value: Tensor(logAbs), inputs: [a]) { v, inputs, _ in
    [luSolve(inputs[0], Variable(identityMatrix(n)), factors, transposed: true) * v]
  }
  return (sign, result)
}

/// The determinant det A, composed as sign · exp(log|det A|), so dA = v·det A·A⁻ᵀ.
///
/// - Throws: `LinearAlgebraError.singularMatrix(op: "logDeterminant", …)` if A is exactly singular (its
///   derivative, the adjugate, is not computed from a singular LU); use `logDeterminant` for large n, where
///   det over- or underflows.
/// - Precondition: `a` is square.
public func determinant(_ a: Variable<Tensor>) throws(LinearAlgebraError) -> Variable<Tensor> {
  let (sign, logAbs) = try logDeterminant(a)
  return exp(logAbs) * sign
}

/// log det A of a symmetric positive-definite matrix, as 2·Σ log Lᵢᵢ with L = cholesky(A) (composed, so the
/// derivative is Cholesky's: dA = v·A⁻¹).
///
/// - Throws: `LinearAlgebraError.notPositiveDefinite(op: "cholesky", …)` if A is not positive definite.
/// - Complexity: n³/3 flops.
public func positiveDefiniteLogDeterminant(_ a: Variable<Tensor>) throws(LinearAlgebraError) -> Variable<Tensor> {
  log(try cholesky(a).diagonal()).sum() * 2
}
