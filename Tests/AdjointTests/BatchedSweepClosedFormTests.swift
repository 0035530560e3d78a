import Foundation
import Testing
@testable import Adjoint

/// Hessians through the softmax family, means and variances, max, norms, slices, gathers, convolution and
/// pooling take the
/// batched sweep (one walk of the recorded gradient with a stack of seeds) and equal closed forms computed
/// here in plain Doubles.
@Suite struct BatchedSweepClosedFormTests {
  /// The softmax of `x`'s scalars, in plain Doubles (shifted by the maximum).
  static func softmax(_ x: [Double]) -> [Double] {
    let m = x.max() ?? 0
    let e = x.map { Foundation.exp($0 - m) }
    let total = e.reduce(0, +)
    return e.map { $0 / total }
  }

  /// The Hessian of logSumExp(x) is diag(p) − ppᵀ with p = softmax(x): for the whole tensor, and for a row
  /// of logSumExp(alongAxis: 1) summed, block-diagonal in the rows.
  @Test(arguments: [[5], [2, 3], [1]])
  func logSumExpHessianIsDiagonalPMinusPPTranspose(_ shape: [Int]) {
    var rng = SplitMix64(seed: UInt64(shape.reduce(7, *)))
    let x = Tensor.random(shape: shape, in: -3..<3, using: &rng)
    let (h, batched) = hessianReportingSweep(at: x) { $0.logSumExp() }
    #expect(batched, "logSumExp and softmax are batch-polymorphic")
    let p = Self.softmax(x.scalars), n = x.count
    var expected = [Double](repeating: 0, count: n * n)
    for i in 0..<n { for j in 0..<n { expected[i * n + j] = (i == j ? p[i] : 0) - p[i] * p[j] } }
    expectClose(h, Tensor(shape: shape + shape, scalars: expected), tolerance: 1e-14)
  }

  @Test func rowwiseLogSumExpHessianIsBlockDiagonal() {
    var rng = SplitMix64(seed: 4)
    let x = Tensor.random(shape: [3, 4], in: -2..<2, using: &rng)
    let (h, batched) = hessianReportingSweep(at: x) { $0.logSumExp(alongAxis: 1).sum() }
    #expect(batched)
    var expected = [Double](repeating: 0, count: 144)
    for r in 0..<3 {
      let p = Self.softmax(Array(x.scalars[(r * 4)..<(r * 4 + 4)]))
      for i in 0..<4 { for j in 0..<4 { expected[(r * 4 + i) * 12 + r * 4 + j] = (i == j ? p[i] : 0) - p[i] * p[j] } }
    }
    expectClose(h, Tensor(shape: [3, 4, 3, 4], scalars: expected), tolerance: 1e-14)
  }

  /// mean(x²) has Hessian (2/n)·I; variance(x) has (2/n)(I − 11ᵀ/n).
  @Test(arguments: [[6], [2, 3]])
  func meanOfSquaresAndVarianceHaveConstantHessians(_ shape: [Int]) {
    var rng = SplitMix64(seed: 9)
    let x = Tensor.random(shape: shape, in: -2..<2, using: &rng)
    let n = x.count
    let (hm, bm) = hessianReportingSweep(at: x) { ($0 * $0).mean() }
    let (hv, bv) = hessianReportingSweep(at: x) { $0.variance() }
    #expect(bm && bv)
    let dn = Double(n)
    let mean = (0..<(n * n)).map { $0 / n == $0 % n ? 2 / dn : 0 }
    let variance = (0..<(n * n)).map { ($0 / n == $0 % n ? 2 / dn : 0) - 2 / (dn * dn) }
    expectClose(hm, Tensor(shape: shape + shape, scalars: mean), tolerance: 1e-14)
    expectClose(hv, Tensor(shape: shape + shape, scalars: variance), tolerance: 1e-14)
  }

  /// The log-likelihood of softmax regression, L(W) = Σᵢ log softmax(xᵢ W)_{yᵢ}, has Hessian
  /// ∂²L/∂W_{aj}∂W_{bk} = −Σᵢ x_{ia} x_{ib} (δ_{jk} p_{ij} − p_{ij} p_{ik}), p_i = softmax(xᵢ W).
  @Test func softmaxRegressionLogLikelihoodHessian() {
    var rng = SplitMix64(seed: 31)
    let (m, d, c) = (6, 3, 4)
    let data = Tensor.random(shape: [m, d], in: -1..<1, using: &rng)
    let w = Tensor.random(shape: [d, c], in: -1..<1, using: &rng)
    let labels = [0, 3, 1, 1, 2, 0]
    let (h, batched) = hessianReportingSweep(at: w) { w in
      Variable(data).matmul(w).logSoftmax(alongAxis: 1).gathering(columnPerRow: labels).sum()
    }
    #expect(batched, "matmul, logSoftmax, gathering(columnPerRow:) and sum are batch-polymorphic")
    let xs = data.scalars, ws = w.scalars
    var expected = [Double](repeating: 0, count: d * c * d * c)
    for i in 0..<m {
      let z = (0..<c).map { j in (0..<d).reduce(0.0) { $0 + xs[i * d + $1] * ws[$1 * c + j] } }
      let p = Self.softmax(z)
      for a in 0..<d { for j in 0..<c { for b in 0..<d { for k in 0..<c {
        expected[(a * c + j) * d * c + b * c + k] -= xs[i * d + a] * xs[i * d + b] * ((j == k ? p[j] : 0) - p[j] * p[k])
      } } } }
    }
    expectClose(h, Tensor(shape: [d, c, d, c], scalars: expected), tolerance: 1e-13)
  }

  /// Σ (rowwise max)² has Hessian 2 at each row's argmax (a diagonal entry), and ‖x‖₂ has (I − uuᵀ)/‖x‖
  /// with u = x/‖x‖.
  @Test func maxSquaredAndNormHessians() {
    let x = Tensor([[0.5, -1, 2], [3, 0.25, -2]])
    let (hmax, bmax) = hessianReportingSweep(at: x) { x in
      let m = x.max(alongAxes: [1])
      return (m * m).sum()
    }
    #expect(bmax)
    var expectedMax = [Double](repeating: 0, count: 36)
    expectedMax[2 * 6 + 2] = 2  // x[0, 2] = 2 is row 0's maximum
    expectedMax[3 * 6 + 3] = 2  // x[1, 0] = 3 is row 1's
    expectClose(hmax, Tensor(shape: [2, 3, 2, 3], scalars: expectedMax), tolerance: 0)
    let v = Tensor([1, -2, 2, 4])  // ‖v‖ = 5
    let (hnorm, bnorm) = hessianReportingSweep(at: v) { $0.norm() }
    #expect(bnorm)
    let s = v.scalars
    let expectedNorm = (0..<16).map { k -> Double in
      let identity: Double = k / 4 == k % 4 ? 1 : 0
      let outer: Double = s[k / 4] * s[k % 4] / 25  // uᵢuⱼ with u = v/5
      return (identity - outer) / 5
    }
    expectClose(hnorm, Tensor(shape: [4, 4], scalars: expectedNorm), tolerance: 1e-15)
  }

  /// Slices, gathered rows (one taken twice) and running sums: Σ (x[1..<3])³ + Σ (x[rows: [0, 0]])² +
  /// Σ cumsum(x)² has Hessian 6xᵢ on the sliced rows' diagonal, 4 for row 0's elements, plus 2·LᵀL with L
  /// the lower-triangular ones (cumsum along the rows: (LᵀL)ᵢⱼ = count of k ≥ max(i, j)), per column.
  @Test func slicesGathersAndRunningSumsHessian() {
    var rng = SplitMix64(seed: 12)
    let x = Tensor.random(shape: [3, 2], in: -2..<2, using: &rng)
    let (h, batched) = hessianReportingSweep(at: x) { x in
      let s = x[1..<3], g = x[rows: [0, 0]], c = x.cumulativeSum(alongAxis: 0)
      return (s * s * s).sum() + (g * g).sum() + (c * c).sum()
    }
    #expect(batched, "slicing, gathering(rows:) and cumulativeSum are batch-polymorphic")
    var expected = [Double](repeating: 0, count: 36)
    for i in 0..<3 {
      for col in 0..<2 {
        let e = i * 2 + col
        if i >= 1 { expected[e * 6 + e] += 6 * x.scalars[e] }
        if i == 0 { expected[e * 6 + e] += 4 }
        for j in 0..<3 { expected[e * 6 + j * 2 + col] += 2 * Double(3 - Swift.max(i, j)) }
      }
    }
    expectClose(h, Tensor(shape: [3, 2, 3, 2], scalars: expected), tolerance: 1e-13)
  }

  /// Σ conv2d(x, w)² for a fixed 2×2 kernel is xᵀ(2JᵀJ)x with J the convolution's matrix (row o: the kernel
  /// laid over output position o), built here in plain Doubles; Σ maxPool2d(x)² has 2 at each window's
  /// maximum.
  @Test func convolutionAndMaxPoolHessians() {
    var rng = SplitMix64(seed: 8)
    let x = Tensor.random(shape: [1, 1, 4, 4], in: -1..<1, using: &rng)
    let kernel: [Double] = [0.5, -1, 2, 0.25]
    let (h, batched) = hessianReportingSweep(at: x) { x in
      let y = conv2d(x, weight: Variable(Tensor(shape: [1, 1, 2, 2], scalars: kernel)))
      return (y * y).sum()
    }
    #expect(batched, "conv2d's im2col and matmul are batch-polymorphic")
    var j = [[Double]](repeating: [Double](repeating: 0, count: 16), count: 9)
    for oy in 0..<3 { for ox in 0..<3 { for i in 0..<2 { for k in 0..<2 { j[oy * 3 + ox][(oy + i) * 4 + ox + k] = kernel[i * 2 + k] } } } }
    var expected = [Double](repeating: 0, count: 256)
    for a in 0..<16 { for b in 0..<16 { expected[a * 16 + b] = (0..<9).reduce(0.0) { $0 + 2 * j[$1][a] * j[$1][b] } } }
    expectClose(h, Tensor(shape: [1, 1, 4, 4, 1, 1, 4, 4], scalars: expected), tolerance: 1e-13)
    let (hp, bp) = hessianReportingSweep(at: x) { x in
      let m = maxPool2d(x, kernelSize: 2)
      return (m * m).sum()
    }
    #expect(bp, "maxPool2d is a flat gather")
    var expectedPool = [Double](repeating: 0, count: 256)
    for wy in 0..<2 {
      for wx in 0..<2 {
        let window = [0, 1, 4, 5].map { (2 * wy) * 4 + 2 * wx + $0 }
        let top = window.max { x.scalars[$0] < x.scalars[$1] }!
        expectedPool[top * 16 + top] = 2
      }
    }
    expectClose(hp, Tensor(shape: [1, 1, 4, 4, 1, 1, 4, 4], scalars: expectedPool), tolerance: 0)
  }

  /// Σ (x M) ⊙ x over a stack x of shape [2, 3, 3] (the NumPy-rules `matmul`, M broadcast over the stack)
  /// is Σ over the rows r of x of r M rᵀ, so the Hessian is block-diagonal with blocks M + Mᵀ; and
  /// trace(Xᵀ A X) has ∂²/∂X_ab∂X_cd = (A + Aᵀ)_ac δ_bd.
  @Test func stackedMatmulAndTraceHessians() {
    var rng = SplitMix64(seed: 19)
    let m = Tensor.random(shape: [3, 3], in: -1..<1, using: &rng)
    let x = Tensor.random(shape: [2, 3, 3], in: -1..<1, using: &rng)
    let (h, batched) = hessianReportingSweep(at: x) { x in (matmul(x, Variable(m)) * x).sum() }
    #expect(batched, "the stacked matmul is batch-polymorphic")
    let ms = m.scalars
    var expected = [Double](repeating: 0, count: 324)
    for row in 0..<6 { for j in 0..<3 { for k in 0..<3 { expected[(row * 3 + j) * 18 + row * 3 + k] = ms[j * 3 + k] + ms[k * 3 + j] } } }
    expectClose(h, Tensor(shape: [2, 3, 3, 2, 3, 3], scalars: expected), tolerance: 1e-13)
    let a = Tensor.random(shape: [3, 3], in: -1..<1, using: &rng)
    let (ht, bt) = hessianReportingSweep(at: Tensor.random(shape: [3, 2], in: -1..<1, using: &rng)) { x in
      x.matmul(Variable(a).matmul(x), transposingSelf: true).trace()
    }
    #expect(bt, "diagonal is batch-polymorphic")
    let av = a.scalars
    var expectedTrace = [Double](repeating: 0, count: 36)
    for i in 0..<3 { for b in 0..<2 { for c in 0..<3 { expectedTrace[(i * 2 + b) * 6 + c * 2 + b] = av[i * 3 + c] + av[c * 3 + i] } } }
    expectClose(ht, Tensor(shape: [3, 2, 3, 2], scalars: expectedTrace), tolerance: 1e-14)
  }
}
