/// The reverse sweep recorded on the tape itself, for higher-order derivatives (PyTorch's `create_graph`,
/// JAX's `grad(grad(f))`).
///
/// It is the same loop as the first-order sweep and runs the same derivative rules, but evaluates them with
/// `Variable<Double>` and `Variable<Tensor>` instead of plain numbers, so every step of the backward pass is
/// appended to the tape and can be differentiated again. Only this sweep pays for recording; `backward()`
/// records nothing.
struct RecordedAdjoints {
  /// Scalar adjoints of the nodes `lowest...output`, indexed by `node - lowest`.
  var scalars: [Variable<Double>?]
  /// Tensor adjoints by tensor slot.
  var tensors: [Variable<Tensor>?]
  let lowest: Int

  func scalar(at index: Int32) -> Variable<Double>? { scalars[Int(index) - lowest] }
}

extension Tape {
  /// Sweeps from `output` down to node `lowest`, recording every step; returns the adjoints as variables.
  func recordedSweep(from output: Int, lowest: Int, scalarSeed: Variable<Double>?, tensorSeed: Variable<Tensor>?)
    -> RecordedAdjoints
  {
    var result = RecordedAdjoints(
      scalars: Array(repeating: nil, count: output - lowest + 1),
      tensors: Array(repeating: nil, count: tensorEntries.count), lowest: lowest)
    if let tensorSeed {
      result.tensors[tensorSlot(of: Int32(output))] = tensorSeed
    } else {
      result.scalars[output - lowest] = scalarSeed
    }
    let generation = self.generation
    let checker = numericsChecker  // operations recorded by a pullback are reported as part of it
    defer { checker?.pullingBack = nil }
    func node(_ index: Int) -> Variable<Double> {  // the arena may move as the sweep records: read it afresh
      Variable(tape: self, index: Int32(index), generation: generation, value: arena.pointee.values[index])
    }
    func add(_ c: Variable<Double>, toScalar index: Int) {  // the tape's only accumulation of scalar adjoints
      guard index >= lowest else { return }
      let k = index - lowest
      result.scalars[k] = result.scalars[k].map { $0 + c } ?? c
    }
    for i in stride(from: output, through: lowest, by: -1) {
      let e = arena.pointee.entries[i]
      switch e.op {
      case .leaf, .tensorLeaf:
        continue
      case .tensor:
        let slot = Int(e.rhs)
        let entry = tensorEntries[slot]
        guard let v = result.tensors[slot], let pullback = entry.pullback, entry.requiresGradient else { continue }
        let inputs = (0..<entry.inputs.count).map { k in
          let (index, constant) = (entry.indices[k], entry.inputs[k])
          guard constant.needsGradient else { return constant }  // a stand-in marks an input that needs one
          guard arena.pointee.entries[Int(index)].op.isTensor else { return Variable<Tensor>(node(Int(index))) }
          return Variable(tape: self, index: index, generation: generation, value: constant.value)
        }
        let output = Variable(tape: self, index: Int32(i), generation: generation, value: entry.value)
        checker?.pullingBack = i
        let contributions = pullback(v, inputs, output)
        checkContributions(contributions, inputs: entry.inputs, name: entry.name)
        checker?.checkTensorContributions(contributions.map { $0?.value }, v: v.value, node: i, on: self, recorded: true)
        for (k, contribution) in contributions.enumerated() {
          let input = Int(entry.indices[k])
          guard input >= lowest, inputs[k].needsGradient, let c = contribution else { continue }
          let inputEntry = arena.pointee.entries[input]
          guard inputEntry.op.isTensor else {  // a scalar made into a tensor
            add(c.scalar, toScalar: input)
            continue
          }
          let s = Int(inputEntry.rhs)
          result.tensors[s] = result.tensors[s].map { $0 + c } ?? c
        }
      case .tensorElement:
        guard let v = result.scalars[i - lowest], Int(e.lhs) >= lowest else { continue }
        let source = Int(e.lhs)
        let c = Variable<Tensor>(elementAdjoint: v, at: Int(e.aux), shape: tensorEntries[Int(arena.pointee.entries[source].rhs)].value.shape)
        let s = Int(arena.pointee.entries[source].rhs)
        result.tensors[s] = result.tensors[s].map { $0 + c } ?? c
      default:
        guard let v = result.scalars[i - lowest] else { continue }
        let lhs = Int(e.lhs)
        let rhs = Int(e.rhs)
        let zero = Variable<Double>(0)
        let operands = ScalarOperands(x: node(lhs), y: rhs >= 0 ? node(rhs) : zero, out: node(i), aux: e.aux)
        if v.value == 0, e.op.overflowed(x: operands.x.value, y: operands.y.value, out: operands.out.value, aux: e.aux) {
          // The overflow exception to the strong zero, as in `sweep`: NaN, and NaN again when differentiated.
          add(operands.x * Double.nan, toScalar: lhs)
          if rhs >= 0 { add(operands.y * Double.nan, toScalar: rhs) }
          continue
        }
        checker?.pullingBack = i
        let (dx, dy) = e.op.pullback(v, operands)
        checker?.check(dx.value, dy.value, node: i, v: v.value, on: self, recorded: true)
        add(dx, toScalar: lhs)
        if rhs >= 0 { add(dy, toScalar: rhs) }
      }
    }
    return result
  }
}
