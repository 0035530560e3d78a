/// The result of `backward(creatingGraph: true)`: every adjoint as a variable recorded on the tape, so
/// that it can be differentiated again (PyTorch's `create_graph=True`).
///
/// ```swift
/// let tape = Tape()
/// let x = tape.variable(2.0)
/// let y = x * x * x
/// let g = y.backward(creatingGraph: true)
/// g[x].value                          // 12 = 3x²
/// g[x].backward()[x]                  // 12 = 6x
/// ```
public struct RecordedGradients {
  let tape: Tape
  let generation: UInt32
  let adjoints: RecordedAdjoints

  /// The derivative of the root with respect to a scalar variable, as a variable (a constant 0 when the
  /// root does not depend on it).
  ///
  /// - Precondition: `x` is recorded on the tape the gradients come from, before the root.
  public subscript(x: Variable<Double>) -> Variable<Double> {
    let index = check(x)
    return index >= adjoints.lowest && index - adjoints.lowest < adjoints.scalars.count
      ? adjoints.scalars[index - adjoints.lowest] ?? Variable(0) : Variable(0)
  }

  /// The derivative of the root with respect to a tensor variable, as a variable of `x`'s shape.
  ///
  /// - Precondition: `x` is recorded on the tape the gradients come from, before the root.
  public subscript(x: Variable<Tensor>) -> Variable<Tensor> {
    let index = check(x)
    guard index >= adjoints.lowest, index - adjoints.lowest < adjoints.scalars.count else {
      return Variable(Tensor.zeros(x.value.shape))
    }
    return adjoints.tensors[tape.tensorSlot(of: Int32(index))] ?? Variable(Tensor.zeros(x.value.shape))
  }

  private func check<V>(_ x: Variable<V>) -> Int {
    guard let t = x.tape else { failPrecondition("RecordedGradients: this variable is a constant; it has no gradient") }
    checkPrecondition(
      t === tape && x.generation == generation,
      "RecordedGradients: this variable is not recorded on the tape (or the recording) these gradients come from")
    return Int(x.index)
  }
}

extension Tape {
  /// The recorded sweep from `output` as `RecordedGradients`.
  func recordedGradients(from output: Int32, lowest: Int32, scalarSeed: Variable<Double>?, tensorSeed: Variable<Tensor>?)
    -> RecordedGradients
  {
    let adjoints = recordedSweep(from: Int(output), lowest: Int(lowest), scalarSeed: scalarSeed, tensorSeed: tensorSeed)
    return RecordedGradients(tape: self, generation: generation, adjoints: adjoints)
  }
}

extension Variable where Value == Double {
  /// A reverse sweep that is itself recorded: the gradients are variables, differentiable again.
  ///
  /// `creatingGraph: true` records the sweep (seeded with 1) on this variable's tape and keeps the tape open.
  /// `false` gives the same values cut off from the tape, as constants (`backward()` is the cheaper way to
  /// get plain numbers).
  ///
  /// - Precondition: the variable is recorded on a tape that has not been reset or consumed.
  /// - Complexity: one sweep over the tape, recording about as many nodes as the tape holds below this one.
  public func backward(creatingGraph: Bool) -> RecordedGradients {
    guard let tape else { failPrecondition("backward(creatingGraph:): this variable is a constant, recorded on no tape") }
    tape.beginBackward(from: index, generation: generation, retainingTape: true)
    return tape.recordedGradients(
      from: index, lowest: 0, scalarSeed: Variable(1), tensorSeed: nil
    ).constants(if: !creatingGraph)
  }
}

extension Variable where Value == Tensor {
  /// A reverse sweep that is itself recorded, from a tensor result seeded with `seed` (ones of a
  /// one-element result when omitted); see `Variable<Double>.backward(creatingGraph:)`.
  ///
  /// - Precondition: as for `backward(seed:retainingTape:)`.
  public func backward(seed: Variable<Tensor>? = nil, creatingGraph: Bool) -> RecordedGradients {
    guard let tape else { failPrecondition("backward(creatingGraph:): this variable is a constant, recorded on no tape") }
    let seed = seed ?? Variable(Tensor.unitSeed(like: value, "backward(creatingGraph:)"))
    checkPrecondition(
      seed.value.shape == value.shape, "backward(seed:creatingGraph:): seed of shape \(seed.value.shape) for a result of shape \(value.shape)")
    tape.beginBackward(from: index, generation: generation, retainingTape: true)
    return tape.recordedGradients(from: index, lowest: 0, scalarSeed: nil, tensorSeed: seed).constants(if: !creatingGraph)
  }
}

extension RecordedGradients {
  /// The same adjoints cut off from the tape, when `condition` holds.
  func constants(if condition: Bool) -> RecordedGradients {
    guard condition else { return self }
    let detached = RecordedAdjoints(
      scalars: adjoints.scalars.map { $0.map { Variable($0.value) } },
      tensors: adjoints.tensors.map { $0.map { Variable($0.value) } }, lowest: adjoints.lowest)
    return RecordedGradients(tape: tape, generation: generation, adjoints: detached)
  }
}
