// A straightforward matrix product, standing in until the packed SIMD kernel (Tensor+MatrixProduct.swift)
// merges; that file then replaces this one, with the same public signature.

extension Tensor {
  /// The matrix product `op(self) · op(other)`, where `op(x)` is `x`, or `x` transposed when the matching
  /// `transposing…` flag is set. No transposed copy is made.
  ///
  /// ```swift
  /// Tensor([[1, 2, 3], [4, 5, 6]]).matmul(Tensor([[1, 0], [0, 1], [1, 1]]))   // [[4, 5], [10, 11]]
  /// ```
  ///
  /// - Returns: an `[m, n]` tensor, where `op(self)` is `[m, k]` and `op(other)` is `[k, n]` (zeros if k = 0).
  /// - Precondition: both tensors have rank 2 and the inner dimensions `k` agree.
  /// - Complexity: O(m·n·k).
  public func matmul(_ other: Tensor, transposingSelf: Bool = false, transposingOther: Bool = false) -> Tensor {
    naiveMatmul(other, transposingSelf: transposingSelf, transposingOther: transposingOther)
  }

  /// The product by loops ordered so that the innermost one runs over contiguous memory, through rebased
  /// pointers so that it vectorizes: rows of the result accumulate scaled rows of op(other). A transposed
  /// `other` is first packed into a `[k, n]` scratch buffer (O(n·k), as a GEMM packs its panels), because
  /// the alternative — dot products — is a serial floating-point reduction that does not vectorize.
  func naiveMatmul(_ other: Tensor, transposingSelf: Bool, transposingOther: Bool) -> Tensor {
    func operand(_ shape: [Int], _ transposed: Bool) -> String { transposed ? "transpose(\(shape))" : "\(shape)" }
    precondition(rank == 2 && other.rank == 2, "matmul: expects rank-2 tensors, got shapes \(shape) and \(other.shape)")
    let (m, k) = transposingSelf ? (shape[1], shape[0]) : (shape[0], shape[1])
    let (k2, n) = transposingOther ? (other.shape[1], other.shape[0]) : (other.shape[0], other.shape[1])
    precondition(
      k == k2,
      "matmul: inner dimensions differ: \(operand(shape, transposingSelf)) × \(operand(other.shape, transposingOther))")
    let left = scalars
    let right = transposingOther ? other.transposed().scalars : other.scalars  // now [k, n]
    var result = [Double](repeating: 0, count: m * n)
    result.withUnsafeMutableBufferPointer { c in
      left.withUnsafeBufferPointer { a in
        right.withUnsafeBufferPointer { b in
          guard let c = c.baseAddress, let a = a.baseAddress, let b = b.baseAddress else { return }
          // a(i, p) as stored: a is [m, k], or [k, m] when transposed.
          let (aRow, aColumn) = transposingSelf ? (1, m) : (k, 1)
          for i in 0..<m {  // c[i, :] += a(i, p) · b[p, :]
            let cRow = c + i * n
            for p in 0..<k {
              let (s, bRow) = (a[i * aRow + p * aColumn], b + p * n)
              for j in 0..<n { cRow[j] += s * bRow[j] }
            }
          }
        }
      }
    }
    return Tensor(shape: [m, n], storage: .array(result))
  }
}
