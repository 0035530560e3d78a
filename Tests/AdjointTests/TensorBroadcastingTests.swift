import Testing
import Adjoint

/// Broadcasting arithmetic on tensor values; expected values written out by hand.
@Suite struct TensorBroadcastingTests {
  let m = Tensor([[1, 2, 3], [4, 5, 6]])  // [2, 3]

  @Test func broadcastShapeFollowsNumPy() {
    #expect(Tensor.broadcastShape([3, 4], [4]) == [3, 4])
    #expect(Tensor.broadcastShape([3, 4], [3, 1]) == [3, 4])
    #expect(Tensor.broadcastShape([2, 1, 4], [3, 1]) == [2, 3, 4])
    #expect(Tensor.broadcastShape([], [2, 3]) == [2, 3])
    #expect(Tensor.broadcastShape([1], [0]) == [0])
    #expect(Tensor.broadcastShape([4, 3], [2]) == nil)
    #expect(Tensor.broadcastShape([2, 3], [3, 3]) == nil)
  }

  @Test func sameShapeArithmetic() {
    let n = Tensor([[6, 5, 4], [3, 2, 1]])
    expectClose(m + n, Tensor([[7, 7, 7], [7, 7, 7]]))
    expectClose(m - n, Tensor([[-5, -3, -1], [1, 3, 5]]))
    expectClose(m * n, Tensor([[6, 10, 12], [12, 10, 6]]))
    expectClose(m / n, Tensor([[1.0 / 6, 0.4, 0.75], [4.0 / 3, 2.5, 6]]))
    expectClose(-m, Tensor([[-1, -2, -3], [-4, -5, -6]]))
  }

  @Test func rowVectorBroadcastsOverRowsOnEitherSide() {
    let row = Tensor([10, 20, 30])
    expectClose(m + row, Tensor([[11, 22, 33], [14, 25, 36]]))
    expectClose(row - m, Tensor([[9, 18, 27], [6, 15, 24]]))
  }

  @Test func columnVectorBroadcastsOverColumnsOnEitherSide() {
    let column = Tensor([[10], [100]])
    expectClose(m * column, Tensor([[10, 20, 30], [400, 500, 600]]))
    expectClose(column / m, Tensor([[10, 5, 10.0 / 3], [25, 20, 100.0 / 6]]))
  }

  @Test func bothOperandsStretchInTheGeneralCase() {
    let a = Tensor(shape: [2, 1, 2], scalars: [1, 2, 3, 4])
    let b = Tensor([[10], [20], [30]])  // [3, 1]
    let expected = Tensor(shape: [2, 3, 2], scalars: [11, 12, 21, 22, 31, 32, 13, 14, 23, 24, 33, 34])
    expectClose(a + b, expected)
    expectClose(b + a, expected)
    // An outer product by broadcasting: [3, 1] × [1, 2].
    expectClose(b * Tensor([[1, -1]]), Tensor([[10, -10], [20, -20], [30, -30]]))
  }

  @Test func scalarsBroadcastEverywhere() {
    expectClose(m + Tensor(1), Tensor([[2, 3, 4], [5, 6, 7]]))
    expectClose(Tensor(12) / Tensor([3, 4]), Tensor([4, 3]))
    expectClose(2 * m - 1, Tensor([[1, 3, 5], [7, 9, 11]]))
    expectClose(1 / Tensor([2, 4]) + 0.5, Tensor([1, 0.75]))
    expectClose((Tensor(3) * Tensor(4)), Tensor(12))
    #expect((Tensor(3) * Tensor(4)).shape == [])
  }

  @Test func compoundAssignmentWorksInPlaceWithBroadcasting() {
    var x = m
    let before = x
    x += Tensor([1, 1, 1])
    x *= 2
    x -= Tensor([[1], [2]])
    x /= Tensor([[1, 2, 4], [1, 2, 4]])
    expectClose(x, Tensor([[3, 2.5, 1.75], [8, 5, 3]]))
    expectClose(before, m)  // copy-on-write: the copy is untouched
  }

  @Test func broadcastedStretchesToTheTargetShape() {
    expectClose(Tensor([1, 2]).broadcasted(to: [2, 2]), Tensor([[1, 2], [1, 2]]))
    expectClose(Tensor([[1], [2]]).broadcasted(to: [2, 3]), Tensor([[1, 1, 1], [2, 2, 2]]))
    expectClose(Tensor(7).broadcasted(to: [2]), Tensor([7, 7]))
    expectClose(
      Tensor(shape: [2, 1, 1], scalars: [1, 2]).broadcasted(to: [2, 2, 2]),
      Tensor(shape: [2, 2, 2], scalars: [1, 1, 1, 1, 2, 2, 2, 2]))
  }

  @Test func summedToShapeUndoesBroadcasting() {
    expectClose(m.summed(toShape: [3]), Tensor([5, 7, 9]))
    expectClose(m.summed(toShape: [1, 3]), Tensor([[5, 7, 9]]))
    expectClose(m.summed(toShape: [2, 1]), Tensor([[6], [15]]))
    expectClose(m.summed(toShape: []), Tensor(21))
    let t = Tensor(shape: [2, 3, 2], scalars: (1...12).map(Double.init))
    expectClose(t.summed(toShape: [3, 1]), Tensor([[18], [26], [34]]))  // 1+2+7+8, 3+4+9+10, 5+6+11+12
  }

  @Test func gradientOfBroadcastOperandIsSummedToItsShape() {
    let tape = Tape()
    let x = tape.variable(m), bias = tape.variable(Tensor([1, 1, 1])), scale = tape.variable(Tensor([[2], [3]]))
    let g = ((x + bias) * scale).sum().backward()
    expectClose(g[bias], Tensor([5, 5, 5]))  // Σ over rows of the scale
    expectClose(g[scale], Tensor([[9], [18]]))  // Σ over columns of x + bias
    expectClose(g[x], Tensor([[2, 2, 2], [3, 3, 3]]))
  }
}
