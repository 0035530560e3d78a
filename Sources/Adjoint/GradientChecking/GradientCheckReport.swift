/// Tolerances and step of a gradient check. The defaults are PyTorch `gradcheck`'s for `Double`.
public struct GradientCheckTolerance: Sendable {
  /// The central-difference step h: ∂f/∂xᵢ ≈ (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h.
  public var step: Double
  /// Absolute tolerance: an element passes when |analytic − numerical| ≤ absolute + relative·|numerical|.
  public var absolute: Double
  /// Relative tolerance (see `absolute`).
  public var relative: Double

  /// Creates tolerances; the defaults are step 1e-6, absolute 1e-5, relative 1e-3.
  ///
  /// - Precondition: `step > 0`, and both tolerances are ≥ 0.
  public init(step: Double = 1e-6, absolute: Double = 1e-5, relative: Double = 1e-3) {
    checkPrecondition(step > 0 && absolute >= 0 && relative >= 0, "GradientCheckTolerance: step must be > 0, tolerances ≥ 0")
    self.step = step
    self.absolute = absolute
    self.relative = relative
  }
}

/// The outcome of comparing the tape's gradient with central differences, element by element.
public struct GradientCheckReport: Sendable, CustomStringConvertible {
  /// The largest |analytic − numerical| over all elements of all inputs (NaN if any element is NaN).
  public let maxAbsoluteError: Double
  /// The largest |analytic − numerical| / max(|numerical|, 1e-12) (NaN if any element is NaN).
  public let maxRelativeError: Double
  /// Which input fits the tolerance worst.
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
    return "gradient check \(verdict): max abs error \(maxAbsoluteError), max rel error \(maxRelativeError); "
      + "worst: input \(worstInput) element \(worstOffset), tape \(analytic) vs numerical \(numerical)"
  }
}

extension GradientCheckReport {
  /// Compares each input's analytic gradient with its numerical one, element by element.
  init(comparing pairs: [(analytic: Tensor, numerical: Tensor)], tolerance: GradientCheckTolerance) {
    var maxAbsolute = 0.0
    var maxRelative = 0.0
    var worst = (input: 0, offset: 0, analytic: 0.0, numerical: 0.0, excess: -Double.infinity)
    var passed = true
    var sawNaN = false
    for (k, pair) in pairs.enumerated() {
      checkPrecondition(
        pair.analytic.shape == pair.numerical.shape,
        "checkGradient: input \(k): the tape's gradient has shape \(pair.analytic.shape), the input \(pair.numerical.shape)")
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
      maxAbsoluteError: sawNaN ? .nan : maxAbsolute, maxRelativeError: sawNaN ? .nan : maxRelative,
      worstInput: worst.input, worstOffset: worst.offset, analytic: worst.analytic, numerical: worst.numerical,
      passed: passed, tolerance: tolerance)
  }
}
