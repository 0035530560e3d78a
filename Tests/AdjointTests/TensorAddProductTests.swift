import Testing
import Adjoint

/// `addProduct(_:_:)` (self += factor · other) against a naive loop, its value semantics and aliasing, its
/// trap message, and the compound assignments' single pass when the storage is shared.
@Suite struct TensorAddProductTests {
  /// The address of a tensor's first scalar (to tell an in-place update from a new buffer).
  func address(of t: Tensor) -> UnsafeRawPointer? {
    t.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
  }

  /// Shapes with odd lengths (a vector loop's remainder), one element, rank 0 and zero elements.
  static let shapes: [[Int]] = [[], [1], [7], [0], [2, 0, 3], [3, 5], [33], [4, 129], [2, 3, 17]]

  @Test(arguments: shapes) func addProductEqualsANaiveLoopBitForBit(shape: [Int]) {
    var rng = SplitMix64(seed: 41)
    let x = randomTensor(shape, in: -3...3, using: &rng)
    let y = randomTensor(shape, in: -3...3, using: &rng)
    for factor in [-0.1, 0.7, 3.0, 0.0] {
      // The oracle: the formula written out, element by element, over plain arrays.
      let (xs, ys) = (x.scalars, y.scalars)
      var expected: [Double] = []
      for i in 0..<xs.count where !shape.contains(0) {
        let product = factor * ys[i]
        expected.append(xs[i] + product)
      }
      var result = x
      result.addProduct(factor, y)
      #expect(result.shape == shape)
      #expect(shape.contains(0) ? result.count == 0 : result.scalars == expected, "shape \(shape), factor \(factor)")
    }
  }

  /// From 128Ki elements the pass is split over two threads (unless one is asked for): the same bits as the
  /// naive loop either way, with an odd count so that the halves differ.
  @Test func largeAddProductEqualsTheNaiveLoopOnOneThreadAndOnTwo() {
    var rng = SplitMix64(seed: 3)
    let count = (1 << 17) + 13
    let x = randomTensor([count], in: -2...2, using: &rng)
    let y = randomTensor([count], in: -2...2, using: &rng)
    let (xs, ys) = (x.scalars, y.scalars)
    let expected = (0..<count).map { i in xs[i] + 0.3 * ys[i] }
    for threads in [1, 2] {
      var shared = x  // x stays alive: a new buffer
      withMatrixProductThreads(threads) { shared.addProduct(0.3, y) }
      #expect(shared.scalars == expected, "\(threads) threads, shared storage")
      var unique = Tensor(shape: [count], scalars: xs)  // in place
      withMatrixProductThreads(threads) { unique.addProduct(0.3, y) }
      #expect(unique.scalars == expected, "\(threads) threads, in place")
    }
    var byDefault = x
    byDefault.addProduct(0.3, y)
    #expect(byDefault.scalars == expected)
  }

  /// p + (−η)·g rounds exactly as p − η·g: the optimizers' fused step changes no bit of the old result.
  @Test func addProductOfTheNegatedFactorEqualsSubtractingTheScaledTensor() {
    var rng = SplitMix64(seed: 7)
    let p = Tensor.randomNormal(shape: [97, 13], using: &rng)
    let g = Tensor.randomNormal(shape: [97, 13], using: &rng) * 1e-3
    for eta in [0.1, 0.01, 1.0 / 3, 2.5e-4] {
      var fused = p
      fused.addProduct(-eta, g)
      #expect(fused == p - eta * g, "η = \(eta)")
      var compound = p
      compound += eta * g
      var added = p
      added.addProduct(eta, g)
      #expect(added == compound, "η = \(eta)")
    }
  }

  @Test func addProductUpdatesUniqueStorageInPlace() {
    var x = Tensor([1, 2, 3, 4, 5])
    let before = address(of: x)
    x.addProduct(2, Tensor([1, 1, 1, 1, 1]))
    #expect(x == Tensor([3, 4, 5, 6, 7]))
    #expect(address(of: x) == before)
  }

  @Test func addProductLeavesACopyOfTheTensorUnchanged() {
    var x = Tensor([[1, 2], [3, 4]])
    let copy = x
    x.addProduct(-1, Tensor([[1, 1], [1, 1]]))
    #expect(x == Tensor([[0, 1], [2, 3]]))
    #expect(copy == Tensor([[1, 2], [3, 4]]))
    #expect(address(of: x) != address(of: copy))
  }

  /// x + 2·x = 3·x, with `other` the very tensor being updated.
  @Test func addProductOfATensorWithItselfTriplesIt() {
    var x = Tensor([1, -2, 0.5, 7, 9, -11, 13])
    x.addProduct(2, x)
    #expect(x == Tensor([3, -6, 1.5, 21, 27, -33, 39]))
    var scalar = Tensor(4)
    scalar.addProduct(2, scalar)
    #expect(scalar == Tensor(12))
  }

  @Test func addProductWithMismatchedShapesTrapsNamingBothShapes() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      var x = Tensor.zeros([2, 3])
      x.addProduct(0.5, Tensor.zeros([3]))
    }
    if let result {
      let standardError = String(decoding: result.standardErrorContent, as: UTF8.self)
      #expect(standardError.contains("addProduct(_:_:): the shapes differ: [2, 3] += factor × [3]"), "\(standardError)")
    }
  }

  /// A compound assignment on shared storage writes the result into a new buffer and leaves the copy alone.
  @Test func compoundAssignmentOnSharedStorageLeavesTheCopyUnchanged() {
    var x = Tensor([1, 2, 3])
    let copy = x
    x += Tensor([10, 20, 30])
    x *= 2
    #expect(x == Tensor([22, 44, 66]))
    #expect(copy == Tensor([1, 2, 3]))
    var unique = Tensor([1, 2, 3])
    let before = address(of: unique)
    unique -= Tensor([1, 1, 1])
    unique /= 2
    #expect(unique == Tensor([0, 0.5, 1]))
    #expect(address(of: unique) == before)
  }

  /// `x += x` reads the storage it writes (the operand is a copy sharing it: the sum goes to a new buffer in
  /// one pass), and a rank-0 tensor stores its scalar inline.
  @Test func compoundAssignmentOfATensorWithItselfAndOfARankZeroTensor() {
    var x = Tensor([1, -2, 3.5])
    x += x
    #expect(x == Tensor([2, -4, 7]))
    var s = Tensor(3)
    s *= Tensor(4)
    s -= 1
    #expect(s == Tensor(11))
    #expect(s.shape == [])
  }
}
