internal import CAdjointKernels

/// Why a linear-algebra operation could not be computed: the matrix is data, so this is a thrown error,
/// never a trap and never NaNs passed on.
///
/// ```swift
/// do { _ = try solve(Variable(Tensor([[1, 2], [2, 4]])), Variable(Tensor([1, 1]))) }
/// catch { print(error) }
/// // prints: solve: the matrix is singular: pivot 2 of 2 is zero
/// ```
public enum LinearAlgebraError: Error, Equatable, CustomStringConvertible {
  /// LU factorisation (or a triangular solve) met an exactly zero pivot; `pivot` counts from 1.
  case singularMatrix(op: String, pivot: Int, of: Int)
  /// Cholesky factorisation met a leading minor that is not positive (or not finite); `minor` counts
  /// from 1.
  case notPositiveDefinite(op: String, minor: Int, of: Int)
  /// The matrix at `index` of the batch dimensions of a stack `[..., n, n]` failed with `error`.
  indirect case inBatch(index: [Int], error: LinearAlgebraError)

  /// The message, naming the op, the batch index (for a stack) and the pivot or minor that failed.
  public var description: String {
    switch self {
    case let .singularMatrix(op, pivot, n): "\(op): the matrix is singular: pivot \(pivot) of \(n) is zero"
    case let .notPositiveDefinite(op, minor, n):
      "\(op): the matrix is not positive definite: leading minor \(minor) of \(n) is not positive"
    case let .inBatch(index, error):
      switch error {
      case let .singularMatrix(op, pivot, n): "\(op): the matrix at batch index \(index) is singular: pivot \(pivot) of \(n) is zero"
      case let .notPositiveDefinite(op, minor, n):
        "\(op): the matrix at batch index \(index) is not positive definite: leading minor \(minor) of \(n) is not positive"
      case .inBatch: "batch index \(index): \(error)"
      }
    }
  }
}

/// The block size of the blocked factorisations: the trailing updates of each block go through the packed
/// GEMM kernel.
private let factorizationBlock = 32

/// The panel width of the blocked LU (its panel is factored by scalar loops, so narrower than Cholesky's).
private let luBlock = 16

/// `c[m×n] -= a[m×k] · op(b)` on row-major sub-matrices with leading dimensions, through the C kernel on one
/// thread.
@inline(__always)
private func subtractProduct(
  _ m: Int, _ n: Int, _ k: Int, _ a: UnsafePointer<Double>, _ lda: Int, _ b: UnsafePointer<Double>, _ ldb: Int,
  transposingB: Bool, _ c: UnsafeMutablePointer<Double>, _ ldc: Int
) {
  guard m > 0, n > 0, k > 0 else { return }
  adjoint_dgemm(0, transposingB ? 1 : 0, m, n, k, -1, a, lda, b, ldb, 1, c, ldc, 1, 0)
}

/// The LU factorisation with partial pivoting P·A = L·U of a square matrix, stored compactly (L unit lower
/// below the diagonal, U on and above it), as LAPACK's `getrf` does.
struct LUFactorization: @unchecked Sendable {
  /// The order n.
  let n: Int
  /// L and U in one row-major n×n buffer.
  let lu: [Double]
  /// Row i of P·A is row `rows[i]` of A.
  let rows: [Int]
  /// The sign of the permutation, ±1.
  let permutationSign: Double

  /// Factors `a` (rank 2, square), or throws `singularMatrix` naming `op` and the first zero pivot.
  /// - Complexity: (2/3)·n³ flops, blocked (panels of 16 columns; trailing updates by GEMM).
  init(_ a: Tensor, op: String) throws(LinearAlgebraError) {
    checkPrecondition(a.rank == 2 && a.shape[0] == a.shape[1], "\(op): expects a square matrix, got shape \(a.shape)")
    let n = a.shape[0]
    var lu = a.scalars
    var rows = Array(0..<n)
    var sign = 1.0
    var failed: Int? = nil
    lu.withUnsafeMutableBufferPointer { buffer in
      let p = buffer.baseAddress!
      var k0 = 0
      while k0 < n && failed == nil {
        let kEnd = min(k0 + luBlock, n)
        // Panel: columns k0..<kEnd, rows k0..<n, unblocked; row swaps span whole rows.
        for j in k0..<kEnd {
          var best = j
          var largest = abs(p[j * n + j])
          for i in (j + 1)..<max(n, j + 1) where abs(p[i * n + j]) > largest {
            largest = abs(p[i * n + j])
            best = i
          }
          if !(largest > 0) || !largest.isFinite {
            failed = j + 1
            return
          }
          if best != j {
            for c in 0..<n { (p[j * n + c], p[best * n + c]) = (p[best * n + c], p[j * n + c]) }
            rows.swapAt(j, best)
            sign = -sign
          }
          let pivot = p[j * n + j]
          for i in (j + 1)..<max(n, j + 1) {
            let l = p[i * n + j] / pivot
            p[i * n + j] = l
            if l != 0 {
              for c in (j + 1)..<kEnd { p[i * n + c] -= l * p[j * n + c] }
            }
          }
        }
        if kEnd < n {
          // U12 = L11⁻¹ A12 (unit lower forward substitution, row by row).
          for i in (k0 + 1)..<kEnd {
            for j in k0..<i {
              let l = p[i * n + j]
              if l != 0 { for c in kEnd..<n { p[i * n + c] -= l * p[j * n + c] } }
            }
          }
          // A22 -= L21 · U12.
          subtractProduct(
            n - kEnd, n - kEnd, kEnd - k0, p + kEnd * n + k0, n, p + k0 * n + kEnd, n, transposingB: false,
            p + kEnd * n + kEnd, n)
        }
        k0 = kEnd
      }
    }
    if let failed { throw .singularMatrix(op: op, pivot: failed, of: n) }
    self.n = n
    self.lu = lu
    self.rows = rows
    self.permutationSign = sign
  }

  /// X = A⁻¹·B, or A⁻ᵀ·B when `transposed`, for B of shape [n, k].
  /// - Complexity: 2·n²·k flops.
  func solve(_ b: Tensor, transposed: Bool) -> Tensor {
    let k = b.shape[1]
    let bs = b.scalars
    var x = [Double](repeating: 0, count: n * k)
    if !transposed {
      for i in 0..<n { for c in 0..<k { x[i * k + c] = bs[rows[i] * k + c] } }
      solveTriangular(lu, n, &x, k, lower: true, transposed: false, unitDiagonal: true)
      solveTriangular(lu, n, &x, k, lower: false, transposed: false, unitDiagonal: false)
      return Tensor(shape: [n, k], scalars: x)
    }
    // Aᵀ = Uᵀ·Lᵀ·P: solve Uᵀ y = b, Lᵀ z = y, x = Pᵀ z.
    var z = bs
    solveTriangular(lu, n, &z, k, lower: false, transposed: true, unitDiagonal: false)
    solveTriangular(lu, n, &z, k, lower: true, transposed: true, unitDiagonal: true)
    for i in 0..<n { for c in 0..<k { x[rows[i] * k + c] = z[i * k + c] } }
    return Tensor(shape: [n, k], scalars: x)
  }

  /// log|det A| (the sum of log|Uᵢᵢ|) and the sign of det A.
  var logAbsDeterminant: (sign: Double, logAbs: Double) {
    var sign = permutationSign
    var total = 0.0
    for i in 0..<n {
      let u = lu[i * n + i]
      if u < 0 { sign = -sign }
      total += libmLog(abs(u))
    }
    return (sign, total)
  }
}

/// Solves op(T)·X = B in place, where T is the lower (or upper) triangle of the row-major n×n buffer `t`,
/// op a transpose when `transposed`, and X, B are row-major [n, k].
/// - Complexity: n²·k flops.
func solveTriangular(
  _ t: [Double], _ n: Int, _ x: inout [Double], _ k: Int, lower: Bool, transposed: Bool, unitDiagonal: Bool
) {
  let effectiveLower = lower != transposed
  t.withUnsafeBufferPointer { tb in
    x.withUnsafeMutableBufferPointer { xb in
      let t = tb.baseAddress!, x = xb.baseAddress!
      @inline(__always) func m(_ i: Int, _ j: Int) -> Double { transposed ? t[j * n + i] : t[i * n + j] }
      if effectiveLower {
        for i in 0..<n {
          for j in 0..<i {
            let l = m(i, j)
            if l != 0 { for c in 0..<k { x[i * k + c] -= l * x[j * k + c] } }
          }
          if !unitDiagonal { let d = m(i, i); for c in 0..<k { x[i * k + c] /= d } }
        }
      } else {
        for i in stride(from: n - 1, through: 0, by: -1) {
          for j in (i + 1)..<max(n, i + 1) {
            let u = m(i, j)
            if u != 0 { for c in 0..<k { x[i * k + c] -= u * x[j * k + c] } }
          }
          if !unitDiagonal { let d = m(i, i); for c in 0..<k { x[i * k + c] /= d } }
        }
      }
    }
  }
}

/// The lower-triangular Cholesky factor L of a symmetric positive-definite matrix (A = L·Lᵀ; only the lower
/// triangle of `a` is read), or `notPositiveDefinite` naming `op` and the first failing leading minor.
/// - Complexity: n³/3 flops, blocked (panels of 32; trailing updates by GEMM on the lower block rows only).
func choleskyFactor(_ a: Tensor, op: String) throws(LinearAlgebraError) -> Tensor {
  checkPrecondition(a.rank == 2 && a.shape[0] == a.shape[1], "\(op): expects a square matrix, got shape \(a.shape)")
  let n = a.shape[0]
  var l = a.scalars
  var failed: Int? = nil
  l.withUnsafeMutableBufferPointer { buffer in
    let p = buffer.baseAddress!
    var k0 = 0
    while k0 < n {
      let kEnd = min(k0 + factorizationBlock, n)
      // Diagonal block, unblocked (its trailing part was updated by the earlier panels).
      for j in k0..<kEnd {
        var d = p[j * n + j]
        for c in k0..<j { d -= p[j * n + c] * p[j * n + c] }
        if !(d > 0) || !d.isFinite {
          failed = j + 1
          return
        }
        let root = d.squareRoot()
        p[j * n + j] = root
        for i in (j + 1)..<kEnd {
          var s = p[i * n + j]
          for c in k0..<j { s -= p[i * n + c] * p[j * n + c] }
          p[i * n + j] = s / root
        }
      }
      if kEnd < n {
        // L21 = A21 · L11⁻ᵀ, row by row.
        for i in kEnd..<n {
          for j in k0..<kEnd {
            var s = p[i * n + j]
            for c in k0..<j { s -= p[i * n + c] * p[j * n + c] }
            p[i * n + j] = s / p[j * n + j]
          }
        }
        // A22 -= L21 · L21ᵀ, one block row at a time, up to its diagonal block.
        var r0 = kEnd
        while r0 < n {
          let rEnd = min(r0 + factorizationBlock, n)
          subtractProduct(
            rEnd - r0, rEnd - kEnd, kEnd - k0, p + r0 * n + k0, n, p + kEnd * n + k0, n, transposingB: true,
            p + r0 * n + kEnd, n)
          r0 = rEnd
        }
      }
      k0 = kEnd
    }
    // Zero the strict upper triangle.
    for i in 0..<n { for c in (i + 1)..<max(n, i + 1) { p[i * n + c] = 0 } }
  }
  if let failed { throw .notPositiveDefinite(op: op, minor: failed, of: n) }
  return Tensor(shape: [n, n], scalars: l)
}
