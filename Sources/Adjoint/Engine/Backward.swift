/// The reverse sweep: the tape read backwards once, from the output to the first entry.
///
/// Adjoints are memoized — one slot per node, accumulated with `+=` by the sweep and by nothing else — so
/// each node's adjoint is complete by the time the loop reaches it, and each node's rule runs at most once.
/// Nodes whose adjoint is zero are skipped (their contributions would be zero: every rule multiplies with
/// the strong-zero product), except a node whose value overflowed, which passes NaN
/// (`ScalarOp.overflowed`).
extension Tape {
  /// First-order sweep: evaluates the derivative rules on plain numbers and records nothing.
  ///
  /// Nodes below `lowest` are not visited (their adjoints stay zero): callers that need only the adjoints
  /// of nodes recorded after some point pass that point. `additionalSeeds` add further scalar seeds (node,
  /// adjoint) at nodes up to `output` (a sweep from several roots at once: one vector–Jacobian product of a
  /// function with several scalar results).
  ///
  /// The loop is specialized twice: without checks (`UncheckedSweep`, whose hooks compile to nothing) and,
  /// while numerics checking is on, with a check of every contribution.
  func sweep(
    from output: Int, through lowest: Int = 0, scalarSeed: Double, tensorSeed: Tensor?,
    additionalSeeds: [(node: Int, adjoint: Double)] = []
  ) -> Gradients {
    if numericsChecker == nil, !NumericsChecking.isScoped {
      return sweep(
        from: output, through: lowest, scalarSeed: scalarSeed, tensorSeed: tensorSeed,
        additionalSeeds: additionalSeeds, observer: UncheckedSweep())
    }
    let checker = numericsChecker ?? NumericsChecker()
    checker.checkSeed(scalarSeed, tensorSeed, node: output, on: self)
    return sweep(
      from: output, through: lowest, scalarSeed: scalarSeed, tensorSeed: tensorSeed,
      additionalSeeds: additionalSeeds, observer: CheckedSweep(tape: self, checker: checker))
  }

  private func sweep<Observer: SweepObserver>(
    from output: Int, through lowest: Int, scalarSeed: Double, tensorSeed: Tensor?,
    additionalSeeds: [(node: Int, adjoint: Double)], observer: Observer
  ) -> Gradients {
    let adjoints = AdjointBuffer(count: output + 1)
    var tensorAdjoints = [Tensor?](repeating: nil, count: tensorEntries.count)
    let entries = arena.pointee.entries
    let values = arena.pointee.values
    let tensorNodes = tensorEntries  // read without the exclusivity checks of a class property (nothing records)
    if let tensorSeed {
      tensorAdjoints[Int(entries[output].rhs)] = tensorSeed
    } else {
      adjoints.pointer[output] = scalarSeed
    }
    for (node, adjoint) in additionalSeeds { adjoints.pointer[node] += adjoint }
    // Which nodes are connected to the output is needed only to apply the overflow exception (an overflowed
    // node reached with a zero adjoint passes NaN); it is worked out lazily, the first time an overflowed
    // node with a zero adjoint is met, so the common sweep pays nothing for it.
    var reach = ScalarReach(output: output)
    defer { reach.release() }
    do {
      let adjoint = adjoints.pointer
      var i = output
      while i >= lowest {
        let e = entries[i]
        // Leaves and tensor-related nodes are the operations numbered up to `tensorElement`: one comparison
        // sends every scalar operation to the common path.
        if _fastPath(e.op.rawValue > ScalarOp.tensorElement.rawValue) {
          let v = adjoint[i]
          let lhs = Int(e.lhs)
          if v != 0 {
            /// A binary operation's rule: no test for a second input (it has one) or for a constant (none).
            @inline(__always) func binary(_ rule: (Double, ScalarOperands<Double>) -> (x: Double, y: Double)) {
              let rhs = Int(e.secondIndex)
              let (dx, dy) = rule(v, ScalarOperands(x: values[lhs], y: values[rhs], out: values[i], aux: 0))
              observer.check(dx, dy, node: i, v: v)
              adjoint[lhs] += dx
              adjoint[rhs] += dy
              observer.checkSums(lhs: adjoint[lhs], rhs: adjoint[rhs], node: i)
            }
            /// A unary operation's rule, with its constant operand or cached factor.
            @inline(__always) func unary(_ rule: (Double, ScalarOperands<Double>) -> Double) {
              let c = e.constant
              let dx = rule(v, ScalarOperands(x: values[lhs], y: 0, out: values[i], aux: c, factor: c))
              observer.check(dx, 0, node: i, v: v)
              adjoint[lhs] += dx
              observer.checkSums(lhs: adjoint[lhs], rhs: 0, node: i)
            }
            // The commonest cheap operations call their rule directly: `pullback`'s switch over every
            // operation is too large to inline, and a call per node is a measurable part of a cheap sweep.
            switch e.op {
            case .add: binary(ScalarRule.add)
            case .subtract: binary(ScalarRule.subtract)
            case .multiply: binary(ScalarRule.multiply)
            case .addConstant: unary { ScalarRule.addConstant($0, $1).x }
            case .multiplyByConstant: unary { ScalarRule.multiplyByConstant($0, $1).x }
            case .divide: binary(ScalarRule.divide)
            case .sin: unary(ScalarRule.sin)
            case .cos: unary(ScalarRule.cos)
            case .exp: unary(ScalarRule.exp)
            case .log: unary(ScalarRule.log)
            case .tanh: unary(ScalarRule.tanh)
            case .sigmoid: unary(ScalarRule.sigmoid)
            case .relu: unary(ScalarRule.relu)
            case .square: unary(ScalarRule.square)
            default:
              let rhs = Int(e.rhs)
              let (dx, dy) = e.op.pullback(v, ScalarOperands(node: i, entry: e, values: values))
              observer.check(dx, dy, node: i, v: v)
              adjoint[lhs] += dx
              if rhs >= 0 { adjoint[rhs] += dy }
              observer.checkSums(lhs: adjoint[lhs], rhs: rhs >= 0 ? adjoint[rhs] : 0, node: i)
            }
          } else if values[i].isInfinite {
            passNaNIfOverflowed(node: i, entries: entries, values: values, adjoints: adjoint, reach: &reach)
          }
        } else {
          switch e.op {
          case .tensor:
            pullTensor(
              node: i, slot: Int(e.rhs), tensorNodes: tensorNodes, tensorAdjoints: &tensorAdjoints,
              scalarAdjoints: adjoint, checker: observer.checker)
          case .tensorElement:
            let v = adjoint[i]
            if v != 0 { addElement(v, at: Int(e.aux), ofTensorNode: Int(e.lhs), to: &tensorAdjoints) }
          default:
            break  // leaves
          }
        }
        i &-= 1
      }
    }
    return Gradients(tape: self, scalars: adjoints, tensors: tensorAdjoints)
  }

  /// The overflow exception of the strong-zero convention for scalar node `i`, reached with a zero adjoint
  /// and an infinite value: if the node overflowed from finite inputs and is connected to the output, its
  /// inputs receive NaN. Kept out of line so that the sweep's common path keeps its registers.
  @inline(never)
  private func passNaNIfOverflowed(
    node i: Int, entries: UnsafeMutablePointer<ScalarEntry>, values: UnsafeMutablePointer<Double>,
    adjoints adjoint: UnsafeMutablePointer<Double>, reach: inout ScalarReach
  ) {
    let e = entries[i]
    let lhs = Int(e.lhs)
    let rhs = Int(e.rhs)
    if e.op.overflowed(x: values[lhs], y: rhs >= 0 ? values[rhs] : 0, out: values[i], aux: e.aux),
      reach.isReached(i, entries: entries)
    {
      adjoint[lhs] += .nan
      if rhs >= 0 { adjoint[rhs] += .nan }
    }
  }

  /// Runs one tensor node's pullback on constants and accumulates the contributions. The entry's inputs
  /// are already the constants the pullback takes (`TensorEntry.inputs`): no array is built here.
  private func pullTensor(
    node: Int, slot: Int, tensorNodes: [TensorEntry], tensorAdjoints: inout [Tensor?],
    scalarAdjoints: UnsafeMutablePointer<Double>, checker: NumericsChecker?
  ) {
    guard let v = tensorAdjoints[slot] else { return }
    tensorNodes.withUnsafeBufferPointer { nodes in  // the entry's fields are read in place, not copied
      let entry = nodes.baseAddress! + slot
      guard let pullback = entry.pointee.pullback, entry.pointee.requiresGradient else { return }
      let contributions = pullback(Variable(v), entry.pointee.inputs, Variable(entry.pointee.value))
      checkContributions(contributions, inputs: entry.pointee.inputs, name: entry.pointee.name)
      checker?.checkTensorContributions(contributions.map { $0?.value }, v: v, node: node, on: self, recorded: false)
      for k in 0..<contributions.count {
        let input = Int(entry.pointee.indices[k])
        guard input >= 0, entry.pointee.inputs[k].needsGradient, let c = contributions[k]?.value else { continue }
        guard arena.pointee.entries[input].op.isTensor else {  // a scalar made into a tensor
          scalarAdjoints[input] += c.scalar
          continue
        }
        Self.accumulate(c, into: &tensorAdjoints, at: Int(arena.pointee.entries[input].rhs))
      }
    }
  }

  /// Starts a backward pass from `output`: checks the tape's state and closes it unless retained.
  func beginBackward(from output: Int32, generation: UInt32, retainingTape: Bool) {
    checkPrecondition(
      generation == self.generation,
      "backward(): this variable was made before its tape was reset; its computation is gone")
    checkPrecondition(
      !isConsumed,
      "backward(): this tape was already differentiated; gradients are computed once per recording (pass retainingTape: true to the first backward() to differentiate again)")
    checkOwner("run backward()")
    if !retainingTape { arena.pointee.close() }
  }
}

extension Variable where Value == Double {
  /// Computes the derivative of this variable with respect to every node of its tape, in one reverse sweep.
  ///
  /// ```swift
  /// let g = price.backward()
  /// g[apple]      // ∂price/∂apple
  /// ```
  ///
  /// - Parameter retainingTape: keep the tape open for more recording and another `backward()` (PyTorch's
  ///   `retain_graph`). By default the tape is consumed: recording onto it or calling `backward()` again
  ///   traps until `reset()`, so that gradients are never silently doubled or stale.
  /// - Returns: the gradients, read by subscripting with a variable.
  /// - Precondition: the variable is recorded on a tape that has not been reset or consumed.
  /// - Complexity: O(number of nodes recorded up to this variable).
  public func backward(retainingTape: Bool = false) -> Gradients {
    guard let tape else { failPrecondition("backward(): this variable is a constant, recorded on no tape") }
    tape.beginBackward(from: index, generation: generation, retainingTape: retainingTape)
    return tape.sweep(from: Int(index), scalarSeed: 1, tensorSeed: nil)
  }
}

extension Variable where Value == Tensor {
  /// Computes the derivative of this variable with respect to every node of its tape, in one reverse sweep.
  ///
  /// - Parameters:
  ///   - seed: the adjoint to start from (the "upstream gradient"), of this variable's shape. It may be
  ///     omitted only when the variable has exactly one element, which then starts at 1.
  ///   - retainingTape: keep the tape open for more recording and another `backward()`.
  /// - Precondition: the variable is recorded on a tape that has not been reset or consumed; a seed is given
  ///   for a variable of more than one element and has the variable's shape.
  /// - Complexity: O(number of nodes recorded up to this variable) plus the tensor work of the pullbacks.
  public func backward(seed: Tensor? = nil, retainingTape: Bool = false) -> Gradients {
    guard let tape else { failPrecondition("backward(): this variable is a constant, recorded on no tape") }
    if let seed {
      checkPrecondition(
        seed.shape == value.shape, "backward(seed:): seed of shape \(seed.shape) for a result of shape \(value.shape)")
    } else {
      checkPrecondition(
        value.count == 1,
        "backward(): the result has shape \(value.shape), not a single element; reduce it first (sum(), mean()) or pass seed: of that shape"
      )
    }
    tape.beginBackward(from: index, generation: generation, retainingTape: retainingTape)
    return tape.sweep(from: Int(index), scalarSeed: 0, tensorSeed: seed ?? Tensor(repeating: 1, shape: value.shape))
  }
}

/// Which scalar nodes are connected to the output of a sweep (an input of a connected node is connected),
/// computed on demand from the output down and cached.
struct ScalarReach {
  let output: Int
  private var reached: UnsafeMutablePointer<Bool>? = nil
  /// Nodes above this index have their final answer.
  private var lowestDone: Int

  init(output: Int) {
    self.output = output
    lowestDone = output + 1
  }

  /// Whether node `i` is connected to the output.
  mutating func isReached(_ i: Int, entries: UnsafeMutablePointer<ScalarEntry>) -> Bool {
    let r: UnsafeMutablePointer<Bool>
    if let reached {
      r = reached
    } else {
      r = .allocate(capacity: output + 1)
      r.initialize(repeating: false, count: output + 1)
      r[output] = true
      reached = r
    }
    while lowestDone > i {  // node k's answer is final once every later node has marked its inputs
      lowestDone -= 1
      let k = lowestDone
      guard k > i, r[k] else { continue }
      let e = entries[k]
      if e.op == .leaf || e.op == .tensorLeaf || e.op == .tensor { continue }
      r[Int(e.lhs)] = true
      if e.rhs >= 0 { r[Int(e.rhs)] = true }
    }
    // Node i itself has been decided by the nodes above it; it marks its own inputs when passed later.
    lowestDone = i + 1
    return r[i]
  }

  func release() { reached?.deallocate() }
}
