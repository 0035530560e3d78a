// Reductions of tensor variables, each followed by its pullback. A reduction's adjoint `v` has the reduced
// shape; the pullback reshapes it to the kept-dimensions shape and broadcasts it back over the input.
// `summed(toShape:)` (the adjoint of broadcasting) and `broadcasted(to:)` are each other's pullbacks.

extension Variable where Value == Tensor {
  /// The sum of all elements, as a rank-0 tensor. Pullback: v broadcast to x's shape.
  public func sum() -> Variable {
    Variable.record("sum", value: value.sum(), inputs: [self], batchPolymorphic: true) { v, inputs, _ in
      [v.broadcasted(to: inputs[0].value.shape, keepingBatch: v.value.shape)]  // v: rank 0, or a stack of them
    }
  }

  /// The sums along `axes` (negative axes count from the end). Pullback: v, with the summed axes restored as
  /// extent 1, broadcast to x's shape.
  ///
  /// - Precondition: every axis is in `-rank..<rank`, with no repeats.
  public func sum(alongAxes axes: [Int], keepingDimensions: Bool = false) -> Variable {
    let sorted = value.normalizedAxes(axes, "sum(alongAxes:)")
    let result = value.sum(alongAxes: sorted, keepingDimensions: keepingDimensions)
    return Variable.record("sum", value: result, inputs: [self], batchPolymorphic: true) { v, inputs, output in
      let shape = inputs[0].value.shape
      let batch = v.batchShape(beyondRank: output.value.rank)
      let kept = batch + inputs[0].value.reducedShape(alongAxes: sorted, keepingDimensions: true)
      return [v.reshaped(to: kept).broadcasted(to: batch + shape)]
    }
  }

  /// The mean of all elements, as a rank-0 tensor: sum() / count. Pullback: v / count everywhere.
  public func mean() -> Variable { sum() / Double(value.count) }

  /// The means along `axes`: the sums divided by the number of elements summed.
  ///
  /// - Precondition: every axis is in `-rank..<rank`, with no repeats.
  public func mean(alongAxes axes: [Int], keepingDimensions: Bool = false) -> Variable {
    sum(alongAxes: axes, keepingDimensions: keepingDimensions) / Double(value.reducedCount(alongAxes: axes, "mean"))
  }

  /// The largest element, as a rank-0 tensor. Pullback: v to the largest element; when several elements tie
  /// for the maximum, v is split equally among them (v/k each for k ties — the symmetric choice, like
  /// `max(_:_:)`'s ½–½; PyTorch's `amax` does the same).
  public func max() -> Variable {
    Variable.record("max", value: value.max(), inputs: [self], batchPolymorphic: true) { v, inputs, output in
      let shares = Variable(Variable.tieShares(inputs[0].value, output.value))
      // A stack of rank-0 adjoints (shape `batch`) gets x's rank of extent-1 axes, to broadcast behind the batch.
      let batch = v.batchShape(beyondRank: 0)
      let aligned = batch.isEmpty ? v : v.reshaped(to: batch + [Int](repeating: 1, count: inputs[0].value.rank))
      return [Variable.strongZeroProduct(aligned, shares)]
    }
  }

  /// The largest elements along `axes`. Pullback: v to the largest element of each reduced slice, split
  /// equally among tied maxima.
  ///
  /// - Precondition: every axis is in `-rank..<rank`, with no repeats.
  public func max(alongAxes axes: [Int], keepingDimensions: Bool = false) -> Variable {
    let sorted = value.normalizedAxes(axes, "max(alongAxes:)")
    let result = value.max(alongAxes: sorted, keepingDimensions: keepingDimensions)
    return Variable.record("max", value: result, inputs: [self], batchPolymorphic: true) { v, inputs, output in
      let kept = inputs[0].value.reducedShape(alongAxes: sorted, keepingDimensions: true)
      let shares = Variable.tieShares(inputs[0].value, output.value.reshaped(to: kept), alongAxes: sorted)
      let batch = v.batchShape(beyondRank: output.value.rank)
      return [Variable.strongZeroProduct(v.reshaped(to: batch + kept), Variable(shares))]
    }
  }

  /// The smallest element, as a rank-0 tensor: −max(−x) (ties split equally).
  public func min() -> Variable { -(-self).max() }

  /// The smallest elements along `axes`: −max(−x) along them (ties split equally).
  ///
  /// - Precondition: every axis is in `-rank..<rank`, with no repeats.
  public func min(alongAxes axes: [Int], keepingDimensions: Bool = false) -> Variable {
    -(-self).max(alongAxes: axes, keepingDimensions: keepingDimensions)
  }

  /// This tensor summed down to `shape`, the inverse of broadcasting (see `Tensor.summed(toShape:)`).
  /// Pullback: v broadcast back to x's shape.
  ///
  /// - Precondition: `shape` broadcasts to this tensor's shape.
  public func summed(toShape shape: [Int]) -> Variable {
    if value.shape == shape { return self }
    guard isRecorded else { return Variable(value.summed(toShape: shape)) }  // constants (first-order pullbacks)
    return Variable.record("summed(toShape:)", value: value.summed(toShape: shape), inputs: [self], batchPolymorphic: true) {
      v, inputs, output in
      [v.broadcasted(to: inputs[0].value.shape, keepingBatch: v.batchShape(beyondRank: output.value.rank))]
    }
  }

  /// For each element of x, 1/k if it equals the maximum `m` of its slice (broadcast against x) and k
  /// elements of the slice do, else 0.
  static func tieShares(_ x: Tensor, _ m: Tensor, alongAxes axes: [Int]? = nil) -> Tensor {
    let isMax = Tensor.elementwise(x, m, "max") { $0 == $1 ? 1 : 0 }
    let ties = axes.map { isMax.sum(alongAxes: $0, keepingDimensions: true) } ?? isMax.sum()
    return isMax / ties
  }
}
