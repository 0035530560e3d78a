// What lets one derivative rule serve a stack of adjoints (JAX's vmap over cotangents): an adjoint `v` of
// shape `batch + output.shape` stands for one adjoint per leading index, and a batch-polymorphic rule must
// return contributions of shape `batch + input.shape`. Elementwise arithmetic is batch-polymorphic by
// broadcasting (shapes align from the end); the helpers below cover the steps that are not — reductions to
// a shape, broadcasting to a shape, transposing and the matrix product — and reduce to the plain operation
// when the batch is empty, so an ordinary sweep records exactly what it did before. Each is written with
// differentiable `Variable<Tensor>` operations, so a rule using them stays correct at any order.

extension Variable where Value == Tensor {
  /// The leading extents of this adjoint beyond the `rank` trailing axes of the node it belongs to
  /// (empty in an ordinary sweep).
  ///
  /// - Precondition: this tensor has at least `rank` axes.
  func batchShape(beyondRank rank: Int) -> [Int] {
    let shape = value.shape
    checkPrecondition(shape.count >= rank, "batched adjoint: shape \(shape) has fewer than the node's \(rank) axes")
    return Array(shape.prefix(shape.count - rank))
  }

  /// `broadcasted(to: batch + shape)`, where this tensor is `batch + s` with `s` broadcastable to `shape`:
  /// `s` is first padded with leading 1s to `shape`'s rank, so that the batch axes stay in front.
  func broadcasted(to shape: [Int], keepingBatch batch: [Int]) -> Variable {
    guard !batch.isEmpty else { return broadcasted(to: shape) }
    let own = value.shape.dropFirst(batch.count)
    let padded = batch + [Int](repeating: 1, count: Swift.max(0, shape.count - own.count)) + own
    let aligned = padded == value.shape ? self : reshaped(to: padded)
    return aligned.broadcasted(to: batch + shape)
  }

  /// `summed(toShape: batch + shape)`, where this tensor is `batch + s` and `shape` broadcasts to `s`: the
  /// sum keeps the batch axes (it sums `s`'s extra leading axes, not the batch's).
  func summed(toShape shape: [Int], keepingBatch batch: [Int]) -> Variable {
    guard !batch.isEmpty else { return summed(toShape: shape) }
    let extra = value.rank - batch.count - shape.count
    guard extra > 0 else { return summed(toShape: batch + shape) }
    let padded = batch + [Int](repeating: 1, count: extra) + shape
    return summed(toShape: padded).reshaped(to: batch + shape)
  }

  /// Each matrix of a stack (the last two axes) transposed; a reshape when one of them has extent 1.
  ///
  /// - Precondition: the rank is at least 2.
  func transposingLastAxes() -> Variable {
    let shape = value.shape
    let r = shape.count
    checkPrecondition(r >= 2, "transposingLastAxes: rank \(r), expected at least 2")
    if r == 2 && shape[0] != 1 && shape[1] != 1 { return transposed() }
    var swapped = shape
    swapped.swapAt(r - 2, r - 1)
    if shape[r - 2] == 1 || shape[r - 1] == 1 { return reshaped(to: swapped) }
    var permutation = Array(0..<r)
    permutation.swapAt(r - 2, r - 1)
    return transposed(permutation: permutation)
  }

  /// op(x)·op(y) for each matrix of a stack: one of `x`, `y` is a stack of shape `batch + [p, q]` (the
  /// batched adjoint), the other a matrix; with an empty batch, `x.matmul(y, …)`. A stack on the left is
  /// flattened into one taller matrix (one product); a stack on the right is handled by transposing,
  /// (op(x)·op(yᵦ))ᵀ = op(yᵦ)ᵀ·op(x)ᵀ, which for a stack of vectors (q = 1: the matrix–vector products of
  /// a Hessian's rows) is a reshape and one matrix–matrix product.
  static func sliceProduct(
    _ x: Variable, _ y: Variable, transposingX: Bool = false, transposingY: Bool = false, batch: [Int]
  ) -> Variable {
    guard !batch.isEmpty else { return x.matmul(y, transposingSelf: transposingX, transposingOther: transposingY) }
    if y.value.rank > 2 {
      let flipped = sliceProduct(y, x, transposingX: !transposingY, transposingY: !transposingX, batch: batch)
      return flipped.transposingLastAxes()
    }
    let stack = transposingX ? x.transposingLastAxes() : x
    let rows = stack.value.shape[stack.value.rank - 2], inner = stack.value.shape[stack.value.rank - 1]
    let count = batch.reduce(1, *)
    let product = stack.reshaped(to: [count * rows, inner]).matmul(y, transposingOther: transposingY)
    return product.reshaped(to: batch + [rows, product.value.shape[1]])
  }
}
