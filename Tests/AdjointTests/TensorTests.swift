import Testing
@testable import Adjoint

@Suite struct TensorTests {
  @Test func rowMajorSubscript() {
    let m = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
    #expect(m[1, 2] == 6)
    #expect(m[0, 1] == 2)
    #expect(m.count == 6)
  }

  @Test func rankZeroHoldsItsValueInline() {
    let s = Tensor(2.5)
    #expect(s.shape == [])
    #expect(s.scalar == 2.5)
    if case .scalar = s.storage {} else { Issue.record("rank-0 tensor should store its scalar inline") }
  }
}
