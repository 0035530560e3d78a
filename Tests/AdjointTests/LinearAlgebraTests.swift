import Testing
import Adjoint

/// The linear-algebra operations: gradient checks (catalog rows), identities and closed forms, NumPy's
/// printed values, and the thrown errors for singular and indefinite matrices.
@Suite struct LinearAlgebraTests {
  static let firstOrder = GradientCheckCatalog.linearAlgebra.instances(seeds: 1...2)
  static let secondOrder = GradientCheckCatalog.linearAlgebraSecondOrder.instances(seeds: 1...2)

  @Test(arguments: firstOrder)
  func gradientMatchesCentralDifferences(_ instance: GradientCheckCase.Instance) { expectCheckPasses(instance) }

  @Test(arguments: secondOrder)
  func gradientOfGradientMatchesCentralDifferences(_ instance: GradientCheckCase.Instance) {
    expectCheckPasses(instance)
  }

  /// A = [[4, 1, 2], [1, 5, 3], [2, 3, 6]], symmetric positive definite; expected values printed by NumPy 2
  /// (`np.linalg.cholesky`, `slogdet`, `det`, `solve`, `inv`) in the peers venv.
  static let a = Tensor([[4, 1, 2], [1, 5, 3], [2, 3, 6]])

  @Test func choleskyMatchesNumPyAndReconstructsA() throws {
    let l = try cholesky(Variable(Self.a))
    expectClose(
      l.value,
      Tensor([[2, 0, 0], [0.5, 2.179449471770337, 0], [1, 1.1470786693528088, 1.9194297398747862]]), tolerance: 1e-14)
    expectClose(l.value.matmul(l.value, transposingOther: true), Self.a, tolerance: 1e-14)
  }

  @Test func determinantsMatchNumPy() throws {
    let (sign, logAbs) = try logDeterminant(Variable(Self.a))
    #expect(sign == 1)
    expectClose(logAbs.value.scalar, 4.2484952420493585, tolerance: 1e-14)
    expectClose(try determinant(Variable(Self.a)).value.scalar, 70, tolerance: 1e-13)
    expectClose(try positiveDefiniteLogDeterminant(Variable(Self.a)).value.scalar, 4.2484952420493585, tolerance: 1e-14)
    // A permutation with one swap: det [[0, 2], [3, 0]] = −6 (closed form).
    let swapped = try logDeterminant(Variable(Tensor([[0, 2], [3, 0]])))
    #expect(swapped.sign == -1)
    expectClose(swapped.logAbs.value.scalar, 1.791759469228055, tolerance: 1e-14)
  }

  @Test func solveTimesAIsB() throws {
    var rng = SplitMix64(seed: 7)
    let a = randomTensor([6, 6], in: -1...1, using: &rng)
    let b = randomTensor([6, 3], in: -1...1, using: &rng)
    let x = try solve(Variable(a), Variable(b)).value
    expectClose(a.matmul(x), b, tolerance: 1e-12)
    let xv = try solve(Variable(Self.a), Variable(Tensor([1, 2, 3]))).value
    expectClose(xv, Tensor([0, 0.14285714285714285, 0.4285714285714286]), tolerance: 1e-14)
  }

  @Test func inverseTimesAIsIdentity() throws {
    let inv = try inverse(Variable(Self.a)).value
    expectClose(inv.matmul(Self.a), Tensor([[1, 0, 0], [0, 1, 0], [0, 0, 1]]), tolerance: 1e-14)
  }

  @Test func determinantOfTriangularIsProductOfDiagonal() throws {
    let t = Tensor([[2, 0, 0], [7, -3, 0], [1, 4, 0.5]])
    expectClose(try determinant(Variable(t)).value.scalar, 2 * -3 * 0.5, tolerance: 1e-14)
  }

  @Test func gradientOfLogDeterminantIsInverseTransposed() throws {
    // d log|det A| / dA = A⁻ᵀ (Giles 2008); A⁻ᵀ printed by NumPy (`np.linalg.inv(A).T`).
    let g = gradient(at: Self.a) { a in (try? logDeterminant(a).logAbs) ?? a.sum() }
    expectClose(
      g,
      Tensor([[0.3, 0, -0.1], [0, 0.2857142857142857, -0.14285714285714285], [-0.1, -0.14285714285714282, 0.2714285714285714]]),
      tolerance: 1e-13)
  }

  @Test func triangularSolveReadsOnlyItsTriangle() throws {
    let t = Tensor([[2, 99], [1, 4]])  // the 99 is above the diagonal: not read for lower = true
    let x = try triangularSolve(Variable(t), Variable(Tensor([2, 9])), lower: true).value
    expectClose(x, Tensor([1, 2]), tolerance: 1e-15)  // 2·1 = 2, 1·1 + 4·2 = 9
  }

  @Test func matmulFollowsNumPyShapes() {
    let m = Variable(Tensor.ones([2, 3, 4])), v = Variable(Tensor.ones([4]))
    #expect(matmul(m, v).value.shape == [2, 3])
    #expect(matmul(Variable(Tensor.ones([3])), m).value.shape == [2, 4])
    #expect(matmul(v, v).value.shape == [])
    #expect(matmul(Variable(Tensor.ones([5, 1, 3, 4])), Variable(Tensor.ones([2, 4, 6]))).value.shape == [5, 2, 3, 6])
    // [[1, 2], [3, 4]] · [1, 1] = [3, 7]; batched against two stacked copies, by hand.
    let a = Tensor([[1, 2], [3, 4]])
    expectClose(matmul(Variable(a), Variable(Tensor([1, 1]))).value, Tensor([3, 7]))
    let stacked = Tensor(stacking: [a, a * 2])
    expectClose(matmul(Variable(stacked), Variable(a)).value, Tensor(stacking: [a.matmul(a), (a * 2).matmul(a)]))
  }

  @Test func outerDotTraceNorm() {
    expectClose(outer(Variable(Tensor([1, 2])), Variable(Tensor([3, 4, 5]))).value, Tensor([[3, 4, 5], [6, 8, 10]]))
    expectClose(dot(Variable(Tensor([1, 2, 3])), Variable(Tensor([4, 5, 6]))).value.scalar, 32)
    expectClose(Variable(Self.a).trace().value.scalar, 15)
    expectClose(Variable(Tensor([3, 4])).frobeniusNorm().value.scalar, 5)
    expectClose(Variable(Self.a).diagonal().value, Tensor([4, 5, 6]))
  }

  @Test func singularMatrixThrowsNamingThePivot() {
    #expect(throws: LinearAlgebraError.singularMatrix(op: "solve", pivot: 2, of: 2)) {
      try solve(Variable(Tensor([[1, 2], [2, 4]])), Variable(Tensor([1, 1])))
    }
    #expect(throws: LinearAlgebraError.singularMatrix(op: "logDeterminant", pivot: 3, of: 3)) {
      // Row 2 is twice row 1: exact zeros in the last pivot (by hand).
      try logDeterminant(Variable(Tensor([[1, 2, 3], [2, 4, 6], [1, 0, 1]])))
    }
    #expect(throws: LinearAlgebraError.singularMatrix(op: "triangularSolve", pivot: 1, of: 2)) {
      try triangularSolve(Variable(Tensor([[0, 0], [1, 1]])), Variable(Tensor([1, 1])))
    }
    #expect(
      LinearAlgebraError.singularMatrix(op: "solve", pivot: 2, of: 2).description
        == "solve: the matrix is singular: pivot 2 of 2 is zero")
  }

  @Test func indefiniteMatrixThrowsNamingTheMinor() {
    #expect(throws: LinearAlgebraError.notPositiveDefinite(op: "cholesky", minor: 2, of: 3)) {
      try cholesky(Variable(Tensor([[1, 2, 0], [2, 1, 0], [0, 0, 1]])))
    }
  }

  @Test func blockedFactorizationsAgreeWithIdentitiesAtSizesAcrossBlocks() throws {
    // n = 150 spans several panels (16 columns for LU, 32 for Cholesky) and a ragged last one.
    var rng = SplitMix64(seed: 11)
    let n = 150
    let x = randomTensor([n, n], in: -1...1, using: &rng)
    var eye = [Double](repeating: 0, count: n * n)
    for i in 0..<n { eye[i * n + i] = Double(n) }
    let spd = x.matmul(x, transposingOther: true) + Tensor(shape: [n, n], scalars: eye)
    let l = try cholesky(Variable(spd)).value
    expectClose(l.matmul(l, transposingOther: true), spd, tolerance: 1e-11)
    let b = randomTensor([n, 2], in: -1...1, using: &rng)
    let solution = try solve(Variable(x), Variable(b)).value
    expectClose(x.matmul(solution), b, tolerance: 1e-9)
  }
}
