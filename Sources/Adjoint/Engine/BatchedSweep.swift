// The batched reverse sweep (JAX's vmap of a vector–Jacobian product over its cotangents): one walk of the
// tape carrying, at each tensor node, a stack of B adjoints of shape [B] + node.shape, so that B rows of a
// Jacobian (or of a Hessian, sweeping the recorded gradient) cost one walk, and the matrix–vector products of
// B separate sweeps become one matrix–matrix product each. No derivative rule is written again: the sweep
// runs the ops' own pullbacks, which are batch-polymorphic (`TensorEntry.isBatchPolymorphic`: a stack of
// adjoints in, a stack of contributions out; Ops/BatchedAdjoints.swift).
//
// It applies only when every node reached from the root is a tensor node whose op is marked so (or a leaf),
// with numerics checking off; otherwise the caller sweeps once per row, which handles every case.

extension Tape {
  /// The stacked adjoints of the node `lowest` (a tensor node) for the stack of seeds `seeds`, of shape
  /// `[B] + output.shape`, at `output`: row b is the pullback of seed b. Nil when the batched sweep does not
  /// apply (see `isBatchable(from:through:)`); a row of zeros for a node the root does not reach.
  ///
  /// - Complexity: one walk of the nodes `lowest...output`, each reached tensor node running its pullback
  ///   once on a stack of B adjoints.
  func batchedAdjoint(from output: Int, seeds: Tensor, through lowest: Int) -> Tensor? {
    guard let adjoints = batchedAdjoints(from: output, seeds: seeds, through: lowest) else { return nil }
    let slot = tensorSlot(of: Int32(lowest))
    return adjoints[slot] ?? Tensor.zeros([seeds.shape[0]] + tensorEntries[slot].value.shape)
  }

  /// The stacked adjoints of every tensor node from `output` down to `lowest`, by tensor slot (nil for a
  /// node not reached), for the stack of seeds `seeds`; nil when the batched sweep does not apply.
  func batchedAdjoints(from output: Int, seeds: Tensor, through lowest: Int) -> [Tensor?]? {
    guard isBatchable(from: output, through: lowest) else { return nil }
    let entries = arena.pointee.entries
    let outputValue = tensorEntries[Int(entries[output].rhs)].value
    let batch = Array(seeds.shape.prefix(seeds.rank - outputValue.rank))
    checkPrecondition(
      batch.count == 1 && seeds.shape == batch + outputValue.shape,
      "batched sweep: seeds of shape \(seeds.shape) for a result of shape \(outputValue.shape)")
    var adjoints = [Tensor?](repeating: nil, count: tensorEntries.count)
    adjoints[Int(entries[output].rhs)] = seeds
    var i = output
    while i > lowest {
      if entries[i].op == .tensor { pullStack(slot: Int(entries[i].rhs), batch: batch, lowest: lowest, into: &adjoints) }
      i -= 1
    }
    return adjoints
  }

  /// Whether the batched sweep from `output` down to `lowest` runs only batch-polymorphic rules: every
  /// node above `lowest` that the root reaches (through inputs that need a gradient) is a tensor node marked
  /// batch-polymorphic or a tensor leaf, and `output` and `lowest` are tensor nodes; numerics checking off.
  func isBatchable(from output: Int, through lowest: Int) -> Bool {
    guard numericsChecker == nil, !NumericsChecking.isScoped, output >= lowest else { return false }
    let entries = arena.pointee.entries
    guard entries[output].op.isTensor, entries[lowest].op.isTensor else { return false }
    var reached = [Bool](repeating: false, count: output - lowest + 1)
    reached[output - lowest] = true
    var i = output
    while i > lowest {
      defer { i -= 1 }
      guard reached[i - lowest] else { continue }
      switch entries[i].op {
      case .tensorLeaf: continue
      case .tensor: break
      default: return false  // a scalar node or a tensor element on the path
      }
      let entry = tensorEntries[Int(entries[i].rhs)]
      guard entry.requiresGradient, entry.pullback != nil else { continue }
      guard entry.isBatchPolymorphic else { return false }
      for k in 0..<entry.indices.count where entry.indices[k] >= lowest && requiresGradient(of: entry.indices[k]) {
        let input = entry.indices[k]
        guard entries[Int(input)].op.isTensor else { return false }  // a scalar made into a tensor
        reached[Int(input) - lowest] = true
      }
    }
    return true
  }

  /// Runs one tensor node's pullback on its stack of adjoints (first order: on constants) and accumulates
  /// the stacked contributions, each checked to have shape `batch + input.shape`.
  private func pullStack(slot: Int, batch: [Int], lowest: Int, into adjoints: inout [Tensor?]) {
    guard let v = adjoints[slot] else { return }
    let entry = tensorEntries[slot]
    guard let pullback = entry.pullback, entry.requiresGradient else { return }
    let inputs = entry.inputs  // stand-ins where a gradient is needed, constants otherwise (`TensorEntry`)
    let contributions = pullback(Variable(v), inputs, Variable(entry.value))
    checkPrecondition(
      contributions.count == inputs.count,
      "\(entry.name): pullback returned \(contributions.count) contributions for \(inputs.count) inputs")
    for (k, contribution) in contributions.enumerated() {
      let input = Int(entry.indices[k])
      guard input >= lowest, inputs[k].needsGradient, let c = contribution?.value else { continue }
      checkPrecondition(
        c.shape == batch + inputs[k].value.shape,
        "\(entry.name): batch-polymorphic pullback returned shape \(c.shape) for input \(k) of shape \(inputs[k].value.shape) and a batch of \(batch)")
      Self.accumulate(c, into: &adjoints, at: Int(arena.pointee.entries[input].rhs))
    }
  }
}

extension Tensor {
  /// The stack of the `count` basis tensors of shape `shape`: shape `[count] + shape`, row b one at element
  /// `start + b` (flat index) and zero elsewhere — the seeds of `count` consecutive rows of a Jacobian.
  static func basisStack(_ count: Int, startingAt start: Int, shape: [Int]) -> Tensor {
    let n = shape.reduce(1, *)
    var scalars = [Double](repeating: 0, count: count * n)
    for b in 0..<count { scalars[b * n + start + b] = 1 }
    return Tensor(shape: [count] + shape, scalars: scalars)
  }
}

extension Tape {
  /// Every row of the Jacobian of `output` with respect to `input` (shape `[m, n]`, m and n their element
  /// counts) by batched sweeps; see `batchedRows(from:through:of:budget:)`.
  func batchedRows(from output: Variable<Tensor>, through input: Variable<Tensor>, budget: Int = 1 << 22) -> Tensor? {
    batchedRows(from: output, through: input, of: [input], budget: budget)?[0]
  }

  /// Every row of the Jacobians of `output` with respect to each of `inputs` (shapes `[m, nₖ]`) by batched
  /// sweeps down to `lowest`, each seeded with a stack of basis tensors: all m rows at once, or blocks of
  /// rows when a stack of every node's adjoints would exceed `budget` scalars. Nil when the batched sweep
  /// does not apply, so that the caller sweeps once per row.
  ///
  /// - Precondition: all are recorded on this tape, `lowest` first and `output` after every input.
  func batchedRows(
    from output: Variable<Tensor>, through lowest: Variable<Tensor>, of inputs: [Variable<Tensor>], budget: Int = 1 << 22
  ) -> [Tensor]? {
    let top = Int(output.index), bottom = Int(lowest.index)
    guard isBatchable(from: top, through: bottom) else { return nil }
    let m = output.value.count
    let largest = tensorEntries.reduce(1) { Swift.max($0, $1.value.count) }
    let block = Swift.max(1, Swift.min(m, budget / largest))
    var scalars = inputs.map { x -> [Double] in
      var s: [Double] = []
      s.reserveCapacity(m * x.value.count)
      return s
    }
    var start = 0
    while start < m {
      let count = Swift.min(block, m - start)
      let seeds = Tensor.basisStack(count, startingAt: start, shape: output.value.shape)
      guard let adjoints = batchedAdjoints(from: top, seeds: seeds, through: bottom) else { return nil }
      let stacks = inputs.map { x in adjoints[tensorSlot(of: x.index)] ?? Tensor.zeros([count] + x.value.shape) }
      if count == m { return zip(inputs, stacks).map { x, stack in stack.reshaped(to: [m, x.value.count]) } }
      for k in inputs.indices { scalars[k] += stacks[k].scalars }
      start += count
    }
    return zip(inputs, scalars).map { x, s in Tensor(shape: [m, x.value.count], scalars: s) }
  }
}
