// Forward mode by transposing the pullback (the "double-VJP" trick), so that no derivative rule is written
// twice: record the pullback w ↦ Jᵀw with the adjoint w itself a variable (a leaf recorded after the
// function's result), then pull back along a tangent u: ⟨u, Jᵀw⟩ = ⟨Ju, w⟩, whose gradient with respect
// to w is the Jacobian–vector product Ju. It works for every operation at every order, because it uses only
// the recorded sweep and the ordinary one.
//
// Cost: once, one forward pass and one recorded sweep (about 2–3 gradients); then each product Ju is one
// first-order sweep over the nodes recorded after w, i.e. over the recorded pullback only (about one
// gradient).

/// A tensor function linearized at a point: `apply(u)` is the Jacobian–vector product J·u.
struct TensorLinearization {
  let tape: Tape
  /// The adjoint seed w, a leaf of the result's shape.
  let seed: Variable<Tensor>
  /// Jᵀw as a variable (nil when the result does not depend on the input).
  let transposed: Variable<Tensor>?
  let inputShape: [Int]
  let outputShape: [Int]

  /// Records the transposed pullback of `output` with respect to `input` (both on `tape`).
  init(tape: Tape, input: Variable<Tensor>, output: Variable<Tensor>) {
    self.tape = tape
    inputShape = input.value.shape
    outputShape = output.value.shape
    let w = tape.variable(Tensor(repeating: 1, shape: output.value.shape))
    seed = w
    guard output.isRecorded, output.index >= input.index else {
      transposed = nil
      return
    }
    let adjoints = tape.recordedSweep(from: Int(output.index), lowest: Int(input.index), scalarSeed: nil, tensorSeed: w)
    let t = adjoints.tensors[tape.tensorSlot(of: input.index)]
    transposed = t.flatMap { $0.isRecorded && $0.index > w.index ? $0 : nil }
  }

  /// J·u, of the result's shape.
  ///
  /// - Precondition: `u` has the input's shape.
  func apply(_ u: Tensor) -> Tensor {
    checkPrecondition(u.shape == inputShape, "differential: tangent of shape \(u.shape) for an input of shape \(inputShape)")
    guard let transposed else { return Tensor.zeros(outputShape) }
    return Tensor.pullback(from: transposed, seed: u, through: seed.index)[seed]
  }
}

/// A function of several scalars with several scalar results, linearized at a point.
struct ScalarLinearization {
  /// The adjoint seeds w, one leaf per result.
  let seeds: [Variable<Double>]
  /// (Jᵀw)ᵢ per input: a recorded variable, or nil where it is zero or does not depend on w.
  let transposed: [Variable<Double>?]
  let tape: Tape

  init(tape: Tape, inputs: [Variable<Double>], outputs: [Variable<Double>]) {
    self.tape = tape
    let ws = outputs.map { _ in tape.variable(1) }
    seeds = ws
    let lowest = Int(inputs.map(\.index).min() ?? 0)
    var z = Variable<Double>(0)
    for (w, y) in zip(ws, outputs) where y.isRecorded && Int(y.index) >= lowest { z = z + w * y }
    guard z.isRecorded, let firstSeed = ws.first else {
      transposed = inputs.map { _ in nil }
      return
    }
    let adjoints = tape.recordedSweep(from: Int(z.index), lowest: lowest, scalarSeed: Variable(1), tensorSeed: nil)
    transposed = inputs.map { x in
      adjoints.scalar(at: x.index).flatMap { $0.isRecorded && $0.index > firstSeed.index ? $0 : nil }
    }
  }

  /// J·u, one entry per result.
  func apply(_ u: [Double]) -> [Double] {
    checkPrecondition(u.count == transposed.count, "differential: \(u.count) tangents for \(transposed.count) inputs")
    var seedsAt: [(node: Int, adjoint: Double)] = []
    for (t, ui) in zip(transposed, u) where ui != 0 {
      if let t { seedsAt.append((Int(t.index), ui)) }
    }
    guard let top = seedsAt.map(\.node).max(), let first = seeds.first else { return seeds.map { _ in 0 } }
    let g = tape.sweep(from: top, through: Int(first.index), scalarSeed: 0, tensorSeed: nil, additionalSeeds: seedsAt)
    return g[seeds]
  }
}
