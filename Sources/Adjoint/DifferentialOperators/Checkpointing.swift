// Checkpointing (rematerialisation), as `jax.checkpoint` and `torch.utils.checkpoint`: a segment of a
// computation records only its inputs and outputs; its intermediate values are recomputed, on a tape of
// their own, when the backward pass reaches it.

/// Runs `body` on `inputs` without storing its intermediate values: they are recomputed during the
/// backward pass.
///
/// Use it for the segments of a long loop, so that the tape holds one entry per segment instead of one node
/// per operation:
///
/// ```swift
/// var state = [theta, omega, length, damping]        // parameters ride along as state
/// for _ in 0..<10_000 {
///   state = checkpointed(state) { s in
///     var s = s
///     for _ in 0..<1_000 { s = step(s) }
///     return s
///   }
/// }
/// ```
///
/// The forward pass runs `body` once on constants (recording nothing). The backward pass, on reaching the
/// segment, runs it again on a fresh tape and sweeps that recording; in a recorded (higher-order) sweep it
/// runs again on the outer tape instead, so checkpointed segments differentiate to any order.
///
/// - Parameters:
///   - inputs: every variable the segment depends on (parameters included).
///   - body: the segment; it must be a pure function of its arguments and capture no variable (a
///     captured variable would be on the outer tape — this traps).
/// - Returns: `body(inputs)`, recorded as one node with the inputs as its inputs.
/// - Complexity: memory O(inputs + outputs) on the tape per segment, plus one segment's recording at a
///   time during `backward()`; time about one extra forward pass of the segment.
public func checkpointed(
  _ inputs: [Variable<Double>], _ body: @escaping ([Variable<Double>]) -> [Variable<Double>]
) -> [Variable<Double>] {
  let outputs = body(inputs.map { Variable($0.value) })
  checkPrecondition(
    !outputs.contains { $0.isRecorded },
    "checkpointed: the segment used a variable it did not receive as an input; pass every variable it depends on in `inputs`")
  guard let tape = commonTape(inputs, "checkpointed"), !outputs.isEmpty else { return outputs }
  let node = tape.recordTensor(
    Tensor(shape: [outputs.count], scalars: outputs.map(\.value)), scalarInputs: inputs, name: "checkpointed"
  ) { v, xs, _ in
    checkpointPullback(v, xs, body)
  }
  return node.scalars
}

/// The segment's pullback: recomputes it and pulls `v` back through the recomputation.
private func checkpointPullback(
  _ v: Variable<Tensor>, _ xs: [Variable<Tensor>], _ body: ([Variable<Double>]) -> [Variable<Double>]
) -> [Variable<Tensor>?] {
  if !v.isRecorded && !xs.contains(where: \.isRecorded) {
    // First order: a private tape for the recomputation, swept from all the outputs at once.
    let tape = Tape()
    let inputs = tape.variables(xs.map(\.value.scalar))
    let outputs = body(inputs)
    let adjoints = v.value.scalars
    var seeds: [(node: Int, adjoint: Double)] = []
    for (y, a) in zip(outputs, adjoints) where a != 0 && y.isRecorded { seeds.append((Int(y.index), a)) }
    guard let top = seeds.map(\.node).max() else { return xs.map { _ in nil } }
    let g = tape.sweep(from: top, scalarSeed: 0, tensorSeed: nil, additionalSeeds: seeds)
    return inputs.map { Variable(Tensor(g[$0])) }
  }
  // Higher order: recompute on the outer tape and record the sweep there.
  let vs = v.scalars
  let g = gradient(at: xs.map(\.scalar)) { inputs in
    var total = Variable<Double>(0)
    for (y, a) in zip(body(inputs), vs) { total = total + a * y }
    return total
  }
  return g.map { Variable<Tensor>($0) }
}
