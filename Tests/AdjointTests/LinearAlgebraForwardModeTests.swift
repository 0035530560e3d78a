import Adjoint
import Testing

/// Forward mode through every linear-algebra operation: `valueWithDifferential` and
/// `jacobian(mode: .forward)` (both the transposed pullback of the op's one reverse rule) against reverse
/// mode, by the identity ⟨w, J·u⟩ = ⟨Jᵀ·w, u⟩ on seeded random u and w and by equal Jacobians, and against
/// central differences (f(x + h·u) − f(x − h·u)) / 2h, an oracle independent of any rule.
@Suite struct LinearAlgebraForwardModeTests {
  /// One operation of one input x (two-input ops use x for both, so every term of the rule is exercised).
  struct Case: Sendable, CustomStringConvertible {
    let description: String
    let shape: [Int]
    let f: @Sendable (Variable<Tensor>) -> Variable<Tensor>
  }

  static let cases: [Case] = [
    Case(description: "matmul, matrix × matrix", shape: [3, 3]) { x in matmul(x, x * x) },
    Case(description: "matmul, matrix × vector", shape: [3, 4]) { x in matmul(x, x.slicing(0..<1, alongAxis: 0).reshaped(to: [4])) },
    Case(description: "matmul, vector × matrix", shape: [4, 3]) { x in matmul(x.slicing(1..<2, alongAxis: 1).reshaped(to: [4]), x) },
    Case(description: "matmul, vector · vector", shape: [5]) { x in matmul(x, exp(x)) },
    Case(description: "matmul, batched", shape: [2, 3, 3]) { x in matmul(x, sin(x)) },
    Case(description: "matmul, broadcast batch", shape: [2, 3, 3]) { x in
      matmul(x, x.slicing(0..<1, alongAxis: 0).reshaped(to: [3, 3]))
    },
    Case(description: "solve, vector right-hand side", shape: [3, 3]) { x in
      must { try solve(shifted(x), x.slicing(0..<1, alongAxis: 1).reshaped(to: [3])) }
    },
    Case(description: "solve, matrix right-hand side", shape: [3, 3]) { x in must { try solve(shifted(x), x * x) } },
    Case(description: "triangularSolve, lower", shape: [3, 3]) { x in must { try triangularSolve(shifted(x), x, lower: true) } },
    Case(description: "triangularSolve, upper, transposing", shape: [3, 3]) { x in
      must { try triangularSolve(shifted(x), x, lower: false, transposing: true) }
    },
    Case(description: "inverse", shape: [3, 3]) { x in must { try inverse(shifted(x)) } },
    Case(description: "determinant", shape: [3, 3]) { x in must { try determinant(shifted(x)) } },
    Case(description: "logDeterminant", shape: [4, 4]) { x in must { try logDeterminant(shifted(x)).logAbs } },
    Case(description: "cholesky", shape: [3, 3]) { x in must { try cholesky(positiveDefinite(x)) } },
    Case(description: "choleskySolve", shape: [3, 3]) { x in
      must { try choleskySolve(cholesky(positiveDefinite(x)), x) }
    },
    Case(description: "positiveDefiniteLogDeterminant", shape: [3, 3]) { x in
      must { try positiveDefiniteLogDeterminant(positiveDefinite(x)) }
    },
    Case(description: "solve, batched", shape: [2, 3, 3]) { x in must { try solve(shifted(x), x.slicing(0..<1, alongAxis: 2)) } },
    Case(description: "triangularSolve, batched", shape: [2, 3, 3]) { x in
      must { try triangularSolve(shifted(x), x * x, lower: false) }
    },
    Case(description: "inverse, batched", shape: [2, 3, 3]) { x in must { try inverse(shifted(x)) } },
    Case(description: "determinant, batched", shape: [2, 3, 3]) { x in must { try determinant(shifted(x)) } },
    Case(description: "cholesky, batched", shape: [2, 3, 3]) { x in must { try cholesky(positiveDefinite(x)) } },
  ]

  @Test(arguments: cases)
  func forwardModeAgreesWithReverseModeAndFiniteDifferences(_ c: Case) {
    for seed: UInt64 in [1, 2, 3] {
      var rng = SplitMix64(seed: seed)
      let x = Tensor.random(shape: c.shape, in: -1...1, using: &rng)
      let u = Tensor.random(shape: c.shape, in: -1...1, using: &rng)
      let (value, df) = valueWithDifferential(at: x, in: c.f)
      let w = Tensor.random(shape: value.shape, in: -1...1, using: &rng)
      let ju = df(u)
      let jtw = gradient(at: x) { x in (c.f(x) * Variable(w)).sum() }
      // ⟨w, J·u⟩ = ⟨Jᵀ·w, u⟩.
      let forward = zip(w.scalars, ju.scalars).map(*).reduce(0, +)
      let reverse = zip(jtw.scalars, u.scalars).map(*).reduce(0, +)
      #expect(Swift.abs(forward - reverse) <= 1e-11 * Swift.max(1, Swift.abs(reverse)), "\(c) seed \(seed): \(forward) vs \(reverse)")
      // J·u against central differences with h = 1e-6 (error O(h²) plus rounding O(ε/h)).
      let h = 1e-6
      let plus = c.f(Variable(x + u * h)).value, minus = c.f(Variable(x - u * h)).value
      expectClose(ju, (plus - minus) * (1 / (2 * h)), tolerance: 1e-7)
      // The Jacobians column by column (forward) and row by row (reverse) agree.
      expectClose(jacobian(at: x, mode: .forward, in: c.f), jacobian(at: x, mode: .reverse, in: c.f), tolerance: 1e-11)
    }
  }
}

/// x + n·I (n the last dimension): well conditioned for x drawn in [−1, 1].
func shifted(_ x: Variable<Tensor>) -> Variable<Tensor> {
  let n = x.value.shape[x.value.rank - 1]
  return x + Variable(Tensor(shape: [n, n], scalars: (0..<(n * n)).map { $0 % (n + 1) == 0 ? Double(n) : 0 }))
}

/// X·Xᵀ + n·I, symmetric positive definite (for a stack, each matrix of it).
func positiveDefinite(_ x: Variable<Tensor>) -> Variable<Tensor> {
  let r = x.value.rank
  var axes = Array(0..<r)
  axes.swapAt(r - 1, r - 2)
  return shifted(matmul(x, x.transposed(permutation: axes)))
}

/// Runs a linear-algebra op on a matrix that is well conditioned by construction.
func must(_ body: () throws -> Variable<Tensor>) -> Variable<Tensor> {
  do { return try body() } catch {
    Issue.record("unexpected \(error)")
    return Variable(Tensor(0))
  }
}
