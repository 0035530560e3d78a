/// A uniformly random permutation of `0..<count`, drawn from `generator` by a Fisher–Yates shuffle.
///
/// Written out here (rather than calling the standard library's `shuffled(using:)`) so that the permutation
/// depends only on the generator's output and this code: a seeded run gives the same order with every Swift
/// release. Each bounded draw uses Lemire's multiply-and-reject method, so it is exactly uniform.
///
/// - Complexity: O(`count`).
func randomPermutation(count: Int, using generator: inout some RandomNumberGenerator) -> [Int] {
  var order = Array(0..<count)
  var i = count - 1
  while i > 0 {
    let j = Int(uniformDraw(below: UInt64(i + 1), using: &generator))
    order.swapAt(i, j)
    i -= 1
  }
  return order
}

/// A uniformly random integer in `0..<bound` (Lemire, "Fast Random Integer Generation in an Interval", 2019).
///
/// - Precondition: `bound > 0`.
func uniformDraw(below bound: UInt64, using generator: inout some RandomNumberGenerator) -> UInt64 {
  checkPrecondition(bound > 0, "uniformDraw(below:): the bound must be positive")
  var product = generator.next().multipliedFullWidth(by: bound)
  if product.low < bound {
    let threshold = (0 &- bound) % bound  // 2^64 mod bound
    while product.low < threshold {
      product = generator.next().multipliedFullWidth(by: bound)
    }
  }
  return product.high
}
