import Testing
@testable import Adjoint

/// Checks the unpacked matrix-vector path (n == 1 or m == 1, `gemv.c`) where MatrixProductTests does not reach:
/// matrices large enough for the two-thread split of y's rows, the family-specific loops (AVX-512, AVX2+FMA,
/// portable) against a naive loop, and the two guarantees Docs/MatrixProduct.md states: the result does not depend
/// on the thread count, and the two FMA families give the same bits.
@Suite struct MatrixVectorProductTests {
  typealias Shape = (m: Int, k: Int, n: Int)

  /// Past the split's minimum (128 Ki elements with two threads): odd row counts (the parts are whole vectors of 8
  /// rows, so the second is shorter), depths that are not multiples of the 8 partial sums, and both orientations.
  static let largeShapes: [Shape] = [
    (601, 700, 1), (1, 700, 601), (1001, 131, 1), (1, 131, 1001), (17, 8191, 1), (40, 3999, 1),
  ]

  static func product(_ a: Tensor, _ b: Tensor, _ tA: Bool, _ tB: Bool, threads: Int, kernel: MatrixProductKernel) -> Tensor {
    a.matmul(b, transposingSelf: tA, transposingOther: tB, threads: threads, kernel: kernel)
  }

  static func operands(_ s: Shape, _ tA: Bool, _ tB: Bool, seed: UInt64) -> (Tensor, Tensor) {
    var rng = SplitMix64(seed: seed)
    let a = tA ? MatrixProductTests.randomMatrix(s.k, s.m, using: &rng) : MatrixProductTests.randomMatrix(s.m, s.k, using: &rng)
    let b = tB ? MatrixProductTests.randomMatrix(s.n, s.k, using: &rng) : MatrixProductTests.randomMatrix(s.k, s.n, using: &rng)
    return (a, b)
  }

  @Test func splitProductsMatchNaiveLoopAndOneThreadBitForBit() {
    for (index, s) in Self.largeShapes.enumerated() {
      for (tA, tB) in [(false, false), (true, false), (false, true), (true, true)] {
        let (a, b) = Self.operands(s, tA, tB, seed: UInt64(100 + index))
        let expected = MatrixProductTests.naiveProduct(a, b, transposingA: tA, transposingB: tB)
        for kernel in MatrixProductTests.kernels {
          let one = Self.product(a, b, tA, tB, threads: 1, kernel: kernel)
          let two = Self.product(a, b, tA, tB, threads: 2, kernel: kernel)
          let context = "\(kernel.name) \(s.m)×\(s.k)·\(s.k)×\(s.n) tA=\(tA) tB=\(tB)"
          #expect(one.shape == [s.m, s.n])
          MatrixProductTests.expectClose(one.scalars, expected, k: s.k, context)
          #expect(two.scalars == one.scalars, "\(context): two threads differ from one")
        }
      }
    }
  }

  @Test func fusedMultiplyAddFamiliesGiveBitIdenticalMatrixVectorProducts() {
    // gemv_avx512.c and gemv_avx2.c do the same operations on every value (eight partial sums per row in a
    // fixed reduction order; scaled columns added in order of p), only on registers of different widths.
    let fused = MatrixProductTests.kernels.filter { $0 != .portable && $0 != .automatic }
    guard fused.count > 1 else { return }  // a machine with one family has nothing to compare
    let shapes: [Shape] = [(300, 65, 1), (1, 65, 300), (7, 9, 1), (1, 9, 7), (33, 1001, 1), (1, 1001, 33)] + Self.largeShapes
    for (index, s) in shapes.enumerated() {
      for (tA, tB) in [(false, false), (true, true)] {
        let (a, b) = Self.operands(s, tA, tB, seed: UInt64(200 + index))
        let products = fused.map { Self.product(a, b, tA, tB, threads: 1, kernel: $0).scalars }
        for (kernel, product) in zip(fused, products) {
          #expect(product == products[0], "\(kernel.name) differs from \(fused[0].name) on \(s) tA=\(tA) tB=\(tB)")
        }
      }
    }
  }

  @Test func splitProductPropagatesInfinityTimesZeroAsNaNInEitherHalf() {
    // IEEE: 0 · ∞ is NaN and ∞ + (−∞) is NaN; the rows at 3 (first part) and 450 (second part of 600 rows;
    // 600 × 250 is past the split's minimum).
    let k = 250
    var a = Tensor.zeros([600, k])
    a.withUnsafeMutableBufferPointer {
      $0[3 * k + 7] = .infinity  // row 3 meets x[7] = 0: NaN
      $0[450 * k + 8] = .infinity  // row 450: ∞ · 1 + (−∞) · 1 = NaN
      $0[450 * k + 9] = -.infinity
      $0[451 * k + 8] = .infinity  // row 451: ∞ · 1 = ∞
    }
    var x = Tensor.ones([k, 1])
    x.withUnsafeMutableBufferPointer { $0[7] = 0 }
    for kernel in MatrixProductTests.kernels {
      for threads in [1, 2] {
        let y = a.matmul(x, transposingSelf: false, transposingOther: false, threads: threads, kernel: kernel).scalars
        let yt = x.reshaped(to: [1, k]).matmul(a, transposingSelf: false, transposingOther: true, threads: threads, kernel: kernel).scalars
        for (name, values) in [("A·x", y), ("xᵀ·Aᵀ", yt)] {
          let context = "\(kernel.name) threads=\(threads) \(name)"
          #expect(values[3].isNaN && values[450].isNaN, "\(context): \(values[3]), \(values[450])")
          #expect(values[451] == .infinity, "\(context): \(values[451])")
          #expect(values.indices.filter { ![3, 450, 451].contains($0) }.allSatisfy { values[$0] == 0 }, "\(context)")
        }
        // wᵀA streams A's rows as columns of Aᵀ (sums of scaled columns), w = e₃ + e₄₅₀: z[8] also meets
        // 0 · ∞ from row 451, so it is NaN, not ∞ (no skipping of zero factors)
        var w = Tensor.zeros([1, 600])
        w.withUnsafeMutableBufferPointer { $0[3] = 1; $0[450] = 1 }
        let z = w.matmul(a, transposingSelf: false, transposingOther: false, threads: threads, kernel: kernel).scalars
        #expect(z[7] == .infinity && z[8].isNaN && z[9] == -.infinity, "\(kernel.name) threads=\(threads) wᵀA")
        #expect(z.indices.filter { ![7, 8, 9].contains($0) }.allSatisfy { z[$0] == 0 }, "\(kernel.name) wᵀA zeros")
      }
    }
  }

  @Test func splitProductAccumulatesWithAlphaAndBeta() {
    var rng = SplitMix64(seed: 31)
    let a = MatrixProductTests.randomMatrix(513, 300, using: &rng)
    let x = MatrixProductTests.randomMatrix(300, 1, using: &rng)
    let start = MatrixProductTests.randomMatrix(513, 1, using: &rng)
    let product = MatrixProductTests.naiveProduct(a, x, transposingA: false, transposingB: false)
    for kernel in MatrixProductTests.kernels {
      var accumulator = start
      accumulator.addMatrixProduct(a, x, alpha: -0.5, beta: 0.75, threads: 2, kernel: kernel)
      let expected = zip(product, start.scalars).map { -0.5 * $0 + 0.75 * $1 }
      MatrixProductTests.expectClose(accumulator.scalars, expected, k: 300, "\(kernel.name) alpha, beta, two threads")
    }
  }
}
