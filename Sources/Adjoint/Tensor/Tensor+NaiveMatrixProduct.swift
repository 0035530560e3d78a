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

  /// The product by loops ordered so that the innermost one runs over contiguous memory where it can.
  func naiveMatmul(_ other: Tensor, transposingSelf: Bool, transposingOther: Bool) -> Tensor {
    func operand(_ shape: [Int], _ transposed: Bool) -> String { transposed ? "transpose(\(shape))" : "\(shape)" }
    let description = "\(operand(shape, transposingSelf)) × \(operand(other.shape, transposingOther))"
    precondition(rank == 2 && other.rank == 2, "matmul: expects rank-2 tensors, got shapes \(shape) and \(other.shape)")
    let (m, k) = transposingSelf ? (shape[1], shape[0]) : (shape[0], shape[1])
    let (k2, n) = transposingOther ? (other.shape[1], other.shape[0]) : (other.shape[0], other.shape[1])
    precondition(k == k2, "matmul: inner dimensions differ: \(description)")
    return Tensor(shape: [m, n]) { c in
      for i in 0..<c.count { c[i] = 0 }
      withUnsafeBufferPointer { a in
        other.withUnsafeBufferPointer { b in
          switch (transposingSelf, transposingOther) {
          case (false, false):  // c[i, :] += a[i, p] · b[p, :]
            for i in 0..<m { for p in 0..<k { let s = a[i * k + p]; for j in 0..<n { c[i * n + j] += s * b[p * n + j] } } }
          case (true, false):  // a is [k, m]: c[i, :] += a[p, i] · b[p, :]
            for p in 0..<k { for i in 0..<m { let s = a[p * m + i]; for j in 0..<n { c[i * n + j] += s * b[p * n + j] } } }
          case (false, true):  // b is [n, k]: c[i, j] = a[i, :] · b[j, :]
            for i in 0..<m {
              for j in 0..<n {
                var total = 0.0
                for p in 0..<k { total += a[i * k + p] * b[j * k + p] }
                c[i * n + j] = total
              }
            }
          case (true, true):  // a is [k, m], b is [n, k]: c[i, j] = Σ a[p, i] · b[j, p]
            for i in 0..<m {
              for j in 0..<n {
                var total = 0.0
                for p in 0..<k { total += a[p * m + i] * b[j * k + p] }
                c[i * n + j] = total
              }
            }
          }
        }
      }
    }
  }
}
