import Testing
import Adjoint

/// Random tensors: repeatable from a seed, in range, with the right moments.
@Suite struct TensorRandomTests {
  @Test func sameSeedGivesTheSameTensor() {
    var r1 = SplitMix64(seed: 7), r2 = SplitMix64(seed: 7), r3 = SplitMix64(seed: 8)
    let a = Tensor.randomNormal(shape: [3, 5], using: &r1)
    #expect(a == Tensor.randomNormal(shape: [3, 5], using: &r2))
    #expect(a != Tensor.randomNormal(shape: [3, 5], using: &r3))
  }

  @Test func uniformDrawsStayInTheirRange() {
    var rng = SplitMix64(seed: 1)
    let u = Tensor.random(shape: [1000], in: -0.5..<0.25, using: &rng)
    #expect(u.scalars.allSatisfy { $0 >= -0.5 && $0 < 0.25 })
    let c = Tensor.random(shape: [10, 10], in: 2...3, using: &rng)
    #expect(c.shape == [10, 10] && c.scalars.allSatisfy { (2...3).contains($0) })
    // Mean of U(2, 3) is 2.5, standard error 1/√(12·100) ≈ 0.03.
    #expect(Swift.abs(c.mean().scalar - 2.5) < 0.12)
  }

  @Test func normalDrawsHaveTheRequestedMoments() {
    var rng = SplitMix64(seed: 42)
    let n = 20_001  // odd: the last Box–Muller pair is used for one number only
    let x = Tensor.randomNormal(shape: [n], mean: 3, standardDeviation: 2, using: &rng)
    #expect(x.isFinite)
    let mean = x.mean().scalar
    let variance = ((x - mean) * (x - mean)).mean().scalar
    // Standard errors: 2/√n ≈ 0.014 for the mean, about 4·√(2/n) ≈ 0.04 for the variance.
    #expect(Swift.abs(mean - 3) < 0.07)
    #expect(Swift.abs(variance - 4) < 0.2)
  }
}
