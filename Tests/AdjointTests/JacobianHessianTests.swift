import Adjoint
import Foundation
import Testing

/// Jacobians (both modes), Hessians and Hessian–vector products against closed forms, finite differences
/// and identities.
@Suite struct JacobianHessianTests {
  /// A·x for a matrix constant A and a vector x, with broadcasting (Σ along the columns of A ⊙ x).
  func times(_ a: Tensor, _ x: Variable<Tensor>) -> Variable<Tensor> { (Variable(a) * x).sum(alongAxes: [1]) }

  @Test func jacobianOfALinearMapIsItsMatrixInBothModes() {
    var rng = SplitMix64(seed: 301)
    let a = Tensor.random(shape: [3, 4], in: -1...1, using: &rng)
    let x = Tensor.random(shape: [4], in: -1...1, using: &rng)
    expectClose(jacobian(at: x, mode: .reverse) { times(a, $0) }, a)
    expectClose(jacobian(at: x, mode: .forward) { times(a, $0) }, a)
  }

  @Test func forwardAndReverseJacobiansAgreeWithFiniteDifferences() {
    var rng = SplitMix64(seed: 302)
    let x = Tensor.random(shape: [2, 3], in: -1...1, using: &rng)
    func f(_ x: Variable<Tensor>) -> Variable<Tensor> { sin(x) * x.sum() + exp(x * 0.5) / (1 + x * x) }
    let (value, reverse) = valueWithJacobian(at: x, mode: .reverse, in: f)
    let forward = jacobian(at: x, mode: .forward, in: f)
    #expect(reverse.shape == [2, 3, 2, 3])
    expectClose(forward, reverse)
    // Central differences, column by column.
    let h = 1e-6
    var expected = [Double](repeating: 0, count: 36)
    for j in 0..<6 {
      var up = x, down = x
      up.withUnsafeMutableBufferPointer { $0[j] += h }
      down.withUnsafeMutableBufferPointer { $0[j] -= h }
      let d = (f(Variable(up)).value.scalars, f(Variable(down)).value.scalars)
      for i in 0..<6 { expected[i * 6 + j] = (d.0[i] - d.1[i]) / (2 * h) }
    }
    expectClose(reverse, Tensor(shape: [2, 3, 2, 3], scalars: expected), tolerance: 1e-8)
    expectClose(value, f(Variable(x)).value)
  }

  @Test func scalarJacobianHasZeroRowsForConstantResults() {
    // F = (x₀x₁, x₀ + 1, 7): J = [[x₁, x₀], [1, 0], [0, 0]]
    for mode in [JacobianMode.reverse, .forward, .automatic] {
      let (value, j) = valueWithJacobian(at: [3.0, 2.0], mode: mode) { x in [x[0] * x[1], x[0] + 1, Variable(7)] }
      #expect(value == [6, 4, 7])
      #expect(j == [[2, 3], [1, 0], [0, 0]], "\(mode)")
    }
  }

  @Test func pullbackIsTheTransposeOfTheDifferential() {
    // ⟨Jᵀw, u⟩ = ⟨w, Ju⟩ for seeded random u, w
    var rng = SplitMix64(seed: 303)
    let x = Tensor.random(shape: [5], in: -1...1, using: &rng)
    func f(_ x: Variable<Tensor>) -> Variable<Tensor> { (tanh(x) * x.reshaped(to: [5, 1])).sum(alongAxes: [0]) * x }
    let (_, pullback) = valueWithPullback(at: x, in: f)
    let df = differential(at: x, in: f)
    for _ in 0..<3 {
      let u = Tensor.random(shape: [5], in: -1...1, using: &rng)
      let w = Tensor.random(shape: [5], in: -1...1, using: &rng)
      let lhs = zip(pullback(w).scalars, u.scalars).map(*).reduce(0, +)
      let rhs = zip(w.scalars, df(u).scalars).map(*).reduce(0, +)
      expectClose(lhs, rhs, relative: 1e-12)
    }
  }

  @Test func hessianOfAQuadraticIsTheSymmetricPart() {
    // f = ½ xᵀAx: H = (A + Aᵀ)/2, whatever x
    var rng = SplitMix64(seed: 304)
    let a = Tensor.random(shape: [4, 4], in: -1...1, using: &rng)
    let x = Tensor.random(shape: [4], in: -1...1, using: &rng)
    let h = hessian(at: x) { x in (x * times(a, x)).sum() * 0.5 }
    expectClose(h, (a + a.transposed()) * 0.5)
  }

  @Test func hessianOfSoftplusRegressionIsTheClosedFormAndSymmetric() {
    // W6a's f on a small A: H = Aᵀ diag(s(1 − s)) A + λI with s = σ(Ax)
    var rng = SplitMix64(seed: 305)
    let (m, n, lambda) = (6, 3, 0.1)
    let a = Tensor.random(shape: [m, n], in: -1...1, using: &rng)
    let x = Tensor.random(shape: [n], in: -1...1, using: &rng)
    func f(_ x: Variable<Tensor>) -> Variable<Tensor> { softplus(times(a, x)).sum() + (x * x).sum() * (0.5 * lambda) }
    let h = hessian(at: x, in: f)
    var expected = [Double](repeating: 0, count: n * n)
    for r in 0..<m {
      let z = (0..<n).map { a[r, $0] * x[$0] }.reduce(0, +)
      let s = 1 / (1 + exp(-z))
      for i in 0..<n { for j in 0..<n { expected[i * n + j] += a[r, i] * s * (1 - s) * a[r, j] } }
    }
    for i in 0..<n { expected[i * n + i] += lambda }
    expectClose(h, Tensor(shape: [n, n], scalars: expected))
    expectClose(h, h.transposed(), tolerance: 1e-14)
    let v = Tensor.random(shape: [n], in: -1...1, using: &rng)
    let hv = hessianVectorProduct(at: x, along: v, in: f)
    expectClose(hv, Tensor(shape: [n], scalars: (0..<n).map { i in (0..<n).map { expected[i * n + $0] * v[$0] }.reduce(0, +) }))
  }

  @Test func hessianOfAFunctionWithAConstantGradientComponentHasAZeroRow() {
    // The case: f = x₀ + x₁², ∂f/∂x₀ = 1 is a constant
    #expect(hessian(at: [1.0, 2.0]) { x in x[0] + x[1] * x[1] } == [[0, 0], [0, 2]])
    #expect(hessianVectorProduct(at: [1.0, 2.0], along: [1, 1]) { x in x[0] + x[1] * x[1] } == [0, 2])
    #expect(hessian(at: Tensor([1, 2])) { x in x.sum() } == Tensor.zeros([2, 2]))
  }

  @Test func scalarHessianAndHessianVectorProductMatchClosedForms() {
    // f = x₀²x₁ + e^(x₀x₂): H by hand
    let p = [0.7, -1.3, 0.4]
    let e = exp(p[0] * p[2])
    let expected = [
      [2 * p[1] + p[2] * p[2] * e, 2 * p[0], e + p[0] * p[2] * e],
      [2 * p[0], 0, 0],
      [e + p[0] * p[2] * e, 0, p[0] * p[0] * e],
    ]
    let f: ([Variable<Double>]) -> Variable<Double> = { x in x[0] * x[0] * x[1] + exp(x[0] * x[2]) }
    let h = hessian(at: p, in: f)
    for i in 0..<3 { expectClose(h[i], expected[i]) }
    let v = [0.5, -2.0, 1.5]
    let hv = hessianVectorProduct(at: p, along: v, in: f)
    expectClose(hv, expected.map { row in zip(row, v).map(*).reduce(0, +) })
  }

  @Test func cubeDifferentiatesToTheFourthOrderWithCreatingGraph() {
    // y = x³: 3x², 6x, 6, 0 at x = 2
    let tape = Tape()
    let x = tape.variable(2.0)
    let y = x * x * x
    let d1 = y.backward(creatingGraph: true)[x]
    let d2 = d1.backward(creatingGraph: true)[x]
    let d3 = d2.backward(creatingGraph: true)[x]
    #expect([d1.value, d2.value, d3.value] == [12, 12, 6])
    let d4 = d3.isRecorded ? d3.backward(creatingGraph: true)[x].value : 0
    #expect(d4 == 0)
  }

  @Test func jacobiansWithRespectToTwoInputsAreTheClosedForms() {
    // f(a, b) = a ⊙ b + Σa: ∂f/∂a = diag(b) + 1, ∂f/∂b = diag(a)
    let (ja, jb) = jacobian(at: Tensor([1, 2]), Tensor([3, 5])) { a, b in a * b + a.sum() }
    #expect(ja == Tensor([[4, 1], [1, 6]]))
    #expect(jb == Tensor([[1, 0], [0, 2]]))
  }
}
