import Testing
import Adjoint

/// Comparison masks and `select(where:_:_:)`: values, gradients to each branch, and no NaN or infinity from
/// the branch not taken, at first and second order. Expected values are worked out by hand.
@Suite struct TensorSelectionTests {
  @Test func comparisonsGiveMasksAndBroadcast() {
    let x = Tensor([-1, 0, 2])
    #expect((x .> 0) == Tensor([0, 0, 1]))
    #expect((x .>= 0) == Tensor([0, 1, 1]))
    #expect((x .< 0) == Tensor([1, 0, 0]))
    #expect((x .<= 0) == Tensor([1, 1, 0]))
    #expect((x .== 0) == Tensor([0, 1, 0]))
    #expect((x .!= 0) == Tensor([1, 0, 1]))
    #expect((Tensor([[1], [3]]) .< Tensor([2, 4])) == Tensor([[1, 1], [0, 1]]))
    #expect(((x .> -1) .& (x .< 2)) == Tensor([0, 1, 0]))
    #expect(((x .< 0) .| (x .> 1)) == Tensor([1, 0, 1]))
    #expect((.!(x .> 0)) == Tensor([1, 1, 0]))
    #expect((Tensor.mask(x) { $0 != 0 }) == Tensor([1, 0, 1]))
    #expect((Tensor([.nan]) .> 0) == Tensor([0]))
    #expect((Tensor([.nan]) .!= 0) == Tensor([1]))
  }

  @Test func selectTakesEachBranchWhereTheMaskSaysAndRoutesTheGradient() {
    let tape = Tape()
    let a = tape.variable(Tensor([1, 2, 3]))
    let b = tape.variable(Tensor([10, 20, 30]))
    let y = select(where: Tensor([1, 0, 1]), a * a, b)
    #expect(y.value == Tensor([1, 20, 9]))
    let g = y.sum().backward()
    #expect(g[a] == Tensor([2, 0, 6]))
    #expect(g[b] == Tensor([0, 1, 0]))
    #expect(select(where: Tensor([1, 0]), Tensor([1, 2]), Tensor(5)) == Tensor([1, 5]))
  }

  /// JAX's "double where" problem: the branch not taken is NaN (sqrt) or −∞ (log) there, and its derivative
  /// NaN or ∞; the gradient must still be 0 at x ≤ 0.
  @Test func selectLeaksNoNaNFromSqrtOrLogOnTheBranchNotTaken() {
    let x = Tensor([-1, 0, 4])
    let gSqrt = gradient(at: x) { select(where: $0 .> 0, sqrt($0), 0).sum() }
    #expect(gSqrt == Tensor([0, 0, 0.25]))
    let gLog = gradient(at: x) { select(where: $0 .> 0, log($0), 0).sum() }
    #expect(gLog == Tensor([0, 0, 0.25]))
    let gFlipped = gradient(at: x) { select(where: $0 .<= 0, 1, log($0)).sum() }
    #expect(gFlipped == Tensor([0, 0, 0.25]))
  }

  /// Second order: d²/dx² of select(x > 0, sqrt(x), 0) is −¼x^(−3/2) where x > 0 and 0 (not NaN) elsewhere.
  @Test func selectLeaksNoNaNIntoSecondDerivatives() {
    let tape = Tape()
    let x = tape.variable(Tensor([-1, 0, 4]))
    let first = gradient(at: x) { select(where: $0 .> 0, sqrt($0), 0).sum() }
    let second = first.sum().backward()[x]
    #expect(second.isFinite)
    expectClose(second, Tensor([0, 0, -0.25 / 8]))
  }
}
