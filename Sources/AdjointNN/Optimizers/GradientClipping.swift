extension Sequence where Element == Parameter {
  /// The global L2 norm of the accumulated gradients: ‖g‖ = √(Σ over every parameter and element of g²).
  ///
  /// - Complexity: O(number of scalars).
  public var gradientNorm: Double {
    reduce(0) { total, parameter in total + (parameter.gradient * parameter.gradient).sum().scalar }.squareRoot()
  }

  /// Scales every accumulated gradient by one factor so that their global norm is at most `maxNorm`
  /// (PyTorch's `clip_grad_norm_`).
  ///
  /// With ‖g‖ the global norm (``gradientNorm``), each gradient is multiplied by
  /// c = min(1, maxNorm / (‖g‖ + 10⁻⁶)); the direction of the whole update is kept. Call it after
  /// accumulating the gradients and before the optimizer's `update`:
  ///
  /// ```swift
  /// model.parameters.accumulateGradients(from: loss.backward())
  /// let norm = model.parameters.clipGradientNorm(maxNorm: 1)
  /// optimizer.update(model.parameters)
  /// ```
  ///
  /// - Parameter maxNorm: The largest norm allowed, > 0.
  /// - Returns: The global norm before clipping (NaN or infinite when a gradient is; nothing is then changed).
  /// - Precondition: maxNorm > 0 and finite.
  /// - Complexity: O(number of scalars).
  @discardableResult
  public func clipGradientNorm(maxNorm: Double) -> Double {
    checkPrecondition(maxNorm > 0 && maxNorm.isFinite, "clipGradientNorm: maxNorm must be > 0, got \(maxNorm)")
    let norm = gradientNorm
    guard norm.isFinite else { return norm }
    let coefficient = maxNorm / (norm + 1e-6)
    if coefficient < 1 {
      for parameter in self { parameter.gradient *= coefficient }
    }
    return norm
  }
}
