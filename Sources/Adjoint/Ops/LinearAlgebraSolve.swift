// Linear solves on tensor variables: LU with partial pivoting, triangular solves, the inverse.
//
// A singular matrix is data, not a programmer error: these operations throw `LinearAlgebraError` naming the
// op and the pivot, rather than trap or return infinities. Shapes that do not fit are programmer errors and
// trap. Pullbacks reuse the forward factorisation (captured as a plain value) and are written with
// differentiable operations, so they can be differentiated again.

/// Solves A·X = B for X, by LU factorisation with partial pivoting (NumPy's `np.linalg.solve`).
///
/// ```swift
/// let a = Variable(Tensor([[3, 1], [1, 2]]))
/// print(try solve(a, Variable(Tensor([9, 8]))).value.scalars)
/// // prints: [2.0, 3.0]
/// ```
///
/// Pullback (Giles 2008, §2.3.1), with v the adjoint of X: dB = A⁻ᵀ·v (one more solve with the same
/// factors), dA = −dB·Xᵀ.
///
/// - Parameters:
///   - a: a square `[n, n]` matrix.
///   - b: a vector `[n]` or a matrix `[n, k]`.
/// - Returns: X, of `b`'s shape.
/// - Throws: `LinearAlgebraError.singularMatrix(op: "solve", pivot:of:)` if a pivot is exactly zero.
/// - Precondition: `a` is square and `b`'s first dimension is n.
/// - Complexity: (2/3)·n³ + 2·n²·k flops; the pullback 2·n²·k + 2·n²·k.
public func solve(_ a: Variable<Tensor>, _ b: Variable<Tensor>) throws(LinearAlgebraError) -> Variable<Tensor> {
  let (sa, sb) = (a.value.shape, b.value.shape)
  checkPrecondition(sa.count == 2 && sa[0] == sa[1], "solve: expects a square matrix, got shape \(sa)")
  checkPrecondition(
    (sb.count == 1 || sb.count == 2) && sb[0] == sa[0],
    "solve: right-hand side must be [\(sa[0])] or [\(sa[0]), k], got shapes \(sa) and \(sb)")
  let factors = try LUFactorization(a.value, op: "solve")
  if sb.count == 1 { return luSolve(a, b.reshaped(to: [sb[0], 1]), factors, transposed: false).reshaped(to: sb) }
  return luSolve(a, b, factors, transposed: false)
}

/// X = A⁻¹·B, or A⁻ᵀ·B when `transposed`, with the factors of A already computed; differentiable in A and B.
func luSolve(
  _ a: Variable<Tensor>, _ b: Variable<Tensor>, _ factors: LUFactorization, transposed: Bool
) -> Variable<Tensor> {
  let x = factors.solve(b.value, transposed: transposed)
  return Variable.record("solve", value: x, inputs: [a, b]) { v, inputs, x in
    let a = inputs[0]
    let db = luSolve(a, v, factors, transposed: !transposed)
    let da: Variable<Tensor>? =
      a.needsGradient ? (transposed ? -x.matmul(db, transposingOther: true) : -db.matmul(x, transposingOther: true)) : nil
    return [da, inputs[1].needsGradient ? db : nil]
  }
}

/// Solves op(T)·X = B, where T is the lower (or upper) triangle of `t` — the rest of `t` is not read — and op
/// a transpose when `transposing` (SciPy's `solve_triangular(t, b, lower:, trans:)`).
///
/// Pullback, with v the adjoint of X: dB = op(T)⁻ᵀ·v; d op(T) = −dB·Xᵀ, kept on T's triangle.
///
/// - Parameters:
///   - t: a square `[n, n]` matrix.
///   - b: a vector `[n]` or a matrix `[n, k]`.
///   - lower: whether T is the lower triangle (else the upper).
///   - transposing: solve with Tᵀ.
/// - Throws: `LinearAlgebraError.singularMatrix(op: "triangularSolve", …)` if a diagonal entry is zero.
/// - Precondition: `t` is square and `b`'s first dimension is n.
/// - Complexity: n²·k flops.
public func triangularSolve(
  _ t: Variable<Tensor>, _ b: Variable<Tensor>, lower: Bool = true, transposing: Bool = false
) throws(LinearAlgebraError) -> Variable<Tensor> {
  let (st, sb) = (t.value.shape, b.value.shape)
  checkPrecondition(st.count == 2 && st[0] == st[1], "triangularSolve: expects a square matrix, got shape \(st)")
  checkPrecondition(
    (sb.count == 1 || sb.count == 2) && sb[0] == st[0],
    "triangularSolve: right-hand side must be [\(st[0])] or [\(st[0]), k], got shapes \(st) and \(sb)")
  let n = st[0]
  let scalars = t.value.scalars
  for i in 0..<n where !(scalars[i * n + i] != 0) {
    throw .singularMatrix(op: "triangularSolve", pivot: i + 1, of: n)
  }
  if sb.count == 1 {
    return triangularSolved(t, b.reshaped(to: [n, 1]), lower: lower, transposing: transposing).reshaped(to: sb)
  }
  return triangularSolved(t, b, lower: lower, transposing: transposing)
}

/// The triangular solve on a matrix whose diagonal is known to be nonzero; differentiable in T and B.
func triangularSolved(
  _ t: Variable<Tensor>, _ b: Variable<Tensor>, lower: Bool, transposing: Bool
) -> Variable<Tensor> {
  let n = t.value.shape[0], k = b.value.shape[1]
  var x = b.value.scalars
  solveTriangular(t.value.scalars, n, &x, k, lower: lower, transposed: transposing, unitDiagonal: false)
  return Variable.record("triangularSolve", value: Tensor(shape: [n, k], scalars: x), inputs: [t, b]) { v, inputs, x in
    let t = inputs[0]
    let db = triangularSolved(t, v, lower: lower, transposing: !transposing)
    var dt: Variable<Tensor>? = nil
    if t.needsGradient {
      let full = transposing ? -x.matmul(db, transposingOther: true) : -db.matmul(x, transposingOther: true)
      dt = full * Variable(triangleMask(n, lower: lower, diagonal: 1))
    }
    return [dt, inputs[1].needsGradient ? db : nil]
  }
}

/// The inverse A⁻¹ of a square matrix, as `solve(a, I)` (so its derivative is solve's: dA = −A⁻ᵀ·v·A⁻ᵀ).
///
/// - Throws: `LinearAlgebraError.singularMatrix(op: "solve", …)` if a pivot is exactly zero.
/// - Precondition: `a` is square.
/// - Complexity: (8/3)·n³ flops.
public func inverse(_ a: Variable<Tensor>) throws(LinearAlgebraError) -> Variable<Tensor> {
  let shape = a.value.shape
  checkPrecondition(shape.count == 2 && shape[0] == shape[1], "inverse: expects a square matrix, got shape \(shape)")
  return try solve(a, Variable(identityMatrix(shape[0])))
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
