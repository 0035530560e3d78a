// The log-sum-exp reduction and the softmax family on tensor values, all stable for large inputs: the
// largest element along the axis is subtracted before exponentiating, so nothing overflows and at least one
// term of each sum is exactly 1.

extension Tensor {
  /// log Σⱼ e^(xⱼ) along `axis`, computed as m + log Σⱼ e^(xⱼ − m) with m the largest xⱼ, so that inputs of
  /// ±1000 neither overflow nor underflow to −∞. The result is −∞ along an axis where every element is −∞.
  ///
  /// ```swift
  /// Tensor([[1000, 1000], [0, -1000]]).logSumExp(alongAxis: 1)   // [1000 + log 2, 0]
  /// ```
  ///
  /// - Precondition: `axis` is in `-rank..<rank`.
  /// - Complexity: O(count), one fused pass per row when `axis` is the last axis.
  public func logSumExp(alongAxis axis: Int, keepingDimensions: Bool = false) -> Tensor {
    let k = normalizedAxis(axis, "logSumExp(alongAxis:)")
    let kept = reducedShape(alongAxes: [k], keepingDimensions: true)
    let result: Tensor
    if k == rank - 1 {
      let n = shape[k]
      result = Tensor(shape: kept) { r in
        withUnsafeBufferPointer { x in
          for row in 0..<r.count { r[row] = Tensor.logSumExp(UnsafeBufferPointer(rebasing: x[(row * n)..<(row * n + n)])) }
        }
      }
    } else {
      let m = max(alongAxes: [k], keepingDimensions: true).map { $0.isFinite ? $0 : 0 }
      result = m + log(exp(self - m).sum(alongAxes: [k], keepingDimensions: true))
    }
    return keepingDimensions ? result : result.reshaped(to: reducedShape(alongAxes: [k], keepingDimensions: false))
  }

  /// The softmax along `axis`: e^(xᵢ) / Σⱼ e^(xⱼ), computed as e^(xᵢ − m) / Σⱼ e^(xⱼ − m) with m the largest
  /// element (stable for inputs of ±1000). Each slice along `axis` is positive and sums to 1.
  ///
  /// ```swift
  /// Tensor([[1000, 0]]).softmax(alongAxis: 1)   // [[1, e^−1000 ≈ 0]]
  /// ```
  ///
  /// - Precondition: `axis` is in `-rank..<rank`.
  /// - Complexity: O(count).
  public func softmax(alongAxis axis: Int) -> Tensor {
    let k = normalizedAxis(axis, "softmax(alongAxis:)")
    guard k == rank - 1 else { return exp(self - logSumExp(alongAxis: k, keepingDimensions: true)) }
    let n = shape[k]
    return Tensor(shape: shape) { r in
      withUnsafeBufferPointer { x in
        for start in stride(from: 0, to: r.count, by: Swift.max(n, 1)) {
          let m = Tensor.stabilizingShift(x[start..<(start + n)])
          var total = 0.0
          for j in start..<(start + n) {
            r[j] = libmExp(x[j] - m)
            total += r[j]
          }
          let scale = 1 / total
          for j in start..<(start + n) { r[j] *= scale }
        }
      }
    }
  }

  /// The log of the softmax along `axis`: xᵢ − logSumExp(x), computed as (xᵢ − m) − log Σⱼ e^(xⱼ − m) with m
  /// the largest element, so that it is finite for finite inputs however large (log-softmax of [1000, 0] is
  /// [−e^−1000 ≈ 0, −1000]) and its exponential is an accurate softmax even at ±1e308.
  ///
  /// - Precondition: `axis` is in `-rank..<rank`.
  /// - Complexity: O(count).
  public func logSoftmax(alongAxis axis: Int) -> Tensor {
    let k = normalizedAxis(axis, "logSoftmax(alongAxis:)")
    guard k == rank - 1 else {
      let shifted = self - max(alongAxes: [k], keepingDimensions: true).map { $0.isFinite ? $0 : 0 }
      return shifted - log(exp(shifted).sum(alongAxes: [k], keepingDimensions: true))
    }
    let n = shape[k]
    return Tensor(shape: shape) { r in
      withUnsafeBufferPointer { x in
        for start in stride(from: 0, to: r.count, by: Swift.max(n, 1)) {
          let m = Tensor.stabilizingShift(x[start..<(start + n)])
          var total = 0.0
          for j in start..<(start + n) {
            r[j] = x[j] - m
            total += libmExp(r[j])
          }
          let logTotal = libmLog(total)
          for j in start..<(start + n) { r[j] -= logTotal }
        }
      }
    }
  }

  /// log Σ e^(xᵢ) of a contiguous run, shifted by its largest element.
  static func logSumExp(_ x: UnsafeBufferPointer<Double>) -> Double {
    var m = -Double.infinity
    for value in x { m = largerPropagatingNaN(m, value) }
    if m.isInfinite { m = 0 }  // all −∞ gives log 0 = −∞; a +∞ gives +∞
    var total = 0.0
    for value in x { total += libmExp(value - m) }
    return m + libmLog(total)
  }

  /// The largest element of a row (NaN if any is NaN), or 0 when that is infinite: subtracted before
  /// exponentiating, so that e^(x − m) cannot overflow.
  @inline(__always)
  static func stabilizingShift(_ row: Slice<UnsafeBufferPointer<Double>>) -> Double {
    var m = -Double.infinity
    for x in row { m = largerPropagatingNaN(m, x) }
    return m.isInfinite ? 0 : m
  }
}
