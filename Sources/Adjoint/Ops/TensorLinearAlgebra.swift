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
  /// - Precondition: both tensors have rank 2 and the inner dimensions agree.
  /// - Complexity: O(m·n·k) forward, twice that backward.
  public func matmul(_ other: Variable, transposingSelf: Bool = false, transposingOther: Bool = false) -> Variable {
    let product = value.matmul(other.value, transposingSelf: transposingSelf, transposingOther: transposingOther)
    guard isRecorded || other.isRecorded else { return Variable(product) }  // constants (first-order pullbacks)
    return Variable.record("matmul", value: product, inputs: [self, other]) { v, inputs, _ in
      let (a, b) = (inputs[0], inputs[1])
      // An input that needs no gradient (such as a batch of data) costs no product.
      let da: Variable?
      let db: Variable?
      switch (transposingSelf, transposingOther) {
      case (false, false):
        da = a.needsGradient ? v.matmul(b, transposingOther: true) : nil
        db = b.needsGradient ? a.matmul(v, transposingSelf: true) : nil
      case (true, false):
        da = a.needsGradient ? b.matmul(v, transposingOther: true) : nil
        db = b.needsGradient ? a.matmul(v) : nil
      case (false, true):
        da = a.needsGradient ? v.matmul(b) : nil
        db = b.needsGradient ? v.matmul(a, transposingSelf: true) : nil
      case (true, true):
        da = a.needsGradient ? b.matmul(v, transposingSelf: true, transposingOther: true) : nil
        db = b.needsGradient ? v.matmul(a, transposingSelf: true, transposingOther: true) : nil
      }
      return [da, db]
    }
  }
}
