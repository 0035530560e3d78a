import Testing
import Adjoint

/// The examples of Docs/Indexing.md, run as written, with the output the guide prints.
@Suite struct IndexingGuideTests {
  @Test func summaryExample() {
    let m: Tensor = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
    #expect("\(m[1, -1]) \(m[row: -1]) \(m[1...].shape)" == "6.0 [7.0 8.0 9.0] [2, 3]")

    let g = gradient(at: m) { x in x.gathering(rows: [2, 0, 2]).sum() + x[1, 1] }
    #expect("\(g)" == "[[1.0 1.0 1.0]\n [0.0 1.0 0.0]\n [2.0 2.0 2.0]]")

    let x = Tensor([-1, 0, 4])
    let h = gradient(at: x) { v in select(where: v .> 0, sqrt(v), 0).sum() }
    #expect("\(h)" == "[0.0  0.0  0.25]")
  }

  @Test func scatterAddExample() {
    let rows: Tensor = [[1, 1], [2, 2], [3, 3]]
    #expect("\(rows.scattering(rows: [2, 0, 2], rowCount: 3))" == "[[2.0 2.0]\n [0.0 0.0]\n [4.0 4.0]]")
  }

  @Test func literalExample() {
    let c: Tensor = [[[1], [2]], [[3], [4]]]
    #expect(c.shape == [2, 2, 1])
  }
}
