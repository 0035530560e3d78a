/// How a tensor operation pulls the adjoint of its result back to its inputs.
///
/// The closure receives the adjoint `v` of the result, the operation's `inputs` and its `output`, all as
/// variables, and returns one contribution per input (`nil` where an input gets none). It must compute with
/// differentiable operations on variables only: in a first-order `backward()` those variables are
/// constants, so nothing is recorded; when the backward pass is itself differentiated, they are recorded on
/// the tape. A contribution has the shape of its input. The closure must capture no variable and no tape —
/// only plain values such as shapes, axes or constant tensors.
public typealias TensorPullback =
  (_ v: Variable<Tensor>, _ inputs: [Variable<Tensor>], _ output: Variable<Tensor>) -> [Variable<Tensor>?]

/// A tensor node on the tape: its value, its inputs (node indices, −1 for a constant) and how to pull back.
@usableFromInline
struct TensorEntry {
  @usableFromInline let value: Tensor
  @usableFromInline let inputIndices: [Int32]
  /// The inputs' values (kept so that the pullback can be given its inputs; storage is shared, not copied).
  @usableFromInline let inputValues: [Tensor]
  @usableFromInline let pullback: TensorPullback?
  /// The operation's name, for error messages.
  @usableFromInline let name: String

  @inlinable init(value: Tensor, inputIndices: [Int32], inputValues: [Tensor], pullback: TensorPullback?, name: String) {
    self.value = value
    self.inputIndices = inputIndices
    self.inputValues = inputValues
    self.pullback = pullback
    self.name = name
  }
}

extension Tape {
  /// Appends a tensor node and returns it as a variable.
  func recordTensor(
    _ value: Tensor, inputs: [Variable<Tensor>], name: String = "leaf", pullback: TensorPullback?
  ) -> Variable<Tensor> {
    let slot = Int32(tensorEntries.count)
    let entry = TensorEntry(
      value: value, inputIndices: inputs.map { $0.tape == nil ? -1 : $0.index },
      inputValues: inputs.map(\.value), pullback: pullback, name: name)
    tensorEntries.append(entry)
    let index = appendScalar(pullback == nil ? .tensorLeaf : .tensor, -1, slot, aux: 0, value: 0)
    return Variable(tape: self, index: index, generation: generation, value: value)
  }

  /// The slot in `tensorEntries` of the tensor node at `index`.
  func tensorSlot(of index: Int32) -> Int {
    Int(arena.pointee.entries[Int(index)].rhs)
  }
}

extension Variable where Value == Tensor {
  /// Records a tensor operation computed by the caller: `value` is the result of the forward computation on
  /// `inputs`, and `pullback` is its derivative rule (see `TensorPullback`).
  ///
  /// This is how every tensor primitive of Adjoint is defined, and how you add your own. If no input is
  /// recorded on a tape, the result is a constant and nothing is recorded.
  ///
  /// - Parameters:
  ///   - name: the operation's name, used in error messages.
  ///   - value: the forward result.
  ///   - inputs: the operands (constants allowed).
  ///   - pullback: the derivative rule.
  /// - Precondition: the recorded inputs are on one tape, which has not been reset since they were made.
  public static func record(
    _ name: String, value: Tensor, inputs: [Variable<Tensor>], pullback: @escaping TensorPullback
  ) -> Variable<Tensor> {
    var tape: Tape? = nil
    for input in inputs {
      guard let t = input.validTape(for: name) else { continue }
      if let tape {
        precondition(tape === t, "\(name): the operands are recorded on two different tapes")
      } else {
        tape = t
      }
    }
    guard let tape else { return Variable(value) }
    return tape.recordTensor(value, inputs: inputs, name: name, pullback: pullback)
  }
}
