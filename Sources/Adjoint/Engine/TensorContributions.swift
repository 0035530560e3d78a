// How a tensor node's contributions reach its inputs' adjoints, shared by the sweep (Backward.swift), the
// recorded sweep and the batched sweep (BatchedSweep.swift).

extension Tape {
  /// Adds a contribution to the adjoint of tensor slot `slot`, in place when the adjoint is not shared.
  static func accumulate(_ contribution: Tensor, into adjoints: inout [Tensor?], at slot: Int) {
    if var sum = adjoints[slot] {
      adjoints[slot] = nil  // so that `sum` holds the only reference and is added to in place
      sum.accumulate(contribution)
      adjoints[slot] = sum
    } else {
      adjoints[slot] = contribution
    }
  }

  /// Checks a pullback's result: one contribution per input, each of its input's shape. It takes the
  /// variables as returned (no array of their values is made: this runs for every tensor node of a sweep).
  func checkContributions(
    _ contributions: [Variable<Tensor>?], inputs: [Variable<Tensor>], name: @autoclosure () -> String
  ) {
    checkPrecondition(
      contributions.count == inputs.count,
      "\(name()): pullback returned \(contributions.count) contributions for \(inputs.count) inputs")
    for k in contributions.indices {
      guard let c = contributions[k]?.value else { continue }
      checkPrecondition(
        c.shape == inputs[k].value.shape,
        "\(name()): pullback returned shape \(c.shape) for input \(k) of shape \(inputs[k].value.shape)")
    }
  }
}

extension Tensor {
  /// Adds an adjoint contribution in place. A contribution always has its node's shape (the sweep checks
  /// it), so this is `+=` without broadcasting.
  mutating func accumulate(_ other: Tensor) {
    checkPrecondition(shape == other.shape, "adjoint accumulation: shapes \(shape) and \(other.shape) differ")
    self += other
  }
}
