import Foundation
import Testing
@testable import Adjoint

/// The batched reverse sweep (a stack of seeds along a new leading axis, one walk of the tape): Hessians and
/// reverse-mode Jacobians from it equal closed forms and the one-sweep-per-row results; a function with an
/// op that is not batch-polymorphic falls back to one sweep per row; and each batch-polymorphic rule pulls
/// a stack of adjoints back to the stack of its single pullbacks.
@Suite struct BatchedSweepTests {
  static let lambda = 0.1

  /// W6's objective Σ softplus(A x) + ½λ x·x, x of shape [n].
  static func softplusObjective(_ a: Tensor) -> (Variable<Tensor>) -> Variable<Tensor> {
    let matrix = Variable(a)
    let n = a.shape[1]
    return { x in softplus(matrix.matmul(x.reshaped(to: [n, 1]))).sum() + (x * x).sum() * (0.5 * lambda) }
  }

  /// Aᵀ diag(s(1 − s)) A + λI with s = σ(Ax), computed here in plain Doubles (the closed form of the
  /// Hessian of `softplusObjective`).
  static func softplusHessian(_ a: Tensor, _ x: Tensor) -> Tensor {
    let (m, n) = (a.shape[0], a.shape[1])
    let av = a.scalars, xv = x.scalars
    var w = [Double](repeating: 0, count: m)
    for i in 0..<m {
      var z = 0.0
      for j in 0..<n { z += av[i * n + j] * xv[j] }
      let s = 1 / (1 + Foundation.exp(-z))
      w[i] = s * (1 - s)
    }
    var h = [Double](repeating: 0, count: n * n)
    for j in 0..<n {
      for k in 0..<n {
        var sum = j == k ? lambda : 0
        for i in 0..<m { sum += av[i * n + j] * w[i] * av[i * n + k] }
        h[j * n + k] = sum
      }
    }
    return Tensor(shape: [n, n], scalars: h)
  }

  /// The Hessian one row at a time: one Hessian–vector product per basis vector (one sweep each).
  static func hessianByRows(at x: Tensor, _ f: (Variable<Tensor>) -> Variable<Tensor>) -> Tensor {
    var scalars: [Double] = []
    for i in 0..<x.count {
      let e = Tensor.basisStack(1, startingAt: i, shape: x.shape).reshaped(to: x.shape)
      scalars += hessianVectorProduct(at: x, along: e, in: f).scalars
    }
    return Tensor(shape: x.shape + x.shape, scalars: scalars)
  }

  @Test(arguments: [(200, 100), (13, 7), (4, 1), (1, 3)])
  func softplusHessianIsBatchedAndMatchesClosedFormAndRows(_ size: (m: Int, n: Int)) {
    var rng = SplitMix64(seed: UInt64(size.m * 1000 + size.n))
    let a = Tensor.random(shape: [size.m, size.n], in: -1..<1, using: &rng)
    let x = Tensor.random(shape: [size.n], in: -1..<1, using: &rng)
    let f = Self.softplusObjective(a)
    let (h, batched) = hessianReportingSweep(at: x, in: f)
    #expect(batched, "every op of W6's gradient is batch-polymorphic")
    expectClose(h, Self.softplusHessian(a, x), tolerance: 1e-12)
    expectClose(h, Self.hessianByRows(at: x, f), tolerance: 1e-13)
  }

  @Test func cubeSumOfAMatrixHasDiagonalSixX() {
    var rng = SplitMix64(seed: 3)
    let x = Tensor.random(shape: [3, 5], in: -2..<2, using: &rng)
    let (h, batched) = hessianReportingSweep(at: x) { ($0 * $0 * $0).sum() }
    #expect(batched)
    var expected = [Double](repeating: 0, count: 225)
    for (i, xi) in x.scalars.enumerated() { expected[i * 15 + i] = 6 * xi }  // ∂²Σx³/∂xᵢ² = 6xᵢ
    expectClose(h, Tensor(shape: [3, 5, 3, 5], scalars: expected), tolerance: 1e-13)
  }

  @Test func hessianOfOneElementAndOfARankZeroInput() {
    let (h1, b1) = hessianReportingSweep(at: Tensor([1.5])) { ($0 * $0 * $0).sum() }
    #expect(b1)
    expectClose(h1, Tensor(shape: [1, 1], scalars: [9]))  // 6x at x = 1.5
    let (h0, b0) = hessianReportingSweep(at: Tensor(-2.0)) { ($0 * $0 * $0).sum() }
    #expect(b0)
    expectClose(h0, Tensor(-12.0))
  }

  /// xᵀMx written four ways (both operands recorded, every transpose flag, reductions and broadcasts):
  /// the Hessian is M + Mᵀ.
  @Test(arguments: [5, 8])
  func quadraticFormHasHessianMPlusMTranspose(_ n: Int) {
    var rng = SplitMix64(seed: UInt64(n))
    let m = Tensor.random(shape: [n, n], in: -1..<1, using: &rng)
    let x = Tensor.random(shape: [n], in: -1..<1, using: &rng)
    let mv = Variable(m)
    let forms: [(String, (Variable<Tensor>) -> Variable<Tensor>)] = [
      ("row · M · column", { x in x.reshaped(to: [1, n]).matmul(mv).matmul(x.reshaped(to: [n, 1])).sum() }),
      ("columnᵀ · (M · column)", { x in
        let c = x.reshaped(to: [n, 1])
        return c.matmul(mv.matmul(c), transposingSelf: true).sum()
      }),
      ("Σ (Mᵀ-product) ⊙ x", { x in
        let c = x.reshaped(to: [n, 1])
        return (mv.matmul(c, transposingSelf: true).transposed().reshaped(to: [n]) * x).sum()
      }),
      ("Σ along axes of M ⊙ x xᵀ", { x in
        let outer = x.reshaped(to: [n, 1]).broadcasted(to: [n, n]) * x.reshaped(to: [1, n])
        return (outer * mv).sum(alongAxes: [1]).sum()
      }),
      ("summed(toShape:) of a broadcast, transposed by permutation", { x in
        let c = x.reshaped(to: [n, 1]).matmul(x.reshaped(to: [n, 1]), transposingOther: true)
        let stacked = (c * mv).reshaped(to: [1, n, n]).broadcasted(to: [2, n, n]).transposed(permutation: [0, 2, 1])
        return stacked.summed(toShape: [n, n]).sum() * 0.5
      }),
    ]
    let expected = m + m.transposed()
    for (name, f) in forms {
      let (h, batched) = hessianReportingSweep(at: x, in: f)
      #expect(batched, "\(name)")
      expectClose(h, expected, tolerance: 1e-13)
    }
  }

  /// Inside `withNumericsChecking` every sweep is checked node by node, so the Hessian takes one sweep per
  /// row (the checker reports the op that produced a NaN); the values are the same.
  @Test func numericsCheckingSweepsOncePerRow() {
    let x = Tensor([1, -2])
    let (h, batched) = withNumericsChecking { hessianReportingSweep(at: x) { ($0 * $0 * $0).sum() } }
    #expect(!batched)
    expectClose(h, Tensor([[6, 0], [0, -12]]))
  }

  /// A doubling made with `Variable.record` (a user's op, whose rule the engine cannot know to be
  /// batch-polymorphic) under a softplus — the gradient σ(2x)·2 depends on the op's result, so the sweep of
  /// the gradient passes through it — and a detour through scalar elements both fall back to one sweep per
  /// row.
  @Test func opsThatAreNotBatchPolymorphicFallBackToOneSweepPerRow() {
    func userDouble(_ x: Variable<Tensor>) -> Variable<Tensor> {
      Variable.record("userDouble", value: x.value * 2, inputs: [x]) { v, _, _ in [v * 2] }
    }
    let x = Tensor([0.5, -1, 2])
    let (h, batched) = hessianReportingSweep(at: x) { softplus(userDouble($0)).sum() }
    #expect(!batched)
    // d²/dx² softplus(2x) = 4σ(2x)(1 − σ(2x)), in plain Doubles.
    let diagonal = x.scalars.map { xi -> Double in
      let s = 1 / (1 + Foundation.exp(-2 * xi))
      return 4 * s * (1 - s)
    }
    expectClose(h, Tensor([[diagonal[0], 0, 0], [0, diagonal[1], 0], [0, 0, diagonal[2]]]), tolerance: 1e-14)
    let (hs, batchedScalars) = hessianReportingSweep(at: x) { x in
      let y = x[element: 1] * x[element: 2]  // ∂²(x₁x₂ + Σx²)/∂x₁∂x₂ = 1
      return (x * x).sum() + Variable<Tensor>(y)
    }
    #expect(!batchedScalars)
    expectClose(hs, Tensor([[2, 0, 0], [0, 2, 1], [0, 1, 2]]))
  }

  /// J of tanh(A x) is diag(1 − t²) A with t = tanh(A x): batched in reverse and in forward mode, and the
  /// same through one sweep per row or column when a user's op is on the way.
  @Test func reverseJacobianIsBatchedAndMatchesClosedForm() {
    var rng = SplitMix64(seed: 11)
    let a = Tensor.random(shape: [6, 4], in: -1..<1, using: &rng)
    let x = Tensor.random(shape: [4], in: -1..<1, using: &rng)
    let f: (Variable<Tensor>) -> Variable<Tensor> = { x in tanh(Variable(a).matmul(x.reshaped(to: [4, 1]))).reshaped(to: [6]) }
    let (value, j, batched) = valueWithJacobianReportingSweep(at: x, mode: .reverse, in: f)
    #expect(batched)
    let t: [Double] = value.scalars, av: [Double] = a.scalars
    var entries = [Double](repeating: 0, count: 24)
    for k in 0..<24 {
      let ti: Double = t[k / 4]
      entries[k] = (1 - ti * ti) * av[k]
    }
    let expected = Tensor(shape: [6, 4], scalars: entries)
    expectClose(j, expected, tolerance: 1e-14)
    expectClose(j, jacobian(at: x, mode: .forward, in: f), tolerance: 1e-14)
    let (_, forwardJ, forwardBatched) = valueWithJacobianReportingSweep(at: x, mode: .forward, in: f)
    #expect(forwardBatched, "forward mode's columns from one batched sweep of the recorded pullback")
    expectClose(forwardJ, expected, tolerance: 1e-14)
    // A user's doubling whose rule is itself (so that it is in the recorded pullback of forward mode too).
    func userDouble(_ v: Variable<Tensor>) -> Variable<Tensor> {
      Variable.record("userDouble", value: v.value * 2, inputs: [v]) { w, _, _ in [userDouble(w)] }
    }
    for mode in [JacobianMode.forward, .reverse] {
      let (_, fallbackJ, fallbackBatched) = valueWithJacobianReportingSweep(at: x, mode: mode) { x in userDouble(f(x)) }
      #expect(!fallbackBatched, "\(mode): a user's op on the way")
      expectClose(fallbackJ, expected * 2, tolerance: 1e-14)
    }
  }

  /// Rows in blocks (a small budget forces blocks of 2 rows) equal the rows of one block.
  @Test func blocksOfRowsEqualOneBlock() {
    var rng = SplitMix64(seed: 5)
    let a = Tensor.random(shape: [9, 5], in: -1..<1, using: &rng)
    let x = Tensor.random(shape: [5], in: -1..<1, using: &rng)
    let tape = Tape()
    let input = tape.variable(x)
    let output = tanh(Variable(a).matmul(input.reshaped(to: [5, 1])))
    let whole = tape.batchedRows(from: output, through: input)
    let blocks = tape.batchedRows(from: output, through: input, budget: 2 * 9)
    #expect(whole != nil && blocks != nil)
    if let whole, let blocks { expectClose(blocks, whole, tolerance: 0) }
  }

  /// The Jacobians of (A·x) ⊙ y in x and in y: diag(y)·A and diag(A·x), from the batched sweep of the
  /// two-tensor `jacobian` (a user's op in the way gives the same through one sweep per row).
  @Test func twoTensorJacobianMatchesClosedFormBatchedOrNot() {
    var rng = SplitMix64(seed: 21)
    let a = Tensor.random(shape: [4, 3], in: -1..<1, using: &rng)
    let x = Tensor.random(shape: [3], in: -1..<1, using: &rng)
    let y = Tensor.random(shape: [4], in: -1..<1, using: &rng)
    let av = a.scalars, xv = x.scalars, yv = y.scalars
    var jx = [Double](repeating: 0, count: 12), jy = [Double](repeating: 0, count: 16)
    for i in 0..<4 {
      var ax = 0.0
      for j in 0..<3 {
        jx[i * 3 + j] = yv[i] * av[i * 3 + j]
        ax += av[i * 3 + j] * xv[j]
      }
      jy[i * 4 + i] = ax
    }
    func userIdentity(_ v: Variable<Tensor>) -> Variable<Tensor> {
      Variable.record("userIdentity", value: v.value, inputs: [v]) { w, _, _ in [w] }
    }
    let tape = Tape()
    let xs = tape.variable(x), ys = tape.variable(y)
    #expect(tape.batchedRows(from: Variable(a).matmul(xs.reshaped(to: [3, 1])).reshaped(to: [4]) * ys, through: xs, of: [xs, ys]) != nil)
    #expect(tape.batchedRows(from: userIdentity(xs * 1), through: xs, of: [xs]) == nil)
    let batched = jacobian(at: x, y) { x, y in Variable(a).matmul(x.reshaped(to: [3, 1])).reshaped(to: [4]) * y }
    let rows = jacobian(at: x, y) { x, y in userIdentity(Variable(a).matmul(x.reshaped(to: [3, 1])).reshaped(to: [4]) * y) }
    for (jxFound, jyFound) in [batched, rows] {
      expectClose(jxFound, Tensor(shape: [4, 3], scalars: jx), tolerance: 1e-15)
      expectClose(jyFound, Tensor(shape: [4, 4], scalars: jy), tolerance: 1e-15)
    }
  }
}
