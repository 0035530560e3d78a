// Reductions of tensor values: sum, mean, max, min over all elements or along axes, and argmax.
//
// Axes may be negative, counting from the end (−1 is the last axis). Reducing along axes removes them from
// the shape, or keeps them with extent 1 when `keepingDimensions` is true (NumPy's `keepdims`), which is the
// shape that broadcasts back against the input.

extension Tensor {
  /// The sum of all elements, as a rank-0 tensor.
  ///
  /// - Complexity: O(count).
  public func sum() -> Tensor {
    Tensor(withUnsafeBufferPointer { x in
      // Four partial sums: independent additions pipeline and vectorize, and the error grows more slowly.
      var (s0, s1, s2, s3) = (0.0, 0.0, 0.0, 0.0)
      var i = 0
      while i + 4 <= x.count {
        s0 += x[i]
        s1 += x[i + 1]
        s2 += x[i + 2]
        s3 += x[i + 3]
        i += 4
      }
      while i < x.count {
        s0 += x[i]
        i += 1
      }
      return (s0 + s1) + (s2 + s3)
    })
  }

  /// The sums along `axes`.
  ///
  /// ```swift
  /// let m = Tensor([[1, 2, 3], [4, 5, 6]])
  /// m.sum(alongAxes: [0])                             // [5, 7, 9]
  /// m.sum(alongAxes: [1], keepingDimensions: true)   // [[6], [15]]
  /// ```
  ///
  /// - Parameters:
  ///   - axes: the axes to sum over (negative counts from the end); no axis twice.
  ///   - keepingDimensions: keep the summed axes with extent 1 instead of removing them.
  /// - Precondition: every axis is in `-rank..<rank`, with no repeats.
  /// - Complexity: O(count).
  public func sum(alongAxes axes: [Int], keepingDimensions: Bool = false) -> Tensor {
    reduced(alongAxes: axes, keepingDimensions: keepingDimensions, "sum", initial: 0) { $0 + $1 }
  }

  /// The arithmetic mean of all elements, as a rank-0 tensor (NaN for an empty tensor).
  public func mean() -> Tensor { Tensor(sum().scalar / Double(count)) }

  /// The means along `axes`: the sums divided by the number of elements summed.
  ///
  /// - Precondition: every axis is in `-rank..<rank`, with no repeats.
  public func mean(alongAxes axes: [Int], keepingDimensions: Bool = false) -> Tensor {
    sum(alongAxes: axes, keepingDimensions: keepingDimensions) / Double(reducedCount(alongAxes: axes, "mean"))
  }

  /// The largest element, as a rank-0 tensor (−∞ for an empty tensor; NaN if any element is NaN).
  public func max() -> Tensor {
    Tensor(withUnsafeBufferPointer { x in x.reduce(-Double.infinity, Tensor.largerPropagatingNaN) })
  }

  /// The largest elements along `axes` (−∞ along an empty axis; NaN if any element reduced is NaN).
  ///
  /// - Precondition: every axis is in `-rank..<rank`, with no repeats.
  public func max(alongAxes axes: [Int], keepingDimensions: Bool = false) -> Tensor {
    reduced(alongAxes: axes, keepingDimensions: keepingDimensions, "max", initial: -.infinity, Tensor.largerPropagatingNaN)
  }

  /// The smallest element, as a rank-0 tensor (+∞ for an empty tensor; NaN if any element is NaN).
  public func min() -> Tensor {
    Tensor(withUnsafeBufferPointer { x in x.reduce(Double.infinity, Tensor.smallerPropagatingNaN) })
  }

  /// The smallest elements along `axes` (+∞ along an empty axis; NaN if any element reduced is NaN).
  ///
  /// - Precondition: every axis is in `-rank..<rank`, with no repeats.
  public func min(alongAxes axes: [Int], keepingDimensions: Bool = false) -> Tensor {
    reduced(alongAxes: axes, keepingDimensions: keepingDimensions, "min", initial: .infinity, Tensor.smallerPropagatingNaN)
  }

  /// The index of the largest element along `axis`, for every position of the other axes, in row-major
  /// order of the remaining shape. Ties go to the first (lowest) index, as in NumPy and PyTorch.
  ///
  /// ```swift
  /// Tensor([[1, 9, 3], [7, 2, 7]]).argmax(alongAxis: 1)   // [1, 0]
  /// ```
  ///
  /// - Precondition: `axis` is in `-rank..<rank` and its extent is not 0.
  /// - Complexity: O(count).
  public func argmax(alongAxis axis: Int) -> [Int] {
    let k = normalizedAxis(axis, "argmax(alongAxis:)")
    let (outer, n, inner) = (shape[..<k].reduce(1, *), shape[k], shape[(k + 1)...].reduce(1, *))
    checkPrecondition(n > 0, "argmax(alongAxis:): axis \(axis) of shape \(shape) is empty")
    var result = [Int](repeating: 0, count: outer * inner)
    withUnsafeBufferPointer { x in
      for o in 0..<outer {
        for i in 0..<inner {
          var (best, bestIndex) = (x[o * n * inner + i], 0)
          for j in 1..<n where x[(o * n + j) * inner + i] > best {
            (best, bestIndex) = (x[(o * n + j) * inner + i], j)
          }
          result[o * inner + i] = bestIndex
        }
      }
    }
    return result
  }

  // MARK: The reduction kernel

  /// `axis` made non-negative, trapping with a message naming `operation` if it is out of range.
  func normalizedAxis(_ axis: Int, _ operation: @autoclosure () -> String) -> Int {
    checkPrecondition(axis >= -rank && axis < rank, "\(operation()): axis \(axis) is out of range for shape \(shape)")
    return axis < 0 ? axis + rank : axis
  }

  /// The axes made non-negative and sorted, trapping on an axis out of range or repeated.
  func normalizedAxes(_ axes: [Int], _ operation: @autoclosure () -> String) -> [Int] {
    let sorted = axes.map { normalizedAxis($0, operation()) }.sorted()
    checkPrecondition(zip(sorted, sorted.dropFirst()).allSatisfy { $0 != $1 }, "\(operation()): repeated axis in \(axes)")
    return sorted
  }

  /// The number of elements each result of a reduction along `axes` combines.
  func reducedCount(alongAxes axes: [Int], _ operation: String) -> Int {
    normalizedAxes(axes, operation).reduce(1) { $0 * shape[$1] }
  }

  /// The shape after reducing along `axes` (already normalized), with or without the reduced axes.
  func reducedShape(alongAxes axes: [Int], keepingDimensions: Bool) -> [Int] {
    keepingDimensions
      ? shape.enumerated().map { axes.contains($0.offset) ? 1 : $0.element }
      : shape.enumerated().filter { !axes.contains($0.offset) }.map(\.element)
  }

  /// Reduces along `axes` one axis at a time with `combine`, starting each result from `initial`.
  @inline(__always)
  func reduced(
    alongAxes axes: [Int], keepingDimensions: Bool, _ operation: String, initial: Double,
    _ combine: (Double, Double) -> Double
  ) -> Tensor {
    let sorted = normalizedAxes(axes, operation)
    var result = self
    for k in sorted { result = result.reduced(alongAxis: k, initial: initial, combine) }
    return keepingDimensions ? result : result.reshaped(to: reducedShape(alongAxes: sorted, keepingDimensions: false))
  }

  /// Reduces along one (non-negative) axis, keeping it with extent 1. The tensor is viewed as
  /// `[outer, n, inner]`; when `inner > 1` the innermost loop runs over contiguous memory in the input and the
  /// result alike (e.g. the column sums of a bias gradient), through rebased pointers so that it vectorizes.
  @inline(__always)
  private func reduced(alongAxis k: Int, initial: Double, _ combine: (Double, Double) -> Double) -> Tensor {
    var shape = self.shape
    let n = shape[k]
    shape[k] = 1
    let (outer, inner) = (shape[..<k].reduce(1, *), shape[(k + 1)...].reduce(1, *))
    let source = storageBuffer
    let count = shape.reduce(1, *)
    let result = TensorBuffer(uninitializedCount: count)
    withExtendedLifetime(source) {
      let r = result.base
      let x = source.base
      guard n > 0 else {  // an empty axis: every result is `initial`
        for i in 0..<count { r[i] = initial }
        return
      }
      if inner == 1 {
        for o in 0..<outer {
          let xRow = x + o * n
          var accumulator = initial
          for j in 0..<n { accumulator = combine(accumulator, xRow[j]) }
          r[o] = accumulator
        }
      } else {
        for o in 0..<outer {
          let rRow = r + o * inner
          for i in 0..<inner { rRow[i] = initial }
          for j in 0..<n {
            let xRow = x + (o * n + j) * inner
            for i in 0..<inner { rRow[i] = combine(rRow[i], xRow[i]) }
          }
        }
      }
    }
    return Tensor(shape: shape, buffer: result)
  }

  /// The larger of two numbers, NaN if either is NaN.
  @inline(__always) static func largerPropagatingNaN(_ a: Double, _ b: Double) -> Double {
    a > b || a.isNaN ? a : b
  }

  /// The smaller of two numbers, NaN if either is NaN.
  @inline(__always) static func smallerPropagatingNaN(_ a: Double, _ b: Double) -> Double {
    a < b || a.isNaN ? a : b
  }
}
