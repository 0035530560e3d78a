// The fused in-place update self += factor · other (BLAS's axpy, PyTorch's `add_(other, alpha=)`), the
// inner step of every optimizer: one pass over both operands, no temporary for the product. The loop is the
// C kernel `adjoint_axpy` (CAdjointKernels/axpy.c), which rounds the product and the sum separately and
// splits a large pass over two threads.

internal import CAdjointKernels

extension Tensor {
  /// Adds `factor · other` to this tensor in place, in one pass: xᵢ ← xᵢ + factor·yᵢ.
  ///
  /// The name follows `FloatingPoint.addProduct(_:_:)`; it is PyTorch's `x.add_(y, alpha=factor)` and BLAS's
  /// `axpy`. Each element is rounded as `x + (factor * y)` (a product, then a sum, no fused multiply-add), so
  /// it equals `x += factor * other` bit for bit, and `x.addProduct(-η, g)` equals `x -= η * g` (negation
  /// is exact in IEEE 754).
  ///
  /// ```swift
  /// var p = Tensor([1.0, 2.0, 3.0])
  /// p.addProduct(-0.5, Tensor([2.0, 4.0, 6.0]))
  /// print(p)   // prints: [0.0 0.0 0.0]
  /// ```
  ///
  /// The storage is updated in place when this tensor is its only owner; when it is shared (a copy of the
  /// tensor is alive elsewhere, or `other` is this tensor itself), the result is written in the same one
  /// pass into a new buffer and the copies keep their values.
  ///
  /// A large update (from 128Ki elements, 1 MiB) is bound by memory bandwidth and is split between two
  /// threads unless the caller asked for one with `withMatrixProductThreads(1)`; each element's result is
  /// the same on one thread or two.
  ///
  /// - Parameters:
  ///   - factor: the scalar multiplying `other`.
  ///   - other: the tensor added, of this tensor's shape.
  /// - Precondition: `other.shape == shape` (no broadcasting: broadcast explicitly with
  ///   `broadcasted(to:)` if you mean it).
  /// - Complexity: O(count), one read of each operand and one write.
  public mutating func addProduct(_ factor: Double, _ other: Tensor) {
    checkPrecondition(
      shape == other.shape,
      "addProduct(_:_:): the shapes differ: \(shape) += factor × \(other.shape); both must have the same shape")
    let threads = Int32(MatrixProductThreads.resolve(nil) ?? 0)
    other.withUnsafeBufferPointer { y in
      overwriteScalars { x, old, n in adjoint_axpy(x, old, factor, y.baseAddress, n, threads) }
    }
  }
}
