/// The gradient of `f` at `x` by central differences: (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h for every element.
///
/// ```swift
/// numericalGradient(at: Tensor([1, 2])) { x in x.scalars.reduce(0) { $0 + $1 * $1 } }   // ≈ [2, 4]
/// ```
///
/// - Parameters:
///   - x: the point.
///   - step: h.
///   - f: the function, on plain tensors.
/// - Complexity: 2·x.count evaluations of `f`.
public func numericalGradient(at x: Tensor, step: Double = 1e-6, of f: (Tensor) -> Double) -> Tensor {
  var probe = x
  var result = Tensor.zeros(x.shape)
  for i in 0..<x.count {
    let original = x.withUnsafeBufferPointer { $0[i] }
    probe.withUnsafeMutableBufferPointer { $0[i] = original + step }
    let plus = f(probe)
    probe.withUnsafeMutableBufferPointer { $0[i] = original - step }
    let minus = f(probe)
    probe.withUnsafeMutableBufferPointer { $0[i] = original }
    result.withUnsafeMutableBufferPointer { $0[i] = (plus - minus) / (2 * step) }
  }
  return result
}

/// Checks a vector–Jacobian product against central differences of the function it belongs to: the most
/// general check, for derivatives that are not the gradient of one closure of variables (a layer's
/// parameters, which the layer puts on the tape itself; see `checkLayerGradient` in AdjointNN).
///
/// The result of `value` is reduced to a scalar by a fixed random projection, L = Σ w ⊙ value(x), with w
/// drawn from `SplitMix64(seed: projectionSeed)` in [0.5, 1.5] (w = 1 for a one-element result). The
/// numerical side differentiates L by central differences; the analytic side is `pullback(x, w)`, which
/// must return ∂L/∂xₖ for every input. Checking the projection checks the vector–Jacobian product the
/// pullbacks compute, for every input element, at the cost of one backward pass.
///
/// - Parameters:
///   - inputs: the point at which to check.
///   - tolerance: step and tolerances (PyTorch gradcheck's defaults).
///   - projectionSeed: seed of the projection w.
///   - value: the function on plain tensors.
///   - pullback: given the inputs and the cotangent w (of the result's shape), one gradient per input, of
///     that input's shape.
/// - Returns: the comparison, element by element, of every input.
/// - Complexity: one pullback and 2·(total input count) evaluations of `value`.
public func checkGradient(
  at inputs: [Tensor], tolerance: GradientCheckTolerance = .init(), projectionSeed: UInt64 = 0x5EED,
  value: ([Tensor]) -> Tensor, pullback: (_ inputs: [Tensor], _ cotangent: Tensor) -> [Tensor]
) -> GradientCheckReport {
  // The projection, fixed by the shape of the result at the checked point.
  let shape = value(inputs).shape
  let count = shape.reduce(1, *)
  var rng = SplitMix64(seed: projectionSeed)
  let weights = count == 1 ? [1.0] : (0..<count).map { _ in Double.random(in: 0.5...1.5, using: &rng) }
  func projected(_ result: Tensor) -> Double {
    result.withUnsafeBufferPointer { zip($0, weights).reduce(0) { $0 + $1.0 * $1.1 } }
  }
  let analytic = pullback(inputs, Tensor(shape: shape, scalars: weights))
  checkPrecondition(
    analytic.count == inputs.count, "checkGradient: the pullback returned \(analytic.count) gradients for \(inputs.count) inputs")
  var comparisons: [(analytic: Tensor, numerical: Tensor)] = []
  for (k, input) in inputs.enumerated() {
    let numerical = numericalGradient(at: input, step: tolerance.step) { probe in
      var perturbed = inputs
      perturbed[k] = probe
      return projected(value(perturbed))
    }
    comparisons.append((analytic[k], numerical))
  }
  return GradientCheckReport(comparing: comparisons, tolerance: tolerance)
}

/// Checks the tape's gradient of a tensor function against central differences.
///
/// Every input is differentiated. A function with a non-scalar result is checked through a fixed random
/// projection (see `checkGradient(at:tolerance:projectionSeed:value:pullback:)`). The numerical side calls
/// `f` on constants, so it records nothing and uses no derivative rule.
///
/// ```swift
/// let report = checkGradient(at: [Tensor([0.3, -1.2])]) { x in exp(x[0]).sum() }
/// report.passed   // true
/// ```
///
/// - Parameters:
///   - inputs: the point at which to check.
///   - tolerance: step and tolerances (PyTorch gradcheck's defaults).
///   - projectionSeed: seed of the projection for non-scalar results.
///   - f: the function, written with variables.
/// - Returns: the comparison of every input's gradient, element by element.
public func checkGradient(
  at inputs: [Tensor], tolerance: GradientCheckTolerance = .init(), projectionSeed: UInt64 = 0x5EED,
  in f: ([Variable<Tensor>]) -> Variable<Tensor>
) -> GradientCheckReport {
  checkGradient(
    at: inputs, tolerance: tolerance, projectionSeed: projectionSeed,
    value: { inputs in f(inputs.map { Variable($0) }).value },
    pullback: { inputs, cotangent in
      let tape = Tape()
      let variables = inputs.map { tape.variable($0) }
      let result = f(variables)
      // A result recorded on no tape does not depend on the inputs: its gradient is zero.
      guard result.isRecorded else { return inputs.map { Tensor.zeros($0.shape) } }
      let gradients = result.backward(seed: cotangent)
      return variables.map { gradients[$0] }
    })
}

/// Checks the tape's gradient of a scalar function of scalars against central differences.
///
/// ```swift
/// checkGradient(at: [0.5, 2.0]) { v in v[0] * sin(v[1]) }.passed   // true
/// ```
///
/// - Parameters:
///   - inputs: the point at which to check.
///   - tolerance: step and tolerances (PyTorch gradcheck's defaults).
///   - f: the function, written with variables.
/// - Returns: the comparison, with the inputs as the elements of input 0.
public func checkGradient(
  at inputs: [Double], tolerance: GradientCheckTolerance = .init(), in f: ([Variable<Double>]) -> Variable<Double>
) -> GradientCheckReport {
  let (_, analytic) = valueWithGradient(at: inputs, in: f)
  let numerical = numericalGradient(at: Tensor(inputs), step: tolerance.step) { probe in
    f(probe.scalars.map { Variable($0) }).value
  }
  return GradientCheckReport(comparing: [(Tensor(analytic), numerical)], tolerance: tolerance)
}
