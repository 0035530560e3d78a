import Adjoint
import Testing

// Printing follows NumPy's `str(array)` layout (nested brackets, decimal points aligned, 8 fraction digits,
// "…" beyond 1,000 scalars with 3 at each end) with Swift's number spelling ("1.0" where NumPy writes "1.").
// The expected texts were written by hand from those rules; where NumPy's text is identical it is noted.

@Suite struct TensorDescriptionTests {
  @Test func aRankZeroTensorPrintsAsItsNumber() {
    #expect(Tensor(3.0).description == "3.0")
    // In full, as NumPy prints a 0-d array: str(np.array(100 * 2 * 1.1)) is "220.00000000000003".
    #expect(Tensor(100 * 2 * 1.1).description == "220.00000000000003")
  }

  @Test func aVectorAlignsItsDecimalPoints() {
    #expect(Tensor([1, 2.5, -3]).description == "[ 1.0  2.5 -3.0]")
    // NumPy 1.26 prints exactly this for np.array([0.1 + 0.2, 1/3]).
    #expect(Tensor([0.1 + 0.2, 1.0 / 3]).description == "[0.3        0.33333333]")
  }

  @Test func aMatrixPrintsOneRowPerLineInNestedBrackets() {
    let m = Tensor([[1, 2.5, -3], [4, 5, 6.25]])
    #expect(m.description == "[[ 1.0   2.5  -3.0 ]\n [ 4.0   5.0   6.25]]")
  }

  @Test func higherRanksSeparateTheirBlocksWithBlankLines() {
    let t = Tensor(shape: [2, 2, 2], scalars: [1, 2, 3, 4, 5, 6, 7, 8])
    #expect(t.description == "[[[1.0 2.0]\n  [3.0 4.0]]\n\n [[5.0 6.0]\n  [7.0 8.0]]]")
  }

  @Test func moreThanAThousandScalarsAreSummarisedWithThreeAtEachEnd() {
    let v = Tensor((0..<2000).map(Double.init))
    #expect(v.description == "[   0.0    1.0    2.0 … 1997.0 1998.0 1999.0]")
    let m = Tensor(shape: [100, 20], scalars: (0..<2000).map(Double.init))
    let lines = m.description.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count == 7)  // 3 rows, "…", 3 rows
    #expect(lines[0] == "[[   0.0    1.0    2.0 …   17.0   18.0   19.0]")
    #expect(lines[3] == " …")
    #expect(lines[6] == " [1980.0 1981.0 1982.0 … 1997.0 1998.0 1999.0]]")
    #expect(Tensor((0..<1000).map(Double.init)).description.contains("…") == false)
  }

  @Test func tinyOrHugeNumbersSwitchEveryCellToExponentForm() {
    #expect(Tensor([1e-5, 1]).description == "[1e-05   1.0]")
    #expect(Tensor([.nan, 1, -.infinity]).description == "[ nan  1.0 -inf]")
  }

  @Test func emptyTensorsPrintTheirBrackets() {
    #expect(Tensor(shape: [0], scalars: []).description == "[]")
    #expect(Tensor(shape: [2, 0], scalars: []).description == "[[]]")
  }

  @Test func aVariableIndentsItsTensorUnderItsOpeningParenthesis() {
    let tape = Tape()
    let x = tape.variable(Tensor([[1, 2], [3, 4]]))
    #expect(x.description == "Variable([[1.0 2.0]\n          [3.0 4.0]], node 0)")
    #expect(Variable(Tensor([1, 2])).description == "Variable(constant: [1.0 2.0])")
    #expect(tape.variable(2.5).description == "Variable(2.5, node 1)")
  }

  @Test func gradientsDescribeTheirNodesAndRecordingNotTheirStorage() {
    let tape = Tape()
    let apple = tape.variable(100.0), count = tape.variable(2.0), tax = tape.variable(1.1)
    let g = (apple * count * tax).backward()
    #expect(g.description == "Gradients(5 nodes: 5 scalar with 5 adjoints nonzero, 0 tensor; recording 0 of a live tape)")
    let t = Tape()
    let w = t.variable(Tensor([1, 2])), unused = t.variable(Tensor([3]))
    _ = unused
    let gt = (w * w).sum().backward()
    #expect(gt.description == "Gradients(4 nodes: 0 scalar with 0 adjoints nonzero, 4 tensor with 3 adjoints reached; recording 0 of a live tape)")
    t.reset()
    #expect(gt.description.hasSuffix("recording 0 of a tape reset since)"))
    #expect(!gt.description.contains("AdjointBuffer") && !gt.description.contains("ObjectIdentifier"))
  }
}
