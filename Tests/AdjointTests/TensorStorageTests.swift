import Testing
@testable import Adjoint

/// Tensor storage: copy-on-write sharing and the per-thread reuse of large buffers.
@Suite struct TensorStorageTests {
  /// Large enough to be pooled.
  static let large = 2 * TensorBuffer.pooledMinimumCount

  @Test func copiesShareStorageUntilOneIsMutated() {
    var a = Tensor((0..<Self.large).map(Double.init))
    let b = a
    a[0] = -1
    #expect(a[0] == -1)
    #expect(b[0] == 0)
    #expect(b[Self.large - 1] == Double(Self.large - 1))
  }

  @Test func reshapedTensorsShareStorageButNotMutations() {
    var flat = Tensor((0..<Self.large).map(Double.init))
    let matrix = flat.reshaped(to: [2, -1])
    flat[1] = 100
    #expect(matrix[0, 1] == 1)
    #expect(flat[1] == 100)
  }

  @Test func aReusedBufferIsFullyOverwritten() {
    do { _ = Tensor(repeating: 7, shape: [Self.large]) }  // freed into this thread's cache
    let zeros = Tensor.zeros([Self.large])
    #expect(zeros.scalars.allSatisfy { $0 == 0 })
    let sum = Tensor.ones([Self.large]) + Tensor.ones([Self.large])
    #expect(sum.scalars.allSatisfy { $0 == 2 })
  }

  @Test func aFreedBufferIsHandedOutAgainForTheSameSize() {
    var address: UnsafeMutablePointer<Double>?
    do {
      let t = Tensor.zeros([Self.large + 3])
      if case .buffer(let b) = t.storage { address = b.base }
    }
    let u = Tensor.ones([Self.large + 3])
    guard case .buffer(let b) = u.storage else {
      Issue.record("a rank-1 tensor should have a buffer")
      return
    }
    #expect(b.base == address)
  }

  @Test func smallBuffersAreNotPooledAndRankZeroHasNone() {
    let scalar = Tensor(3)
    if case .buffer = scalar.storage { Issue.record("a rank-0 tensor should hold its scalar inline") }
    #expect(Tensor([1, 2, 3]).count < TensorBuffer.pooledMinimumCount)
  }
}
