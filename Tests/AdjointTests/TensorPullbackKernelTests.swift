import Testing
@testable import Adjoint

/// The single-pass loops of Tensor+PullbackKernels.swift give exactly what the compositions they replace
/// give, at the values where the strong-zero convention matters (±0, ±∞, NaN), at every position of a
/// vectorized loop and of its scalar remainder (lengths 1…9), and the relu gradient through them is unchanged.
/// Expected values are written out by hand from the convention (Docs/Operations.md, "Zero times infinity").
@Suite struct TensorPullbackKernelTests {
  /// The relu weight, as its rule writes it.
  static func reluWeight(_ x: Double) -> Double { weight(x > 0 ? 1 : 0, at: x) }

  /// Bit-for-bit equality (NaN equal to NaN, +0 unequal to −0).
  func expectSameBits(_ a: Tensor, _ b: Tensor, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(a.shape == b.shape, sourceLocation: sourceLocation)
    #expect(a.scalars.map(\.bitPattern) == b.scalars.map(\.bitPattern), "\(a.scalars) vs \(b.scalars)", sourceLocation: sourceLocation)
  }

  @Test func weightedStrongZeroProductIsZeroWhereTheAdjointOrTheWeightIsZero() {
    // v:      0     1     -0    2     NaN  ∞     3     0
    // x:      NaN   -1    5     0     -2   4     NaN   ∞
    // weight: NaN   0     1     0     0    1     NaN   1
    let v = Tensor([0, 1, -0.0, 2, .nan, .infinity, 3, 0])
    let x = Tensor([.nan, -1, 5, 0, -2, 4, .nan, .infinity])
    let r = Tensor.strongZeroProduct(v, weightedBy: x, Self.reluWeight)
    expectSameBits(r, Tensor([0, 0, 0, 0, 0, .infinity, .nan, 0]))
  }

  @Test func weightedStrongZeroProductEqualsTheCompositionAtEveryLength() {
    let values: [Double] = [0, -0.0, 1.5, -2, .nan, .infinity, -.infinity, 3, 0.25]
    for n in 1...values.count {
      for shift in 0..<values.count {
        let v = Tensor((0..<n).map { values[($0 + shift) % values.count] })
        let x = Tensor((0..<n).map { values[($0 * 7 + shift + 3) % values.count] })
        let composed = Tensor.strongZeroProduct(v, x.map(Self.reluWeight))
        expectSameBits(Tensor.strongZeroProduct(v, weightedBy: x, Self.reluWeight), composed)
      }
    }
  }

  @Test func weightedStrongZeroProductKeepsRankZero() {
    let r = Tensor.strongZeroProduct(Tensor(2.0), weightedBy: Tensor(3.0)) { _ in 0.5 }
    #expect(r.shape == [])
    #expect(r.scalar == 1)
  }

  @Test func strongZeroProductValueIsZeroForAZeroFactor() {
    #expect(Tensor.strongZeroProductValue(0, .infinity) == 0)
    #expect(Tensor.strongZeroProductValue(.nan, 0) == 0)
    #expect(Tensor.strongZeroProductValue(-0.0, 5).sign == .plus)
    #expect(Tensor.strongZeroProductValue(2, .infinity) == .infinity)
    #expect(Tensor.strongZeroProductValue(3, 0.5) == 1.5)
    #expect(Tensor.strongZeroProductValue(.nan, 1).isNaN)
  }

  @Test func containsInfinityFindsAnInfinityAtEveryPosition() {
    for n in 1...9 {
      #expect(!Tensor(repeating: 1e308, shape: [n]).containsInfinity)
      for k in 0..<n {
        for special in [Double.infinity, -.infinity] {
          var scalars = [Double](repeating: -2.5, count: n)
          scalars[k] = special
          #expect(Tensor(scalars).containsInfinity, "n \(n), position \(k), \(special)")
        }
        var nan = [Double](repeating: 0, count: n)
        nan[k] = .nan
        #expect(!Tensor(nan).containsInfinity, "a NaN is not an infinity: n \(n), position \(k)")
      }
    }
    #expect(Tensor(.infinity).containsInfinity)
    #expect(!Tensor(Double.greatestFiniteMagnitude).containsInfinity)
    #expect(!Tensor([.nan, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 0]).containsInfinity)
  }

  @Test func reluGradientThroughTheFusedRuleIsUnchanged() {
    // relu′: 0 for x ≤ 0, 1 for x > 0, NaN at NaN; times the seed, with the strong zero where the seed is 0.
    let x = Tensor([-1, 0, 2, .nan, 3, -4, 5, 6, .nan])
    let seed = Tensor([1, 1, 1, 1, 0, 0, 2, -1, 0])
    let tape = Tape()
    let xv = tape.variable(x)
    let g = relu(xv).backward(seed: seed)[xv]
    expectSameBits(g, Tensor([0, 0, 1, .nan, 0, 0, 2, -1, 0]))
  }

  @Test func reluPullbackIsRecordedWhenTheBackwardPassIs() {
    // d/dx Σ relu(x)·x = relu′(x)·x + relu(x); differentiated again: 2·relu′(x) (relu″ = 0 away from 0).
    // The first term reaches x only through the adjoint that relu's rule multiplies, so it is lost — giving
    // relu′(x) alone, [0, 1, 1] — if that product is computed as a constant in a recorded pullback.
    let h = gradient(at: Tensor([-1.5, 2, 3])) { x in gradient(at: x) { (relu($0) * $0).sum() }.sum() }
    expectClose(h, Tensor([0, 2, 2]))
  }
}
