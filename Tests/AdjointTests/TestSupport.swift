import Adjoint
import Testing

// Helpers shared by the engine's tests. Every helper takes a `sourceLocation` defaulting to the caller's
// (`#_sourceLocation`), so that a failure points at the line of the test that called it, not at this file.

/// Expects |actual − expected| ≤ absolute + relative·|expected|.
func expectClose(
  _ actual: Double, _ expected: Double, relative: Double = 1e-12, absolute: Double = 0,
  _ comment: @autoclosure () -> String = "", sourceLocation: SourceLocation = #_sourceLocation
) {
  let error = Swift.abs(actual - expected)
  let allowed = absolute + relative * Swift.abs(expected)
  #expect(
    error <= allowed, "\(comment()) got \(actual), expected \(expected) (error \(error) > allowed \(allowed))",
    sourceLocation: sourceLocation)
}

/// Expects two arrays to have the same length and to be close element by element (see the scalar version).
func expectClose(
  _ actual: [Double], _ expected: [Double], relative: Double = 1e-12, absolute: Double = 0,
  _ comment: @autoclosure () -> String = "", sourceLocation: SourceLocation = #_sourceLocation
) {
  guard actual.count == expected.count else {
    Issue.record("\(comment()) got \(actual.count) values \(actual), expected \(expected)", sourceLocation: sourceLocation)
    return
  }
  for (k, (a, e)) in zip(actual, expected).enumerated() {
    expectClose(a, e, relative: relative, absolute: absolute, "\(comment()) [\(k)]", sourceLocation: sourceLocation)
  }
}

/// `count` points drawn uniformly from `domains` (one range per coordinate) by `SplitMix64(seed:)`: the same
/// points on every run, so that a failure can be reproduced.
func seededPoints(in domains: [ClosedRange<Double>], count: Int, seed: UInt64) -> [[Double]] {
  var rng = SplitMix64(seed: seed)
  return (0..<count).map { _ in domains.map { Double.random(in: $0, using: &rng) } }
}

/// Checks the tape's gradient of `f` against central differences at `count` seeded random points of
/// `domains`, recording one issue per failing point (with the point and the report) at the caller's line.
///
/// - Returns: the number of points checked.
@discardableResult
func expectGradientMatchesFiniteDifferences(
  _ name: String, in domains: [ClosedRange<Double>], points count: Int = 5, seed: UInt64,
  tolerance: GradientCheckTolerance = .init(), sourceLocation: SourceLocation = #_sourceLocation,
  of f: ([Variable<Double>]) -> Variable<Double>
) -> Int {
  let points = seededPoints(in: domains, count: count, seed: seed)
  for point in points {
    let report = checkGradient(at: point, tolerance: tolerance, in: f)
    #expect(report.passed, "\(name) at \(point): \(report)", sourceLocation: sourceLocation)
  }
  return points.count
}

/// A stable 64-bit seed derived from a string (FNV-1a), so that each table row draws its own points.
func seed(for name: String) -> UInt64 {
  var hash: UInt64 = 0xCBF2_9CE4_8422_2325
  for byte in name.utf8 {
    hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
  }
  return hash
}
