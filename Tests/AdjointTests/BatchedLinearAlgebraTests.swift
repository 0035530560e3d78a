import Adjoint
import Testing

/// The solves and factorisations on stacks of matrices [..., n, n]: gradient checks (catalog rows, first
/// and second order), NumPy's printed values, identities per matrix, broadcast shapes, and errors that name
/// the batch index of the matrix that failed.
@Suite struct BatchedLinearAlgebraTests {
  static let firstOrder = GradientCheckCatalog.batchedLinearAlgebra.instances(seeds: 1...2)
  static let secondOrder = GradientCheckCatalog.batchedLinearAlgebraSecondOrder.instances(seeds: 1...2)

  @Test(arguments: firstOrder)
  func gradientMatchesCentralDifferences(_ instance: GradientCheckCase.Instance) { expectCheckPasses(instance) }

  @Test(arguments: secondOrder)
  func gradientOfGradientMatchesCentralDifferences(_ instance: GradientCheckCase.Instance) {
    expectCheckPasses(instance)
  }

  /// Two symmetric positive-definite 2×2 matrices; expected values printed by NumPy 2.4.6 in the peers venv
  /// (`np.linalg.solve(A, B[..., None])[..., 0]`, `cholesky`, `inv`, `det`).
  static let a = Tensor(shape: [2, 2, 2], scalars: [4, 1, 1, 3, 2, -1, -1, 5])

  @Test func stackedOperationsMatchNumPy() throws {
    let a = Variable(Self.a)
    let x = try solve(a, Variable(Tensor([[1, 2], [3, -1]])))
    expectClose(x.value, Tensor([[0.09090909090909091, 0.6363636363636364], [1.5555555555555556, 0.1111111111111111]]), tolerance: 1e-15)
    expectClose(
      try cholesky(a).value,
      Tensor(shape: [2, 2, 2], scalars: [2, 0, 0.5, 1.6583123951777, 1.4142135623730951, 0, -0.7071067811865475, 2.1213203435596424]),
      tolerance: 1e-15)
    expectClose(
      try inverse(a).value,
      Tensor(
        shape: [2, 2, 2],
        scalars: [
          0.2727272727272727, -0.09090909090909091, -0.09090909090909091, 0.36363636363636365,
          0.5555555555555556, 0.1111111111111111, 0.1111111111111111, 0.2222222222222222,
        ]), tolerance: 1e-15)
    expectClose(try determinant(a).value, Tensor([11, 9]), tolerance: 1e-14)
  }

  @Test func eachMatrixOfAStackSatisfiesItsIdentity() throws {
    var rng = SplitMix64(seed: 21)
    let a = randomTensor([2, 3, 4, 4], in: -1...1, using: &rng) + identityMatrix(4) * 4
    let b = randomTensor([2, 3, 4, 2], in: -1...1, using: &rng)
    let x = try solve(Variable(a), Variable(b)).value
    expectClose(matmul(Variable(a), Variable(x)).value, b, tolerance: 1e-13)
    let inv = try inverse(Variable(a)).value
    expectClose(matmul(Variable(inv), Variable(a)).value, identityMatrix(4).broadcasted(to: [2, 3, 4, 4]), tolerance: 1e-13)
    let spd = matmul(Variable(a), Variable(a.transposed(permutation: [0, 1, 3, 2]))).value
    let l = try cholesky(Variable(spd)).value
    expectClose(matmul(Variable(l), Variable(l.transposed(permutation: [0, 1, 3, 2]))).value, spd, tolerance: 1e-13)
    // det of a stack = the product of the diagonal of each triangular factor, squared: det(A·Aᵀ) = Πᵢ Lᵢᵢ².
    let dets = try determinant(Variable(spd)).value
    let ls = l.scalars
    for m in 0..<6 {
      let product = (0..<4).map { ls[m * 16 + $0 * 5] }.reduce(1, *)
      expectClose(dets.scalars[m], product * product, tolerance: 1e-12)
    }
  }

  @Test func batchDimensionsBroadcastAndVectorsFollowTorchsRule() throws {
    let eye3 = identityMatrix(3)
    #expect(try solve(Variable(Tensor.ones([2, 1, 3, 3]) + eye3), Variable(Tensor.ones([4, 3, 2]))).value.shape == [2, 4, 3, 2])
    // b of A's shape without its last dimension is a stack of vectors; a rank-1 b is one vector for every matrix.
    #expect(try solve(Variable(eye3.broadcasted(to: [2, 3, 3])), Variable(Tensor.ones([2, 3]))).value.shape == [2, 3])
    #expect(try solve(Variable(eye3.broadcasted(to: [2, 3, 3])), Variable(Tensor.ones([3]))).value.shape == [2, 3])
    #expect(try triangularSolve(Variable(eye3.broadcasted(to: [2, 3, 3])), Variable(Tensor.ones([3]))).value.shape == [2, 3])
    #expect(try determinant(Variable(eye3.broadcasted(to: [2, 5, 3, 3]))).value == Tensor.ones([2, 5]))
    #expect(try determinant(Variable(eye3)).value.shape == [])
  }

  @Test func aSingularMatrixOfAStackIsNamedByItsBatchIndex() {
    // Stack [2, 2, 2, 2] of identities, with the matrix at [1, 0] made singular (rows equal, by hand).
    var scalars = identityMatrix(2).broadcasted(to: [2, 2, 2, 2]).scalars
    for j in 8..<12 { scalars[j] = 1 }
    let a = Variable(Tensor(shape: [2, 2, 2, 2], scalars: scalars))
    let expected = LinearAlgebraError.inBatch(index: [1, 0], error: .singularMatrix(op: "solve", pivot: 2, of: 2))
    #expect(throws: expected) { try solve(a, Variable(Tensor.ones([2]))) }
    #expect(throws: expected) { try inverse(a) }
    #expect(throws: LinearAlgebraError.inBatch(index: [1, 0], error: .singularMatrix(op: "logDeterminant", pivot: 2, of: 2))) {
      try determinant(a)
    }
    #expect(expected.description == "solve: the matrix at batch index [1, 0] is singular: pivot 2 of 2 is zero")
  }

  @Test func anIndefiniteMatrixOfAStackIsNamedByItsBatchIndex() {
    let a = Variable(Tensor(shape: [2, 2, 2], scalars: [1, 0, 0, 1, 1, 2, 2, 1]))
    let expected = LinearAlgebraError.inBatch(index: [1], error: .notPositiveDefinite(op: "cholesky", minor: 2, of: 2))
    #expect(throws: expected) { try cholesky(a) }
    #expect(
      expected.description == "cholesky: the matrix at batch index [1] is not positive definite: leading minor 2 of 2 is not positive")
    #expect(throws: LinearAlgebraError.inBatch(index: [0], error: .singularMatrix(op: "triangularSolve", pivot: 1, of: 2))) {
      try triangularSolve(Variable(Tensor(shape: [2, 2, 2], scalars: [0, 0, 1, 1, 1, 0, 0, 1])), Variable(Tensor([1, 1])))
    }
  }
}

/// The n×n identity matrix.
func identityMatrix(_ n: Int) -> Tensor {
  Tensor(shape: [n, n], scalars: (0..<(n * n)).map { $0 % (n + 1) == 0 ? 1 : 0 })
}
