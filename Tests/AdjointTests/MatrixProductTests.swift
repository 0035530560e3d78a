import Testing
@testable import Adjoint

/// Checks the packed, blocked matrix-product kernel (every transpose variant, every micro-kernel family the
/// machine supports, one and two threads) against a naive triple loop written here.
@Suite struct MatrixProductTests {
  /// A product's dimensions: op(A) is m × k, op(B) is k × n.
  struct Dimensions: CustomTestStringConvertible, Sendable {
    let m, k, n: Int
    var testDescription: String { "\(m)×\(k) · \(k)×\(n)" }
  }

  /// Odd sizes around the register tiles (4×8, 6×8, 8×24) and cache blocks (kc = 256, mc = 64/96,
  /// nc = 1536/2048), the training-batch shapes from the brief, and degenerate ones. 48×19 · 19×72 has only
  /// whole slivers (48 = 8·6 rows, 72 = 3·24 columns) and a depth of 2·8 + 3, so the packers' in-register
  /// transposes (8×8 for AVX-512, 4×4 for AVX2) and their leftover steps both run. Products of at most 80³
  /// multiply-adds with op(B) as stored take the unpacked small-product kernel, so most shapes here test
  /// it; 97×131 · 131×83, 257×61 · 61×70 and 200×270 · 270×50 are past it and test the packed kernel with
  /// B as stored (B transposed always packs), except 8×25 · 25×3001 and 6×30 · 30×3001 (one row sliver).
  static let dimensions: [Dimensions] = [
    (1, 1, 1), (7, 7, 7), (33, 65, 7), (65, 33, 130), (130, 65, 33), (1, 130, 1), (9, 1, 25), (1, 7, 65),
    (100, 2, 16), (32, 64, 128), (25, 300, 49), (200, 270, 50), (3, 520, 2), (5, 40, 2100), (48, 19, 72),
    (97, 131, 83), (257, 61, 70),
    // one row sliver (m <= mr: 8 for AVX-512, 6 for AVX2) past 80³ with B as stored also takes the unpacked
    // kernel (W7's first convolution): 8 × 25 · 25 × 3001 and 6 × 30 · 30 × 3001
    (8, 25, 3001), (6, 30, 3001),
    // matrix–vector products (n = 1 or m = 1), which take the unpacked path of gemv.c: odd lengths around its
    // 8-wide unrolling, and a dot product
    (300, 65, 1), (1, 65, 300), (257, 513, 1), (1, 513, 257), (1, 1001, 1), (33, 7, 1), (1, 9, 31),
  ].map { Dimensions(m: $0.0, k: $0.1, n: $0.2) }

  /// Every family this CPU can run, so that the AVX2 kernel is tested on AVX-512 machines too.
  static let kernels = MatrixProductKernel.allCases.filter(\.isSupported)

  static func randomMatrix(_ rows: Int, _ columns: Int, using rng: inout SplitMix64) -> Tensor {
    Tensor(shape: [rows, columns], scalars: (0..<rows * columns).map { _ in Double.random(in: -1...1, using: &rng) })
  }

  /// op(a) · op(b) by the definition: c[i][j] = Σ_p op(a)[i][p] · op(b)[p][j].
  static func naiveProduct(_ a: Tensor, _ b: Tensor, transposingA: Bool, transposingB: Bool) -> [Double] {
    let (x, y) = (a.scalars, b.scalars)
    let m = transposingA ? a.shape[1] : a.shape[0], k = transposingA ? a.shape[0] : a.shape[1]
    let n = transposingB ? b.shape[0] : b.shape[1]
    var c = [Double](repeating: 0, count: m * n)
    for i in 0..<m {
      for j in 0..<n {
        var sum = 0.0
        for p in 0..<k {
          let left = transposingA ? x[p * m + i] : x[i * k + p]
          let right = transposingB ? y[j * k + p] : y[p * n + j]
          sum += left * right
        }
        c[i * n + j] = sum
      }
    }
    return c
  }

  /// Entries are in [-1, 1], so each term is at most 1 in magnitude and a k-term sum is off by at most about
  /// k² · 1.1e-16; 1e-12 · k allows that with room and still catches any wrong term.
  static func expectClose(_ actual: [Double], _ expected: [Double], k: Int, _ context: String) {
    #expect(actual.count == expected.count, "\(context): \(actual.count) scalars, expected \(expected.count)")
    let tolerance = 1e-12 * Double(max(k, 1))
    let worst = zip(actual, expected).map { abs($0 - $1) }.max() ?? 0
    #expect(worst <= tolerance, "\(context): largest error \(worst) exceeds \(tolerance)")
  }

  @Test(arguments: dimensions, [1, 2])
  func everyVariantMatchesNaiveProduct(_ d: Dimensions, threads: Int) {
    var rng = SplitMix64(seed: UInt64(d.m * 1_000_003 + d.k * 1_009 + d.n))
    for transposingA in [false, true] {
      for transposingB in [false, true] {
        let a = transposingA ? Self.randomMatrix(d.k, d.m, using: &rng) : Self.randomMatrix(d.m, d.k, using: &rng)
        let b = transposingB ? Self.randomMatrix(d.n, d.k, using: &rng) : Self.randomMatrix(d.k, d.n, using: &rng)
        let expected = Self.naiveProduct(a, b, transposingA: transposingA, transposingB: transposingB)
        for kernel in Self.kernels {
          let c = a.matmul(
            b, transposingSelf: transposingA, transposingOther: transposingB, threads: threads, kernel: kernel)
          #expect(c.shape == [d.m, d.n])
          Self.expectClose(
            c.scalars, expected, k: d.k, "\(kernel.name) tA=\(transposingA) tB=\(transposingB) threads=\(threads)")
        }
      }
    }
  }

  @Test func smallProductHasExactValues() {
    let a = Tensor([[1, 2, 3], [4, 5, 6]])
    let b = Tensor([[1, 0], [0, 1], [1, 1]])
    #expect(a.matmul(b) == Tensor([[4, 5], [10, 11]]))
    #expect(a.matmul(a, transposingOther: true) == Tensor([[14, 32], [32, 77]]))
    #expect(a.matmul(a, transposingSelf: true) == Tensor([[17, 22, 27], [22, 29, 36], [27, 36, 45]]))
    #expect(b.matmul(a, transposingSelf: true, transposingOther: true) == Tensor([[4, 10], [5, 11]]))
  }

  @Test func emptyInnerDimensionGivesZeros() {
    for kernel in Self.kernels {
      let c = Tensor.zeros([5, 0]).matmul(Tensor.zeros([0, 3]), transposingSelf: false, transposingOther: false,
                                         threads: 1, kernel: kernel)
      #expect(c == Tensor.zeros([5, 3]))
      let t = Tensor.zeros([0, 5]).matmul(Tensor.zeros([3, 0]), transposingSelf: true, transposingOther: true,
                                         threads: 2, kernel: kernel)
      #expect(t == Tensor.zeros([5, 3]))
    }
  }

  @Test func emptyOuterDimensionsGiveEmptyResults() {
    #expect(Tensor.zeros([0, 4]).matmul(Tensor.ones([4, 3])).shape == [0, 3])
    #expect(Tensor.ones([2, 4]).matmul(Tensor.zeros([4, 0])).shape == [2, 0])
    #expect(Tensor.zeros([4, 0]).matmul(Tensor.zeros([0, 4]), transposingSelf: true, transposingOther: true).shape == [0, 0])
  }

  @Test(arguments: kernels)
  func addMatrixProductAccumulatesWithAlphaAndBeta(kernel: MatrixProductKernel) {
    var rng = SplitMix64(seed: 7)
    let (m, k, n) = (37, 41, 29)
    let dC = Self.randomMatrix(m, n, using: &rng)
    let b = Self.randomMatrix(k, n, using: &rng)
    let start = Self.randomMatrix(m, k, using: &rng)
    // dA += dC · Bᵀ, scaled: accumulator = 0.5 · dC · Bᵀ + 2 · accumulator.
    var accumulator = start
    accumulator.addMatrixProduct(dC, b, transposingRight: true, alpha: 0.5, beta: 2, threads: 1, kernel: kernel)
    let product = Self.naiveProduct(dC, b, transposingA: false, transposingB: true)
    let expected = zip(product, start.scalars).map { 0.5 * $0 + 2 * $1 }
    Self.expectClose(accumulator.scalars, expected, k: n, "\(kernel.name) accumulate")
  }

  @Test(arguments: [(300, 41, 1), (1, 41, 300), (1, 300, 1)])
  func matrixVectorProductAccumulatesWithAlphaAndBeta(m: Int, k: Int, n: Int) {
    var rng = SplitMix64(seed: UInt64(m * 7 + n))
    for transposingRight in [false, true] {
      let left = Self.randomMatrix(m, k, using: &rng)
      let right = transposingRight ? Self.randomMatrix(n, k, using: &rng) : Self.randomMatrix(k, n, using: &rng)
      let start = Self.randomMatrix(m, n, using: &rng)
      var accumulator = start
      accumulator.addMatrixProduct(left, right, transposingRight: transposingRight, alpha: 0.5, beta: 2)
      let product = Self.naiveProduct(left, right, transposingA: false, transposingB: transposingRight)
      let expected = zip(product, start.scalars).map { 0.5 * $0 + 2 * $1 }
      Self.expectClose(accumulator.scalars, expected, k: k, "\(m)×\(k)·\(k)×\(n) tB=\(transposingRight)")
      var fresh = Tensor(repeating: .nan, shape: [m, n])  // beta = 0 never reads the old scalars
      fresh.addMatrixProduct(left, right, transposingRight: transposingRight, beta: 0)
      Self.expectClose(fresh.scalars, product, k: k, "beta = 0, \(m)×\(k)·\(k)×\(n)")
    }
  }

  @Test func matrixVectorProductPropagatesInfinityTimesZeroAsNaN() {
    // IEEE: 0 · ∞ is NaN, in the unpacked path as in the packed one (no skipping of zero factors)
    var a = Tensor.zeros([40, 20])
    a.withUnsafeMutableBufferPointer { $0[3] = .infinity }  // row 0, column 3
    var x = Tensor.ones([20, 1])
    x.withUnsafeMutableBufferPointer { $0[3] = 0 }
    let y = a.matmul(x)
    #expect(y.scalars[0].isNaN)
    #expect(y.scalars[1...].allSatisfy { $0 == 0 })
    #expect(x.reshaped(to: [1, 20]).matmul(a, transposingOther: true).scalars[0].isNaN)
  }

  @Test func fusedMultiplyAddKernelsGiveBitIdenticalProducts() {
    // The AVX2 and AVX-512 families accumulate each element over p in the same order with FMA, so a result
    // does not depend on which one the machine picks: the guides' printed values (checked in CI on whatever
    // machine it gets) rely on this. The portable kernel (no FMA) is allowed to differ in the last bits.
    let fused = Self.kernels.filter { $0 != .portable && $0 != .automatic }
    guard fused.count > 1 else { return }  // a machine with one family has nothing to compare
    var rng = SplitMix64(seed: 3)
    for (m, k, n) in [(64, 784, 256), (37, 300, 41), (200, 64, 10), (5, 1100, 2100)] {
      let a = Self.randomMatrix(m, k, using: &rng), b = Self.randomMatrix(k, n, using: &rng)
      let products = fused.map { a.matmul(b, transposingSelf: false, transposingOther: false, threads: 1, kernel: $0).scalars }
      for (kernel, product) in zip(fused, products) {
        #expect(product == products[0], "\(kernel.name) differs from \(fused[0].name) on \(m)×\(k)·\(k)×\(n)")
      }
    }
  }

  @Test func zeroBetaIgnoresOldScalarsEvenNaN() {
    var rng = SplitMix64(seed: 11)
    let a = Self.randomMatrix(40, 30, using: &rng), b = Self.randomMatrix(30, 50, using: &rng)
    for kernel in Self.kernels {
      var accumulator = Tensor(repeating: .nan, shape: [40, 50])
      accumulator.addMatrixProduct(a, b, beta: 0, kernel: kernel)
      Self.expectClose(accumulator.scalars, Self.naiveProduct(a, b, transposingA: false, transposingB: false),
                       k: 30, "\(kernel.name) beta = 0")
    }
  }

  @Test func shapeMessageNamesTransposition() {
    let shape = MatrixProductShape("matmul", [4, 3], [5, 3], transposingLeft: false, transposingRight: true)
    #expect((shape.m, shape.k, shape.n) == (4, 3, 5))
    #expect(shape.description == "[4, 3] × transpose([5, 3])")
  }

  @Test func innerDimensionMismatchTraps() async {
    await #expect(processExitsWith: .failure) {
      _ = Tensor.zeros([4, 3]).matmul(Tensor.zeros([2, 5]))
    }
    await #expect(processExitsWith: .failure) {
      _ = Tensor.zeros([4]).matmul(Tensor.zeros([4, 5]))
    }
  }

  @Test func invalidThreadCountTraps() async {
    await #expect(processExitsWith: .failure) {
      _ = Tensor.ones([2, 2]).matmul(Tensor.ones([2, 2]), threads: 3)
    }
  }

  @Test func autoKernelIsTheBestSupported() {
    let best = MatrixProductKernel.allCases.last(where: \.isSupported)
    #expect(MatrixProductKernel.automatic.name == best?.name)
  }

  /// The example of Docs/MatrixProduct.md ("Choosing the thread count from Swift").
  @Test func threadLimitAndInstructionSetExample() {
    let a = Tensor(shape: [300, 300], scalars: (0..<90_000).map { Double($0 % 7) })
    let oneThread = withMatrixProductThreads(1) { a.matmul(a) }
    #expect(oneThread == a.matmul(a, threads: 2))
    #expect(["avx512", "avx2-fma", "portable"].contains(Tensor.matrixProductInstructionSet))
  }
}
