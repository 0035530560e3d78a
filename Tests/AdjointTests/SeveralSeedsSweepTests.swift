import Adjoint
import Foundation
import Testing

/// The block sweeps behind scalar Jacobians and Hessians (one walk of the tape carries up to 64 adjoints or
/// tangents per node) give the closed forms, agree with each other and with the one-seed sweep they replace,
/// across block boundaries, and step aside where their shortcut does not hold.
@Suite struct SeveralSeedsSweepTests {
  /// F(x)ᵢ = sin(xᵢ mod n) · x₍ᵢ₊₁₎ mod n + xᵢ mod n² for i < m: m results of n inputs, J known in closed form.
  static func wave(_ x: [Variable<Double>], results m: Int) -> [Variable<Double>] {
    let n = x.count
    return (0..<m).map { i in sin(x[i % n]) * x[(i + 1) % n] + x[i % n] * x[i % n] }
  }

  static func waveJacobian(at x: [Double], results m: Int) -> [[Double]] {
    let n = x.count
    return (0..<m).map { i in
      var row = [Double](repeating: 0, count: n)
      let (a, b) = (i % n, (i + 1) % n)
      row[a] += cos(x[a]) * x[b] + 2 * x[a]
      row[b] += sin(x[a])
      return row
    }
  }

  @Test(arguments: [(3, 5), (70, 130), (130, 70), (64, 64), (65, 1)])
  func bothModesGiveTheClosedFormAcrossBlockBoundaries(inputs n: Int, results m: Int) {
    let x = seededPoints(in: [-2...2], count: n, seed: UInt64(n * 1000 + m)).map { $0[0] }
    let expected = Self.waveJacobian(at: x, results: m)
    let reverse = jacobian(at: x, mode: .reverse) { Self.wave($0, results: m) }
    let forward = jacobian(at: x, mode: .forward) { Self.wave($0, results: m) }
    for i in 0..<m {
      expectClose(reverse[i], expected[i], relative: 1e-14, absolute: 1e-15, "reverse row \(i)")
      expectClose(forward[i], expected[i], relative: 1e-14, absolute: 1e-15, "forward row \(i)")
    }
  }

  @Test func reverseRowsEqualOneGradientPerResult() {
    // each row of the block sweep against `gradient(at:)` of that result alone (one-seed sweep, own tape)
    let x = seededPoints(in: [-1...1], count: 9, seed: 5).map { $0[0] }
    let rows = jacobian(at: x, mode: .reverse) { Self.wave($0, results: 20) }
    for i in 0..<20 {
      let g = gradient(at: x) { Self.wave($0, results: 20)[i] }
      expectClose(rows[i], g, relative: 1e-15, absolute: 1e-16, "row \(i)")
    }
  }

  @Test func hessianRowsAcrossABlockBoundaryAreTheClosedForm() {
    // f = Σᵢ xᵢ² xᵢ₊₁ (cyclic) in 70 dimensions: H[i][i] = 2xᵢ₊₁, H[i][i+1] = H[i+1][i] = 2xᵢ
    let n = 70
    let x = seededPoints(in: [-1...1], count: n, seed: 9).map { $0[0] }
    let h = hessian(at: x) { v in (0..<n).map { v[$0] * v[$0] * v[($0 + 1) % n] }.reduce(Variable(0), +) }
    for i in 0..<n {
      var expected = [Double](repeating: 0, count: n)
      expected[i] += 2 * x[(i + 1) % n]
      expected[(i + 1) % n] += 2 * x[i]
      expected[(i + n - 1) % n] += 2 * x[(i + n - 1) % n]
      expectClose(h[i], expected, relative: 1e-14, absolute: 1e-15, "row \(i)")
    }
  }

  @Test func resultsThatAreInputsOrConstantsGiveUnitAndZeroRows() {
    let j = jacobian(at: [3.0, 4.0], mode: .reverse) { x in [x[1], Variable(2), x[0] * x[1]] }
    #expect(j == [[0, 1], [0, 0], [4, 3]])
    let k = jacobian(at: [3.0, 4.0], mode: .forward) { x in [x[1], Variable(2), x[0] * x[1]] }
    #expect(k == [[0, 1], [0, 0], [4, 3]])
  }

  @Test func aNonFiniteValueOnTheTapeFallsBackToTheGeneralSweepsAndTheirConventions() {
    // exp(800 x₀) overflows to ∞ in the branch min() does not take. Reverse mode must give what the one-seed
    // sweep gives, overflow exception included (NaN for x₀, the limitation Docs/Operations.md names); forward
    // mode by the transposed pullback gives the true ∂/∂x₀ = 0 (the NaN the recorded sweep adds does not
    // depend on the seed, so it is not part of the linear map). The block sweeps must change neither.
    let f: ([Variable<Double>]) -> [Variable<Double>] = { x in [min(exp(x[0] * 800), x[1]), x[1] * 2] }
    let single = gradient(at: [1.0, 1.0]) { f($0)[0] }
    let reverse = jacobian(at: [1.0, 1.0], mode: .reverse, in: f)
    #expect(single[0].isNaN && reverse[0][0].isNaN)
    #expect(reverse[0][1] == single[1] && single[1] == 1)
    #expect(reverse[1] == [0, 2])
    let forward = jacobian(at: [1.0, 1.0], mode: .forward, in: f)
    #expect(forward == [[0, 1], [0, 2]])
  }

  @Test func elementsOfATensorOnTheTapeUseTheGeneralSweeps() {
    // tensor nodes in the range: the block sweep steps aside; values are still the closed form
    let j = jacobian(at: [1.0, 2.0], mode: .reverse) { x in
      let t = Variable<Tensor>(x, shape: [2]) * 3.0
      return [t[element: 0] * x[1], t[element: 1]]
    }
    #expect(j == [[6, 3], [0, 3]])
    let k = jacobian(at: [1.0, 2.0], mode: .forward) { x in
      let t = Variable<Tensor>(x, shape: [2]) * 3.0
      return [t[element: 0] * x[1], t[element: 1]]
    }
    #expect(k == [[6, 3], [0, 3]])
  }
}
