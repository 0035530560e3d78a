import Testing
import Adjoint

/// Expects `actual` to have `expected`'s shape and, element by element, |a − e| ≤ tolerance·max(1, |e|)
/// (infinities must match exactly). Failures point at the caller.
func expectClose(
  _ actual: Tensor, _ expected: Tensor, tolerance: Double = 1e-12, sourceLocation: SourceLocation = #_sourceLocation
) {
  #expect(actual.shape == expected.shape, "shape \(actual.shape), expected \(expected.shape)", sourceLocation: sourceLocation)
  guard actual.shape == expected.shape else { return }
  for (i, (a, e)) in zip(actual.scalars, expected.scalars).enumerated() {
    let close = e.isInfinite ? a == e : Swift.abs(a - e) <= tolerance * Swift.max(1, Swift.abs(e))
    #expect(close, "element \(i): \(a), expected \(e) (tolerance \(tolerance))", sourceLocation: sourceLocation)
  }
}

/// Expects a double within a relative tolerance of `expected`.
func expectClose(
  _ actual: Double, _ expected: Double, tolerance: Double = 1e-12, sourceLocation: SourceLocation = #_sourceLocation
) {
  expectClose(Tensor(actual), Tensor(expected), tolerance: tolerance, sourceLocation: sourceLocation)
}

/// A tensor of draws uniform in `range`, each at least `gap` away from 0 (to stay off a kink at 0).
func randomTensor(
  _ shape: [Int], in range: ClosedRange<Double>, avoidingZeroBy gap: Double = 0, using rng: inout SplitMix64
) -> Tensor {
  let count = shape.reduce(1, *)
  var scalars: [Double] = []
  while scalars.count < count {
    let x = Double.random(in: range, using: &rng)
    if Swift.abs(x) >= gap { scalars.append(x) }
  }
  return Tensor(shape: shape, scalars: scalars)
}

