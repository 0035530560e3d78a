internal import CAdjointKernels

extension Tensor {
  /// The matrix product `op(self) · op(other)`, where `op(x)` is `x`, or `x` transposed when the matching
  /// `transposing…` flag is set.
  ///
  /// ```swift
  /// let a = Tensor([[1, 2, 3], [4, 5, 6]])            // [2, 3]
  /// let b = Tensor([[1, 0], [0, 1], [1, 1]])          // [3, 2]
  /// a.matmul(b)                                       // [[4, 5], [10, 11]]
  /// a.matmul(a, transposingOther: true)               // a · aᵀ, shape [2, 2]
  /// ```
  ///
  /// Transposition is handled inside the kernel while it packs its operands: no transposed copy is made, so
  /// the backward products `dC · Bᵀ` and `Aᵀ · dC` cost the same as a plain product.
  ///
  /// - Parameters:
  ///   - other: the right-hand matrix.
  ///   - transposingSelf: use `selfᵀ` instead of `self`.
  ///   - transposingOther: use `otherᵀ` instead of `other`.
  ///   - threads: `1` or `2` threads, or `nil` to decide by size (two only for products large enough to
  ///     repay handing half to the helper thread: m·n·k ≥ 4·2²⁰ multiply-adds, about 160³, cut into parts
  ///     of at least two tiles; a matrix times a vector from 2²⁰/4 matrix elements (2 MB); and only when
  ///     more than one CPU is online). Other small products (m·n·k ≤ 80³ with `other` not transposed)
  ///     run unpacked on the calling thread whatever the count. The result is the same on one or two
  ///     threads.
  /// - Returns: an `[m, n]` tensor, where `op(self)` is `[m, k]` and `op(other)` is `[k, n]`. When `k == 0`
  ///   the result is all zeros.
  /// - Precondition: both tensors have rank 2, and the inner dimensions `k` agree; `threads` is 1, 2 or nil.
  /// - Complexity: O(m·n·k) time; O(m·n) for the result, plus a packing buffer per calling thread that is
  ///   reused across calls.
  public func matmul(
    _ other: Tensor, transposingSelf: Bool = false, transposingOther: Bool = false, threads: Int? = nil
  ) -> Tensor {
    matmul(
      other, transposingSelf: transposingSelf, transposingOther: transposingOther, threads: threads,
      kernel: .automatic)
  }

  /// The instruction set `matmul` runs on with this CPU: "avx512", "avx2-fma" or "portable" (chosen at run
  /// time; the package needs no build flags).
  public static var matrixProductInstructionSet: String { MatrixProductKernel.automatic.name }

  /// `matmul(_:transposingSelf:transposingOther:threads:)` on a chosen micro-kernel family (tests use this to
  /// cover every kernel the machine supports; an unsupported family falls back to the best supported one).
  func matmul(
    _ other: Tensor, transposingSelf: Bool, transposingOther: Bool, threads: Int?, kernel: MatrixProductKernel
  ) -> Tensor {
    let shape = MatrixProductShape(
      "matmul", self.shape, other.shape, transposingLeft: transposingSelf, transposingRight: transposingOther)
    return Tensor(shape: [shape.m, shape.n]) { result in
      self.withUnsafeBufferPointer { left in
        other.withUnsafeBufferPointer { right in
          runMatrixProduct(
            shape, left, right, alpha: 1, beta: 0, into: result, threads: threads, kernel: kernel)
        }
      }
    }
  }

  /// Accumulates a matrix product into this tensor in place, without allocating a result:
  /// `self = alpha · op(left) · op(right) + beta · self`.
  ///
  /// The engine uses this to add a backward product such as `dA += dC · Bᵀ` straight into a gradient.
  /// With `beta == 0` the old scalars are not read (they may be NaN).
  ///
  /// - Precondition: all three tensors have rank 2, the inner dimensions agree, `self` has the product's
  ///   shape `[m, n]`, and `threads` is 1, 2 or nil.
  /// - Complexity: O(m·n·k).
  mutating func addMatrixProduct(
    _ left: Tensor, _ right: Tensor, transposingLeft: Bool = false, transposingRight: Bool = false,
    alpha: Double = 1, beta: Double = 1, threads: Int? = nil, kernel: MatrixProductKernel = .automatic
  ) {
    let shape = MatrixProductShape(
      "addMatrixProduct", left.shape, right.shape, transposingLeft: transposingLeft,
      transposingRight: transposingRight)
    checkPrecondition(
      self.shape == [shape.m, shape.n],
      "addMatrixProduct: accumulator has shape \(self.shape), the product \(shape.description) has shape "
        + "\([shape.m, shape.n])")
    withUnsafeMutableBufferPointer { result in
      left.withUnsafeBufferPointer { a in
        right.withUnsafeBufferPointer { b in
          runMatrixProduct(shape, a, b, alpha: alpha, beta: beta, into: result, threads: threads, kernel: kernel)
        }
      }
    }
  }
}

/// The micro-kernel families of the C matrix-product kernel (`CAdjointKernels`), chosen at run time.
enum MatrixProductKernel: Int32, CaseIterable, Sendable {
  /// The best family this CPU supports (what `matmul` uses).
  case automatic = 0
  /// Plain C, any CPU.
  case portable = 1
  /// 256-bit AVX2 with FMA.
  case avx2FMA = 2
  /// 512-bit AVX-512.
  case avx512 = 3

  /// Whether this CPU can run the family (`automatic` and `portable` always can).
  var isSupported: Bool { adjoint_gemm_isa_is_supported(rawValue) != 0 }

  /// The family's name as the benchmarks report it ("avx512", "avx2-fma", "portable"); for `automatic`,
  /// the name of the family it resolves to on this CPU.
  var name: String { String(cString: adjoint_gemm_isa_name(rawValue)) }
}

/// The checked dimensions of `op(left) · op(right)`: `op(left)` is `[m, k]`, `op(right)` is `[k, n]`.
struct MatrixProductShape: CustomStringConvertible {
  /// The operation being checked, for messages ("matmul", "addMatrixProduct").
  let operation: String
  let m, n, k: Int
  let transposingLeft, transposingRight: Bool
  /// The stored shapes, for messages and leading dimensions.
  let left, right: [Int]

  /// Checks ranks and inner dimensions, trapping with a message that names `operation` and the shapes.
  init(_ operation: String, _ left: [Int], _ right: [Int], transposingLeft: Bool, transposingRight: Bool) {
    self.operation = operation
    self.left = left
    self.right = right
    self.transposingLeft = transposingLeft
    self.transposingRight = transposingRight
    checkPrecondition(
      left.count == 2 && right.count == 2, "\(operation): expects rank-2 tensors, got shapes \(left) and \(right)")
    m = transposingLeft ? left[1] : left[0]
    k = transposingLeft ? left[0] : left[1]
    let rightRows = transposingRight ? right[1] : right[0]
    n = transposingRight ? right[0] : right[1]
    checkPrecondition(k == rightRows, "\(operation): inner dimensions differ: \(description)")
  }

  /// The product as written, e.g. `[4, 3] × transpose([5, 3])`.
  var description: String {
    func operand(_ shape: [Int], _ transposed: Bool) -> String { transposed ? "transpose(\(shape))" : "\(shape)" }
    return "\(operand(left, transposingLeft)) × \(operand(right, transposingRight))"
  }
}

/// Calls the C kernel: `result = alpha · op(left) · op(right) + beta · result` on dense row-major buffers.
private func runMatrixProduct(
  _ shape: MatrixProductShape, _ left: UnsafeBufferPointer<Double>, _ right: UnsafeBufferPointer<Double>,
  alpha: Double, beta: Double, into result: UnsafeMutableBufferPointer<Double>, threads: Int?,
  kernel: MatrixProductKernel
) {
  checkPrecondition(
    threads == nil || threads == 1 || threads == 2,
    "\(shape.operation): threads must be 1, 2 or nil, got \(threads.map(String.init) ?? "nil")")
  // Row strides of the stored (untransposed) matrices; at least 1 so that empty matrices stay valid to C.
  let leftStride = max(shape.left[1], 1)
  let rightStride = max(shape.right[1], 1)
  adjoint_dgemm(
    shape.transposingLeft ? 1 : 0, shape.transposingRight ? 1 : 0, shape.m, shape.n, shape.k, alpha,
    left.baseAddress, leftStride, right.baseAddress, rightStride, beta, result.baseAddress, max(shape.n, 1),
    Int32(MatrixProductThreads.resolve(threads) ?? 0), kernel.rawValue)
}
