internal import CAdjointKernels

// Products of every rank NumPy's `matmul` accepts, and the small matrix functions built on them.

/// The matrix product with NumPy's `matmul` rules, for operands of any rank ≥ 1:
///
/// - rank 2 × rank 2: the matrix product (the fast GEMM path of `Variable.matmul(_:transposingSelf:transposingOther:)`);
/// - a vector on the left is a row `[1, k]`, on the right a column `[k, 1]`, and that dimension is dropped
///   from the result (vector · vector is a scalar, rank 0);
/// - rank ≥ 3: a stack of matrices in the last two dimensions; the leading (batch) dimensions broadcast.
///
/// ```swift
/// let a = Variable(Tensor([[1, 2], [3, 4]]))
/// print(matmul(a, Variable(Tensor([1, 1]))).value.scalars)
/// // prints: [3.0, 7.0]
/// ```
///
/// Pullback, with v the adjoint: dA = v·Bᵀ, dB = Aᵀ·v per batch, summed over broadcast batch dimensions
/// (by the pullback of `broadcasted(to:)`), vectors reshaped back.
///
/// - Precondition: both ranks ≥ 1; the inner dimensions agree; the batch dimensions broadcast.
/// - Complexity: O(batch·m·n·k).
public func matmul(_ a: Variable<Tensor>, _ b: Variable<Tensor>) -> Variable<Tensor> {
  let (sa, sb) = (a.value.shape, b.value.shape)
  checkPrecondition(!sa.isEmpty && !sb.isEmpty, "matmul: expects tensors of rank ≥ 1, got shapes \(sa) and \(sb)")
  let left = sa.count == 1 ? a.reshaped(to: [1, sa[0]]) : a
  let right = sb.count == 1 ? b.reshaped(to: [sb[0], 1]) : b
  let (la, lb) = (left.value.shape, right.value.shape)
  checkPrecondition(
    la[la.count - 1] == lb[lb.count - 2], "matmul: inner dimensions differ: \(sa) × \(sb)")
  var product: Variable<Tensor>
  var shape: [Int]
  if la.count == 2 && lb.count == 2 {
    product = left.matmul(right)
    shape = product.value.shape
  } else {
    let batchA = Array(la.dropLast(2)), batchB = Array(lb.dropLast(2))
    guard let batch = Tensor.broadcastShape(batchA, batchB) else {
      failPrecondition("matmul: batch dimensions do not broadcast: \(sa) × \(sb)")
    }
    let count = batch.reduce(1, *)
    let (m, k, n) = (la[la.count - 2], la[la.count - 1], lb[lb.count - 1])
    let left3 = (batchA == batch ? left : left.broadcasted(to: batch + [m, k])).reshaped(to: [count, m, k])
    let right3 = (batchB == batch ? right : right.broadcasted(to: batch + [k, n])).reshaped(to: [count, k, n])
    product = batchedMatmul(left3, right3)
    shape = batch + [m, n]
  }
  // Drop the dimensions that stood for vectors.
  if sb.count == 1 { shape.removeLast() }
  if sa.count == 1 { shape.remove(at: shape.count - (sb.count == 1 ? 1 : 2)) }
  return product.value.shape == shape ? product : product.reshaped(to: shape)
}

/// The product of two stacks of matrices, op(A)[i] · op(B)[i], for rank-3 operands with the same batch size;
/// `matmul(_:_:)` reaches it after broadcasting. Its pullback is the same table as the rank-2 product's, per
/// batch.
func batchedMatmul(
  _ a: Variable<Tensor>, _ b: Variable<Tensor>, transposingA: Bool = false, transposingB: Bool = false
) -> Variable<Tensor> {
  let value = batchedProduct(a.value, b.value, transposingA, transposingB)
  return Variable.record("matmul", value: value, inputs: [a, b], batchPolymorphic: true) { v, inputs, _ in
    let (a, b) = (inputs[0], inputs[1])
    // Batch-polymorphic: v may be a stack of adjoints (`batch + [count, m, n]`; see `stackedProduct`).
    let batch = v.batchShape(beyondRank: 3)
    func product(_ x: Variable<Tensor>, _ y: Variable<Tensor>, _ tx: Bool, _ ty: Bool) -> Variable<Tensor> {
      stackedProduct(x, y, transposingX: tx, transposingY: ty, batch: batch)
    }
    switch (transposingA, transposingB) {
    case (false, false):
      return [a.needsGradient ? product(v, b, false, true) : nil, b.needsGradient ? product(a, v, true, false) : nil]
    case (true, false):
      return [a.needsGradient ? product(b, v, false, true) : nil, b.needsGradient ? product(a, v, false, false) : nil]
    case (false, true):
      return [a.needsGradient ? product(v, b, false, false) : nil, b.needsGradient ? product(v, a, true, false) : nil]
    case (true, true):
      return [a.needsGradient ? product(b, v, true, true) : nil, b.needsGradient ? product(v, a, true, true) : nil]
    }
  }
}

/// op(x)[i]·op(y)[i] for each matrix i of two rank-3 stacks, where one of x, y may carry extra leading
/// axes `batch` (a stack of adjoints, `batch + [count, p, q]`); with an empty batch, `batchedMatmul`. A
/// stacked left operand has its batch moved behind `count` and folded into the rows (one batched product);
/// a stacked right operand is handled by transposing, (op(x)·op(y))ᵀ = op(y)ᵀ·op(x)ᵀ.
func stackedProduct(
  _ x: Variable<Tensor>, _ y: Variable<Tensor>, transposingX: Bool, transposingY: Bool, batch: [Int]
) -> Variable<Tensor> {
  guard !batch.isEmpty else { return batchedMatmul(x, y, transposingA: transposingX, transposingB: transposingY) }
  if y.value.rank > 3 {
    return stackedProduct(y, x, transposingX: !transposingY, transposingY: !transposingX, batch: batch).transposingLastAxes()
  }
  let stack = transposingX ? x.transposingLastAxes() : x
  let s = stack.value.shape
  let (folded, count, rows, inner) = (batch.reduce(1, *), s[s.count - 3], s[s.count - 2], s[s.count - 1])
  let left = stack.reshaped(to: [folded, count, rows, inner]).transposed(permutation: [1, 0, 2, 3])
    .reshaped(to: [count, folded * rows, inner])
  let product = batchedMatmul(left, y, transposingB: transposingY)
  let columns = product.value.shape[2]
  return product.reshaped(to: [count, folded, rows, columns]).transposed(permutation: [1, 0, 2, 3])
    .reshaped(to: batch + [count, rows, columns])
}

/// The forward batched product: one GEMM per batch on sub-buffers of the operands.
private func batchedProduct(_ a: Tensor, _ b: Tensor, _ ta: Bool, _ tb: Bool) -> Tensor {
  let (sa, sb) = (a.shape, b.shape)
  checkPrecondition(sa.count == 3 && sb.count == 3 && sa[0] == sb[0], "matmul: batched shapes \(sa) × \(sb)")
  let m = ta ? sa[2] : sa[1], k = ta ? sa[1] : sa[2]
  let kb = tb ? sb[2] : sb[1], n = tb ? sb[1] : sb[2]
  checkPrecondition(k == kb, "matmul: inner dimensions differ: \(sa) × \(sb)")
  let count = sa[0]
  return Tensor(shape: [count, m, n]) { result in
    a.withUnsafeBufferPointer { pa in
      b.withUnsafeBufferPointer { pb in
        guard m * n > 0 else { return }
        if k == 0 {
          for i in result.indices { result[i] = 0 }
          return
        }
        for i in 0..<count {
          adjoint_dgemm(
            ta ? 1 : 0, tb ? 1 : 0, m, n, k, 1, pa.baseAddress! + i * sa[1] * sa[2], sa[2],
            pb.baseAddress! + i * sb[1] * sb[2], sb[2], 0, result.baseAddress! + i * m * n, n, 0, 0)
        }
      }
    }
  }
}

/// The outer product a ⊗ b of two vectors: the `[m, n]` matrix aᵢ·bⱼ.
///
/// Composed as the `[m, 1] × [1, n]` matrix product, so its pullback is matmul's: (v·b, vᵀ·a).
/// - Precondition: both are rank 1.
public func outer(_ a: Variable<Tensor>, _ b: Variable<Tensor>) -> Variable<Tensor> {
  checkPrecondition(
    a.value.rank == 1 && b.value.rank == 1, "outer: expects two vectors, got shapes \(a.value.shape) and \(b.value.shape)")
  return a.reshaped(to: [a.value.count, 1]).matmul(b.reshaped(to: [1, b.value.count]))
}

/// The dot product Σᵢ aᵢ·bᵢ of two vectors of the same length (a scalar tensor).
///
/// Composed as `(a * b).sum()`: the pullback is (v·b, v·a).
/// - Precondition: both are rank 1 with the same length.
public func dot(_ a: Variable<Tensor>, _ b: Variable<Tensor>) -> Variable<Tensor> {
  checkPrecondition(
    a.value.rank == 1 && a.value.shape == b.value.shape,
    "dot: expects two vectors of one length, got shapes \(a.value.shape) and \(b.value.shape)")
  return (a * b).sum()
}

extension Variable where Value == Tensor {
  /// The main diagonal of a matrix, as a vector of length min(rows, columns) (NumPy's `diagonal()`).
  ///
  /// Pullback: the adjoint v placed on the diagonal of a zero matrix of the input's shape.
  /// - Precondition: rank 2.
  public func diagonal() -> Variable {
    let shape = value.shape
    checkPrecondition(shape.count == 2, "diagonal: expects a matrix, got shape \(shape)")
    let d = Swift.min(shape[0], shape[1])
    let s = value.scalars
    let result = Tensor(shape: [d], scalars: (0..<d).map { s[$0 * shape[1] + $0] })
    return Variable.record("diagonal", value: result, inputs: [self], batchPolymorphic: true) { v, _, _ in
      let batch = v.batchShape(beyondRank: 1)
      guard !batch.isEmpty else { return [v.diagonalEmbedded(rows: shape[0], columns: shape[1])] }
      // A stack of adjoints: each placed on the diagonal of its own matrix, by flat offset.
      let offsets = Tensor.offsets((0..<d).map { $0 * shape[1] + $0 }, inEachOf: batch.reduce(1, *), blocksOf: shape[0] * shape[1])
      return [v.scatteringAdding(flatIndices: offsets, shape: batch + shape)]
    }
  }

  /// A `rows × columns` matrix with this vector on its main diagonal and zeros elsewhere (the adjoint of
  /// `diagonal()`; its pullback is `diagonal()`).
  /// - Precondition: rank 1, length min(rows, columns).
  public func diagonalEmbedded(rows: Int, columns: Int) -> Variable {
    checkPrecondition(
      value.rank == 1 && value.count == Swift.min(rows, columns),
      "diagonalEmbedded: expects a vector of length \(Swift.min(rows, columns)), got shape \(value.shape)")
    var scalars = [Double](repeating: 0, count: rows * columns)
    for (i, x) in value.scalars.enumerated() { scalars[i * columns + i] = x }
    let result = Tensor(shape: [rows, columns], scalars: scalars)
    return Variable.record("diagonalEmbedded", value: result, inputs: [self], batchPolymorphic: true) { v, inputs, _ in
      let batch = v.batchShape(beyondRank: 2)
      guard !batch.isEmpty else { return [v.diagonal()] }
      let d = inputs[0].value.count  // a stack of adjoints: the diagonal of each, by flat offset
      let offsets = Tensor.offsets((0..<d).map { $0 * columns + $0 }, inEachOf: batch.reduce(1, *), blocksOf: rows * columns)
      return [v.gathering(flatIndices: offsets, shape: batch + [d])]
    }
  }

  /// The trace Σᵢ Aᵢᵢ of a matrix (composed: `diagonal().sum()`; pullback v·I).
  /// - Precondition: rank 2.
  public func trace() -> Variable { diagonal().sum() }

  /// The Frobenius norm √(Σ xᵢ²) of a tensor of any rank — the 2-norm of a vector (NumPy's
  /// `np.linalg.norm` default). Composed as `sqrt((x * x).sum())`, so its gradient is x / ‖x‖ (undefined,
  /// NaN, at x = 0, as in PyTorch).
  public func frobeniusNorm() -> Variable { squareRoot((self * self).sum()) }
}

/// The n×n identity matrix (a constant).
func identityMatrix(_ n: Int) -> Tensor {
  var s = [Double](repeating: 0, count: n * n)
  for i in 0..<n { s[i * n + i] = 1 }
  return Tensor(shape: [n, n], scalars: s)
}

/// `sqrt` of a tensor variable, reachable from inside `Variable`'s extension (whose static `sqrt` shadows it).
private func squareRoot(_ x: Variable<Tensor>) -> Variable<Tensor> { sqrt(x) }
