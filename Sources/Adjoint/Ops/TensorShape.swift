// Shape operations on tensor variables, each followed by its pullback. They are linear, so each pullback is
// another shape operation: reshape ↔ reshape, transpose ↔ inverse transpose, slice ↔ zero-pad,
// concatenate ↔ slices, broadcast ↔ sum, gather ↔ scatter.

extension Variable where Value == Tensor {
  /// The same scalars viewed with another shape (one extent may be −1). Pullback: v reshaped to x's shape.
  ///
  /// - Precondition: the new shape has the same number of scalars.
  public func reshaped(to shape: [Int]) -> Variable {
    Variable.record("reshaped(to:)", value: value.reshaped(to: shape), inputs: [self], batchPolymorphic: true) {
      v, inputs, output in
      [v.reshaped(to: v.batchShape(beyondRank: output.value.rank) + inputs[0].value.shape)]
    }
  }

  /// The transpose of a matrix. Pullback: vᵀ.
  ///
  /// - Precondition: the rank is 2.
  public func transposed() -> Variable {
    Variable.record("transposed()", value: value.transposed(), inputs: [self], batchPolymorphic: true) { v, _, _ in
      [v.value.rank == 2 ? v.transposed() : v.transposingLastAxes()]
    }
  }

  /// The axes reordered: axis d of the result is axis `permutation[d]` of x. Pullback: v transposed by the
  /// inverse permutation.
  ///
  /// - Precondition: `permutation` is a permutation of `0..<rank`.
  public func transposed(permutation: [Int]) -> Variable {
    let result = value.transposed(permutation: permutation)
    var inverse = permutation
    for (d, axis) in permutation.enumerated() { inverse[axis] = d }
    return Variable.record("transposed(permutation:)", value: result, inputs: [self], batchPolymorphic: true) {
      [inverse] v, _, _ in
      let extra = v.value.rank - inverse.count  // a stack of adjoints keeps its leading axes in front
      return [v.transposed(permutation: extra == 0 ? inverse : Array(0..<extra) + inverse.map { $0 + extra })]
    }
  }

  /// This tensor stretched to `shape` by broadcasting. Pullback: v summed back to x's shape.
  ///
  /// - Precondition: broadcasting x's shape with `shape` gives `shape`.
  public func broadcasted(to shape: [Int]) -> Variable {
    if value.shape == shape { return self }
    guard isRecorded else { return Variable(value.broadcasted(to: shape)) }  // constants (first-order pullbacks)
    return Variable.record("broadcasted(to:)", value: value.broadcasted(to: shape), inputs: [self], batchPolymorphic: true) {
      v, inputs, output in
      [v.summed(toShape: inputs[0].value.shape, keepingBatch: v.batchShape(beyondRank: output.value.rank))]
    }
  }

  /// The elements whose index along `axis` is in `range`. Pullback: v padded with zeros back to x's extent.
  ///
  /// - Precondition: `axis` is in `-rank..<rank` and `range` lies within its extent.
  public func slicing(_ range: Range<Int>, alongAxis axis: Int) -> Variable {
    let result = value.slicing(range, alongAxis: axis)
    // The axis counted from the end, so that a stack of adjoints (extra leading axes) is padded along it.
    let k = value.normalizedAxis(axis, "slicing") - value.rank
    return Variable.record("slicing(_:alongAxis:)", value: result, inputs: [self], batchPolymorphic: true) { v, inputs, _ in
      let extent = inputs[0].value.shape[inputs[0].value.rank + k]
      return [v.zeroPadded(alongAxis: k, before: range.lowerBound, after: extent - range.upperBound)]
    }
  }

  /// This tensor inside zeros along `axis`. Pullback: the slice of v where this tensor sits.
  func zeroPadded(alongAxis axis: Int, before: Int, after: Int) -> Variable {
    let result = value.zeroPadded(alongAxis: axis, before: before, after: after)
    let k = value.normalizedAxis(axis, "zeroPadded") - value.rank  // from the end, as in `slicing`
    return Variable.record("zeroPadded", value: result, inputs: [self], batchPolymorphic: true) { v, inputs, _ in
      let extent = inputs[0].value.shape[inputs[0].value.rank + k]
      return [v.slicing(before..<(before + extent), alongAxis: k)]
    }
  }

  /// Joins tensors along an existing axis. Pullback: to each input, the slice of v where it sits.
  ///
  /// - Precondition: at least one tensor; all have the same rank ≥ 1 and the same extents except along `axis`.
  public init(concatenating parts: [Variable], alongAxis axis: Int = 0) {
    let value = Tensor(concatenating: parts.map(\.value), alongAxis: axis)
    let k = value.normalizedAxis(axis, "concatenating") - value.rank  // from the end, as in `slicing`
    self = Variable.record("concatenating", value: value, inputs: parts, batchPolymorphic: true) { v, inputs, _ in
      var start = 0
      return inputs.map { input in
        let extent = input.value.shape[input.value.rank + k]
        defer { start += extent }
        return v.slicing(start..<(start + extent), alongAxis: k)
      }
    }
  }

  /// Joins tensors of one shape along a new axis inserted at `axis`: each is reshaped with an extent-1 axis
  /// there, then they are concatenated (so the pullback is that of reshape and concatenate).
  ///
  /// - Precondition: at least one tensor, all of the same shape; `axis` in `-(rank + 1)...rank`.
  public init(stacking parts: [Variable], alongAxis axis: Int = 0) {
    checkPrecondition(!parts.isEmpty, "Variable(stacking:alongAxis:): no tensors to stack")
    let shape = parts[0].value.shape
    checkPrecondition(
      parts.allSatisfy { $0.value.shape == shape },
      "Variable(stacking:alongAxis:): shapes \(parts.map(\.value.shape)) differ")
    let k = Tensor.stackingAxis(axis, rank: shape.count, "Variable(stacking:alongAxis:)")
    var expanded = shape
    expanded.insert(1, at: k)
    self.init(concatenating: parts.map { $0.reshaped(to: expanded) }, alongAxis: k)
  }

  /// For each row i of a matrix, the element in column `columns[i]` (see `Tensor.gathering(columnPerRow:)`;
  /// PyTorch `gather`, NumPy/JAX `take_along_axis`). Pullback: v scattered into a matrix of zeros of x's
  /// shape, v[i] at [i, columns[i]].
  ///
  /// - Precondition: x has rank 2, one column index per row, each in range.
  public func gathering(columnPerRow columns: [Int]) -> Variable {
    let result = value.gathering(columnPerRow: columns)
    return Variable.record("gathering(columnPerRow:)", value: result, inputs: [self], batchPolymorphic: true) {
      v, inputs, _ in
      let (batch, x) = (v.batchShape(beyondRank: 1), inputs[0].value)
      guard !batch.isEmpty else { return [v.scattering(columnPerRow: columns, columnCount: x.shape[1])] }
      // A stack of adjoints: scatter-added by flat offset, at the same places in each.
      let offsets = columns.enumerated().map { i, c in i * x.shape[1] + c }
      let all = Tensor.offsets(offsets, inEachOf: batch.reduce(1, *), blocksOf: x.count)
      return [v.scatteringAdding(flatIndices: all, shape: batch + x.shape)]
    }
  }

  /// A matrix of zeros with v[i] at [i, columns[i]]. Pullback: the gather of v at the same places.
  func scattering(columnPerRow columns: [Int], columnCount: Int) -> Variable {
    let result = value.scattering(columnPerRow: columns, columnCount: columnCount)
    return Variable.record("scattering", value: result, inputs: [self], batchPolymorphic: true) { v, inputs, output in
      let batch = v.batchShape(beyondRank: 2)
      guard !batch.isEmpty else { return [v.gathering(columnPerRow: columns)] }
      let offsets = columns.enumerated().map { i, c in i * columnCount + c }  // as in `gathering(columnPerRow:)`
      let all = Tensor.offsets(offsets, inEachOf: batch.reduce(1, *), blocksOf: output.value.count)
      return [v.gathering(flatIndices: all, shape: batch + inputs[0].value.shape)]
    }
  }
}
