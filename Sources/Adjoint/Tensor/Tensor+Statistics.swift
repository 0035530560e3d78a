// Further reductions of tensor values: product, variance and standard deviation, p-norms, cumulative sums,
// the whole-tensor log-sum-exp, and argmin/argmax over all elements.
//
// Axes follow the conventions of Tensor+Reductions.swift: negative axes count from the end, and
// `keepingDimensions: true` keeps the reduced axes with extent 1.

extension Tensor {
  /// The product of all elements, as a rank-0 tensor (1 for an empty tensor).
  ///
  /// - Complexity: O(count).
  public func prod() -> Tensor {
    Tensor(withUnsafeBufferPointer { x in x.reduce(1, *) })
  }

  /// The products along `axes` (1 along an empty axis).
  ///
  /// ```swift
  /// Tensor([[1, 2, 3], [4, 5, 6]]).prod(alongAxes: [1])   // [6, 120]
  /// ```
  ///
  /// - Precondition: every axis is in `-rank..<rank`, with no repeats.
  /// - Complexity: O(count).
  public func prod(alongAxes axes: [Int], keepingDimensions: Bool = false) -> Tensor {
    reduced(alongAxes: axes, keepingDimensions: keepingDimensions, "prod", initial: 1) { $0 * $1 }
  }

  /// The variance of all elements, Σ(x − mean)² / (n − correction), as a rank-0 tensor.
  ///
  /// `correction: 0` (the default, NumPy's and JAX's `ddof=0`) is the population variance; `correction: 1`
  /// is Bessel's unbiased estimate (PyTorch's default `correction=1`).
  ///
  /// - Precondition: `correction >= 0` and `count > correction`.
  public func variance(correction: Int = 0) -> Tensor {
    reshaped(to: [count]).variance(alongAxes: [0], correction: correction)
  }

  /// The variances along `axes`: Σ(x − mean)² / (n − correction) with n the number of elements reduced.
  ///
  /// ```swift
  /// Tensor([[1, 2, 3], [2, 4, 6]]).variance(alongAxes: [1], correction: 1)   // [1, 4]
  /// ```
  ///
  /// - Precondition: every axis is in `-rank..<rank`, with no repeats; `correction >= 0`; more elements
  ///   reduced than `correction`.
  /// - Complexity: O(count), two passes.
  public func variance(alongAxes axes: [Int], correction: Int = 0, keepingDimensions: Bool = false) -> Tensor {
    let n = checkedDegreesOfFreedom(alongAxes: axes, correction: correction, "variance")
    let d = self - mean(alongAxes: axes, keepingDimensions: true)
    return (d * d).sum(alongAxes: axes, keepingDimensions: keepingDimensions) / Double(n - correction)
  }

  /// The standard deviation of all elements: the square root of `variance(correction:)`.
  ///
  /// - Precondition: `correction >= 0` and `count > correction`.
  public func standardDeviation(correction: Int = 0) -> Tensor { sqrt(variance(correction: correction)) }

  /// The standard deviations along `axes`: the square roots of `variance(alongAxes:correction:)`.
  ///
  /// - Precondition: as for `variance(alongAxes:correction:keepingDimensions:)`.
  public func standardDeviation(alongAxes axes: [Int], correction: Int = 0, keepingDimensions: Bool = false) -> Tensor {
    sqrt(variance(alongAxes: axes, correction: correction, keepingDimensions: keepingDimensions))
  }

  /// The p-norm of all elements, (Σ|xᵢ|ᵖ)^(1/p), as a rank-0 tensor: Euclidean (L2) by default, `order: 1`
  /// for the sum of magnitudes, `order: .infinity` for the largest magnitude.
  ///
  /// Computed as m·(Σ(|xᵢ|/m)ᵖ)^(1/p) with m the largest magnitude, so that neither 1e200 nor 1e−200 overflows
  /// or underflows: `Tensor([3e200, 4e200]).norm()` is 5e200.
  ///
  /// - Precondition: `order >= 1` (a norm), possibly infinite.
  public func norm(order: Double = 2) -> Tensor {
    reshaped(to: [count]).norm(order: order, alongAxes: [0])
  }

  /// The p-norms along `axes` (see `norm(order:)`).
  ///
  /// ```swift
  /// Tensor([[3, -4], [1, 1]]).norm(alongAxes: [1])             // [5, 1.4142135623730951]
  /// Tensor([[3, -4], [1, 1]]).norm(order: 1, alongAxes: [1])   // [7, 2]
  /// ```
  ///
  /// - Precondition: `order >= 1`; every axis is in `-rank..<rank`, with no repeats.
  /// - Complexity: O(count), two passes.
  public func norm(order: Double = 2, alongAxes axes: [Int], keepingDimensions: Bool = false) -> Tensor {
    checkPrecondition(order >= 1, "norm(order:): order \(order) is not a norm; expected order >= 1")
    let magnitudes = abs(self)
    let largest = magnitudes.max(alongAxes: axes, keepingDimensions: true)
    let result: Tensor
    switch order {
    case .infinity:
      result = largest
    case 1:
      result = magnitudes.sum(alongAxes: axes, keepingDimensions: true)
    default:
      // Scale by the largest magnitude m (1 where m is 0 or infinite, where the sum is then 0 or ∞ anyway).
      let scale = largest.map { $0 > 0 && $0.isFinite ? $0 : 1 }
      let ratios = magnitudes / scale
      let powers = order == 2 ? ratios * ratios : pow(ratios, order)
      let total = powers.sum(alongAxes: axes, keepingDimensions: true)
      result = scale * (order == 2 ? sqrt(total) : pow(total, 1 / order))
    }
    if keepingDimensions { return result }
    return result.reshaped(to: reducedShape(alongAxes: normalizedAxes(axes, "norm"), keepingDimensions: false))
  }

  /// The running sums along `axis`: element j is x₀ + … + xⱼ of its slice (NumPy `cumsum`, PyTorch
  /// `cumsum`); with `reverse: true`, xⱼ + … + xₙ₋₁ (JAX's `cumsum(reverse=True)`). The shape is unchanged.
  ///
  /// ```swift
  /// Tensor([[1, 2, 3], [4, 5, 6]]).cumulativeSum(alongAxis: 1)                  // [[1, 3, 6], [4, 9, 15]]
  /// Tensor([1, 2, 3]).cumulativeSum(alongAxis: 0, reverse: true)                // [6, 5, 3]
  /// ```
  ///
  /// - Precondition: `axis` is in `-rank..<rank`.
  /// - Complexity: O(count).
  public func cumulativeSum(alongAxis axis: Int, reverse: Bool = false) -> Tensor {
    let k = normalizedAxis(axis, "cumulativeSum(alongAxis:)")
    let (outer, n, inner) = (shape[..<k].reduce(1, *), shape[k], shape[(k + 1)...].reduce(1, *))
    return Tensor(shape: shape) { r in
      withUnsafeBufferPointer { x in
        for o in 0..<outer {
          for i in 0..<inner {
            var total = 0.0
            for step in 0..<n {
              let j = reverse ? n - 1 - step : step
              let at = (o * n + j) * inner + i
              total += x[at]
              r[at] = total
            }
          }
        }
      }
    }
  }

  /// log Σᵢ e^(xᵢ) over all elements, as a rank-0 tensor, stable for large inputs (see
  /// `logSumExp(alongAxis:keepingDimensions:)`); −∞ for an empty tensor.
  public func logSumExp() -> Tensor { reshaped(to: [count]).logSumExp(alongAxis: 0) }

  /// The row-major (flat) index of the largest element; the first one when several tie (NumPy, PyTorch).
  ///
  /// ```swift
  /// Tensor([[1, 9], [9, 2]]).argmax()   // 1
  /// ```
  ///
  /// - Precondition: the tensor is not empty.
  public func argmax() -> Int { reshaped(to: [count]).argmax(alongAxis: 0)[0] }

  /// The row-major (flat) index of the smallest element; the first one when several tie.
  ///
  /// - Precondition: the tensor is not empty.
  public func argmin() -> Int { reshaped(to: [count]).argmin(alongAxis: 0)[0] }

  /// The index of the smallest element along `axis`, for every position of the other axes, in row-major
  /// order of the remaining shape; ties go to the first index (see `argmax(alongAxis:)`).
  ///
  /// ```swift
  /// Tensor([[1, 9, 3], [7, 2, 2]]).argmin(alongAxis: 1)   // [0, 1]
  /// ```
  ///
  /// - Precondition: `axis` is in `-rank..<rank` and its extent is not 0.
  public func argmin(alongAxis axis: Int) -> [Int] { (-self).argmax(alongAxis: axis) }

  /// The number of elements a reduction along `axes` divides by less `correction`, checked to be positive.
  func checkedDegreesOfFreedom(alongAxes axes: [Int], correction: Int, _ operation: String) -> Int {
    checkPrecondition(correction >= 0, "\(operation): negative correction \(correction)")
    let n = reducedCount(alongAxes: axes, operation)
    checkPrecondition(
      n > correction,
      "\(operation): correction \(correction) leaves no degrees of freedom for \(n) elements along axes \(axes) "
        + "of shape \(shape)")
    return n
  }
}
