/// Tolerances and step of a gradient check. The defaults are PyTorch `gradcheck`'s for `Double`.
public struct GradientCheckTolerance: Sendable {
  /// The central-difference step h: ∂f/∂xᵢ ≈ (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h.
  public var step: Double
  /// Absolute tolerance: an element passes when |analytic − numerical| ≤ absolute + relative·|numerical|.
  public var absolute: Double
  /// Relative tolerance (see `absolute`).
  public var relative: Double

  /// Creates tolerances; the defaults are step 1e-6, absolute 1e-5, relative 1e-3.
  public init(step: Double = 1e-6, absolute: Double = 1e-5, relative: Double = 1e-3) {
    precondition(step > 0 && absolute >= 0 && relative >= 0, "GradientCheckTolerance: step must be > 0, tolerances ≥ 0")
    self.step = step
    self.absolute = absolute
    self.relative = relative
  }
}

/// The outcome of comparing the tape's gradient with central differences, element by element.
public struct GradientCheckReport: Sendable, CustomStringConvertible {
  /// The largest |analytic − numerical| over all elements of all inputs.
  public let maxAbsoluteError: Double
  /// The largest |analytic − numerical| / max(|numerical|, 1e-12).
  public let maxRelativeError: Double
  /// Which input and which element (row-major offset) fits the tolerance worst.
  public let worstInput: Int
  /// The row-major offset of the worst element within its input.
  public let worstOffset: Int
  /// The tape's derivative at the worst element.
  public let analytic: Double
  /// The central-difference derivative at the worst element.
  public let numerical: Double
  /// True when every element is within tolerance (and nothing is NaN).
  public let passed: Bool
  /// The tolerances used.
  public let tolerance: GradientCheckTolerance

  /// One line: pass or fail, the errors and the worst element.
  public var description: String {
    let verdict = passed ? "passed" : "FAILED"
    return "gradient check \(verdict): max abs error \(maxAbsoluteError), max rel error \(maxRelativeError); worst: input \(worstInput) element \(worstOffset), tape \(analytic) vs numerical \(numerical)"
  }
}

/// The gradient of `f` at `x` by central differences: (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h for every element.
///
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

/// Checks the tape's gradient of a tensor function against central differences.
///
/// A function with a non-scalar result is checked through a fixed random projection: L = Σ w ⊙ f(x) with
/// w drawn from `SplitMix64(seed: projectionSeed)` in [0.5, 1.5] — this checks the vector–Jacobian product
/// the pullbacks compute, for every input element.
///
/// ```swift
/// let report = checkGradient(at: [Tensor([0.3, -1.2])]) { x in exp(x[0]).sum() }
/// report.passed   // true
/// ```
///
/// - Parameters:
///   - inputs: the point at which to check; every input is differentiated.
///   - tolerance: step and tolerances (PyTorch gradcheck's defaults).
///   - projectionSeed: seed of the projection for non-scalar results.
///   - f: the function, written with variables.
public func checkGradient(
  at inputs: [Tensor], tolerance: GradientCheckTolerance = .init(), projectionSeed: UInt64 = 0x5EED,
  in f: ([Variable<Tensor>]) -> Variable<Tensor>
) -> GradientCheckReport {
  // The projection, fixed by the shape of f's result at the checked point.
  let probe = f(inputs.map { Variable($0) }).value
  var rng = SplitMix64(seed: projectionSeed)
  let weights = probe.count == 1 ? [1.0] : (0..<probe.count).map { _ in Double.random(in: 0.5...1.5, using: &rng) }
  func loss(_ value: Tensor) -> Double {
    value.withUnsafeBufferPointer { zip($0, weights).reduce(0) { $0 + $1.0 * $1.1 } }
  }
  let tape = Tape()
  let variables = inputs.map { tape.variable($0) }
  let result = f(variables)
  let gradients = result.isRecorded
    ? result.backward(seed: Tensor(shape: result.value.shape, scalars: weights)) : nil
  var comparisons: [(analytic: Tensor, numerical: Tensor)] = []
  for (k, input) in inputs.enumerated() {
    let analytic = gradients?[variables[k]] ?? Tensor.zeros(input.shape)
    let numerical = numericalGradient(at: input, step: tolerance.step) { probe in
      var perturbed = inputs
      perturbed[k] = probe
      return loss(f(perturbed.map { Variable($0) }).value)
    }
    comparisons.append((analytic, numerical))
  }
  return GradientCheckReport(comparing: comparisons, tolerance: tolerance)
}

/// Checks the tape's gradient of a scalar function of scalars against central differences.
///
/// ```swift
/// checkGradient(at: [0.5, 2.0]) { v in v[0] * sin(v[1]) }.passed   // true
/// ```
public func checkGradient(
  at inputs: [Double], tolerance: GradientCheckTolerance = .init(), in f: ([Variable<Double>]) -> Variable<Double>
) -> GradientCheckReport {
  let (_, analytic) = valueWithGradient(at: inputs, in: f)
  let numerical = numericalGradient(at: Tensor(inputs), step: tolerance.step) { probe in
    f(probe.scalars.map { Variable($0) }).value
  }
  return GradientCheckReport(comparing: [(Tensor(analytic), numerical)], tolerance: tolerance)
}

extension GradientCheckReport {
  init(comparing pairs: [(analytic: Tensor, numerical: Tensor)], tolerance: GradientCheckTolerance) {
    var maxAbsolute = 0.0
    var maxRelative = 0.0
    var worst = (input: 0, offset: 0, analytic: 0.0, numerical: 0.0, excess: -Double.infinity)
    var passed = true
    var sawNaN = false
    for (k, pair) in pairs.enumerated() {
      let a = pair.analytic.scalars
      let n = pair.numerical.scalars
      for i in a.indices {
        let error = Swift.abs(a[i] - n[i])
        let allowed = tolerance.absolute + tolerance.relative * Swift.abs(n[i])
        let ok = error <= allowed  // false for NaN
        passed = passed && ok
        if error.isNaN { sawNaN = true }
        maxAbsolute = Swift.max(maxAbsolute, error.isNaN ? 0 : error)
        maxRelative = Swift.max(maxRelative, error.isNaN ? 0 : error / Swift.max(Swift.abs(n[i]), 1e-12))
        let excess = error.isNaN ? .infinity : error - allowed
        if excess > worst.excess { worst = (k, i, a[i], n[i], excess) }
      }
    }
    self.init(
      maxAbsoluteError: sawNaN ? .nan : maxAbsolute, maxRelativeError: sawNaN ? .nan : maxRelative, worstInput: worst.input,
      worstOffset: worst.offset, analytic: worst.analytic, numerical: worst.numerical, passed: passed,
      tolerance: tolerance)
  }
}
