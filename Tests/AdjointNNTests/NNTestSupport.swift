import Testing

import AdjointNN

/// Expects |actual − expected| ≤ absolute + relative·|expected| for every element (and equal shapes).
func expectClose(
  _ actual: Tensor, _ expected: Tensor, absolute: Double = 1e-12, relative: Double = 1e-12,
  _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation
) {
  guard actual.shape == expected.shape else {
    Issue.record("shapes differ: \(actual.shape) vs \(expected.shape)", sourceLocation: sourceLocation)
    return
  }
  for (i, (a, e)) in zip(actual.scalars, expected.scalars).enumerated() {
    let allowed = absolute + relative * Swift.abs(e)
    if !(Swift.abs(a - e) <= allowed) {
      Issue.record(
        "element \(i): \(a) vs expected \(e) (difference \(Swift.abs(a - e)) > \(allowed)) \(comment.map { "— \($0)" } ?? "")",
        sourceLocation: sourceLocation)
      return
    }
  }
}

/// Expects |actual − expected| ≤ absolute + relative·|expected|.
func expectClose(
  _ actual: Double, _ expected: Double, absolute: Double = 1e-12, relative: Double = 1e-12,
  _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation
) {
  let allowed = absolute + relative * Swift.abs(expected)
  #expect(
    Swift.abs(actual - expected) <= allowed,
    "\(actual) vs expected \(expected) (difference \(Swift.abs(actual - expected)) > \(allowed)) \(comment.map { "— \($0)" } ?? "")",
    sourceLocation: sourceLocation)
}

/// The mean of |a − b| over the elements.
func meanAbsoluteDifference(_ a: Tensor, _ b: Tensor) -> Double {
  precondition(a.shape == b.shape)
  return zip(a.scalars, b.scalars).reduce(0) { $0 + Swift.abs($1.0 - $1.1) } / Double(a.count)
}

/// Expects the standard error of an exit test (`#expect(processExitsWith:observing:)` with
/// `\.standardErrorContent`) to contain `message`: the process stopped for the expected reason.
func expectMessage(
  _ result: ExitTest.Result?, contains message: String, sourceLocation: SourceLocation = #_sourceLocation
) {
  guard let result else { return }
  let output = String(decoding: result.standardErrorContent, as: UTF8.self)
  #expect(output.contains(message), "the trap's message does not mention \"\(message)\": \(output)", sourceLocation: sourceLocation)
}
