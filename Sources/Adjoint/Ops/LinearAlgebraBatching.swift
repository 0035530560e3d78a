// Stacks of matrices for the solves and factorisations: an operand [..., n, n] is a batch of matrices in
// its last two dimensions (NumPy's and torch.linalg's convention). The rules are written once, on stacks
// [count, n, k]; a single matrix is a stack of one.

/// The batch dimensions and order of a stack of square matrices `[..., n, n]`.
/// - Precondition: rank ≥ 2 and the last two dimensions are equal.
func squareStackShape(_ shape: [Int], _ op: String) -> (batch: [Int], n: Int) {
  checkPrecondition(
    shape.count >= 2 && shape[shape.count - 1] == shape[shape.count - 2],
    "\(op): expects a square matrix or a stack of them [..., n, n], got shape \(shape)")
  return (Array(shape.dropLast(2)), shape[shape.count - 1])
}

/// A stack of square matrices `[..., n, n]` flattened to `[count, n, n]` (differentiably), with its batch
/// shape and order.
func flattenedSquareStack(_ a: Variable<Tensor>, _ op: String) -> (stack: Variable<Tensor>, batch: [Int], n: Int) {
  let (batch, n) = squareStackShape(a.value.shape, op)
  return (a.reshaped(to: [batch.reduce(1, *), n, n]), batch, n)
}

/// The operands of a solve with matrices A `[..., n, n]` and right-hand sides B, broadcast to one batch
/// shape and flattened to stacks `[count, n, n]` and `[count, n, k]` (differentiably). B is a stack of
/// vectors when it is rank 1, or, if `vectorsByShape`, when its shape is A's without the last dimension
/// (torch.linalg.solve's rule); else a stack of matrices `[..., n, k]`.
/// - Returns: the stacks, the batch shape, and the shape the result takes (B's, with the broadcast batch).
/// - Precondition: A is square; B's matrix (or vector) dimension is n; the batch dimensions broadcast.
func solveOperands(
  _ a: Variable<Tensor>, _ b: Variable<Tensor>, vectorsByShape: Bool, _ op: String
) -> (a: Variable<Tensor>, b: Variable<Tensor>, batch: [Int], resultShape: [Int]) {
  let (sa, sb) = (a.value.shape, b.value.shape)
  let (batchA, n) = squareStackShape(sa, op)
  let isVector = sb.count == 1 || (vectorsByShape && sb == Array(sa.dropLast()))
  checkPrecondition(
    isVector ? sb.last == n : (sb.count >= 2 && sb[sb.count - 2] == n),
    "\(op): right-hand side must be [..., \(n)] or [..., \(n), k], got shapes \(sa) and \(sb)")
  let batchB = Array(sb.dropLast(isVector ? 1 : 2))
  guard let batch = Tensor.broadcastShape(batchA, batchB) else {
    failPrecondition("\(op): batch dimensions do not broadcast: \(sa) and \(sb)")
  }
  let k = isVector ? 1 : sb[sb.count - 1]
  let count = batch.reduce(1, *)
  let a3 = a.broadcasted(to: batch + [n, n]).reshaped(to: [count, n, n])
  let b3 = (isVector ? b.reshaped(to: batchB + [n, 1]) : b).broadcasted(to: batch + [n, k]).reshaped(to: [count, n, k])
  return (a3, b3, batch, batch + (isVector ? [n] : [n, k]))
}

/// The multi-index of flat batch position `i` in a batch of shape `batch` (row-major).
func batchIndex(_ i: Int, in batch: [Int]) -> [Int] {
  var index = [Int](repeating: 0, count: batch.count)
  var rest = i
  for d in stride(from: batch.count - 1, through: 0, by: -1) where batch[d] > 0 {
    index[d] = rest % batch[d]
    rest /= batch[d]
  }
  return index
}

/// The matrices of a stack `[count, r, k]`, each `[r, k]`.
func matrices(of stack: Tensor) -> [Tensor] {
  let (count, r, k) = (stack.shape[0], stack.shape[1], stack.shape[2])
  let s = stack.scalars
  return (0..<count).map { i in Tensor(shape: [r, k], scalars: Array(s[(i * r * k)..<((i + 1) * r * k)])) }
}

/// Joins `[r, k]` matrices into a stack `[count, r, k]`.
func stack(_ matrices: [Tensor], rows r: Int, columns k: Int) -> Tensor {
  if matrices.isEmpty { return Tensor.zeros([0, r, k]) }
  return Tensor(stacking: matrices)
}

/// `body` applied to each matrix of a stack `[count, r, k]` whose batch shape is `batch`; an error from the
/// matrix at flat position i is rethrown as `.inBatch(index:error:)` naming its batch index (unchanged for
/// a single matrix, `batch == []`).
func eachMatrix<T>(
  of stack: Tensor, batch: [Int], _ body: (Tensor) throws(LinearAlgebraError) -> T
) throws(LinearAlgebraError) -> [T] {
  var results: [T] = []
  results.reserveCapacity(stack.shape[0])
  for (i, m) in matrices(of: stack).enumerated() {
    do throws(LinearAlgebraError) {
      results.append(try body(m))
    } catch {
      throw batch.isEmpty ? error : .inBatch(index: batchIndex(i, in: batch), error: error)
    }
  }
  return results
}

/// The last two axes of a stack `[count, r, k]` swapped (differentiable).
func transposedMatrices(_ x: Variable<Tensor>) -> Variable<Tensor> { x.transposed(permutation: [0, 2, 1]) }

/// A constant stack of `count` n×n identity matrices.
func identityStack(_ count: Int, _ n: Int) -> Tensor {
  identityMatrix(n).broadcasted(to: [count, n, n])
}
