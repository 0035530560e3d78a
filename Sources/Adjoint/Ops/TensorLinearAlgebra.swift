// The matrix product of tensor variables and its pullback.

extension Variable where Value == Tensor {
  /// The matrix product C = op(A) · op(B), with A = self, B = `other`, and op a transpose when the matching
  /// flag is set. No transposed copy is made, forward or backward.
  ///
  /// Pullback, with v the adjoint of C: d op(A) = v · op(B)ᵀ and d op(B) = op(A)ᵀ · v, which the transpose
  /// flags of `Tensor.matmul` express directly:
  ///
  /// | C       | dA          | dB          |
  /// |---------|-------------|-------------|
  /// | A·B     | v·Bᵀ        | Aᵀ·v        |
  /// | Aᵀ·B    | B·vᵀ        | A·v         |
  /// | A·Bᵀ    | v·B         | vᵀ·A        |
  /// | Aᵀ·Bᵀ   | Bᵀ·vᵀ       | vᵀ·Aᵀ       |
  ///
  /// The pullback is batch-polymorphic: an adjoint of shape `batch + C.shape` gives each input's
  /// contribution for each leading index at once (`Variable.sliceProduct`), as the batched sweep of
  /// `hessian` and `jacobian` needs.
  ///
  /// - Precondition: both tensors have rank 2 and the inner dimensions agree.
  /// - Complexity: O(m·n·k) forward, twice that backward.
  public func matmul(_ other: Variable, transposingSelf: Bool = false, transposingOther: Bool = false) -> Variable {
    let product = value.matmul(other.value, transposingSelf: transposingSelf, transposingOther: transposingOther)
    guard isRecorded || other.isRecorded else { return Variable(product) }  // constants (first-order pullbacks)
    return Variable.record("matmul", value: product, inputs: [self, other], batchPolymorphic: true) { v, inputs, _ in
      let (a, b) = (inputs[0], inputs[1])
      // Batch-polymorphic: v may be a stack of adjoints (`batch + C.shape`), each pulled back on its own.
      let batch = v.batchShape(beyondRank: 2)
      func product(_ x: Variable, _ y: Variable, _ tx: Bool, _ ty: Bool) -> Variable {
        Variable.sliceProduct(x, y, transposingX: tx, transposingY: ty, batch: batch)
      }
      // An input that needs no gradient (such as a batch of data) costs no product.
      let da: Variable?
      let db: Variable?
      switch (transposingSelf, transposingOther) {
      case (false, false):
        da = a.needsGradient ? product(v, b, false, true) : nil
        db = b.needsGradient ? product(a, v, true, false) : nil
      case (true, false):
        da = a.needsGradient ? product(b, v, false, true) : nil
        db = b.needsGradient ? product(a, v, false, false) : nil
      case (false, true):
        da = a.needsGradient ? product(v, b, false, false) : nil
        db = b.needsGradient ? product(v, a, true, false) : nil
      case (true, true):
        da = a.needsGradient ? product(b, v, true, true) : nil
        db = b.needsGradient ? product(v, a, true, true) : nil
      }
      return [da, db]
    }
  }
}
