extension Gradients: CustomStringConvertible {
  /// A summary of what the backward pass computed, not its storage: how many nodes it covered, how many
  /// scalar adjoints are nonzero, how many tensor nodes an adjoint reached, and which recording of which
  /// tape it belongs to (live, reset since, or freed).
  ///
  /// ```swift
  /// let tape = Tape()
  /// let apple = tape.variable(100.0), count = tape.variable(2.0), tax = tape.variable(1.1)
  /// print((apple * count * tax).backward())
  /// // prints: Gradients(5 nodes: 5 scalar with 5 adjoints nonzero, 0 tensor; recording 0 of a live tape)
  /// ```
  public var description: String {
    var tensorNodes = 0
    var scalarNodes = 0
    var nonzero = 0
    let tape = arena.pointee.liveTape(recordedIn: generation)
    let live = tape.map { $0.generation == generation } ?? false
    if let tape, live {
      for i in 0..<scalars.count where i < tape.count {
        if tape.arena.pointee.entries[i].op.isTensor { tensorNodes += 1 } else { scalarNodes += 1 }
      }
    } else {
      tensorNodes = Swift.min(tensors.count, scalars.count)
      scalarNodes = scalars.count - tensorNodes
    }
    for i in 0..<scalars.count where scalars.pointer[i] != 0 { nonzero += 1 }
    let reached = tensors.lazy.filter { $0 != nil }.count
    let tensorPart = tensorNodes == 0 ? "0 tensor" : "\(tensorNodes) tensor with \(reached) adjoints reached"
    let tapePart = tape == nil ? "a freed tape" : live ? "a live tape" : "a tape reset since"
    return "Gradients(\(scalars.count) nodes: \(scalarNodes) scalar with \(nonzero) adjoints nonzero, \(tensorPart); "
      + "recording \(recordingNumber) of \(tapePart))"
  }
}
