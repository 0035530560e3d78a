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

/// A tensor node on the tape: its value, its inputs and how to pull back.
///
/// The inputs are kept as the first-order sweep hands them to the pullback — a stand-in constant
/// (`Variable.standIn(for:)`) for each input that needs a gradient, a plain constant otherwise — so that
/// neither recording nor the sweep builds an array of inputs per operation: recording converts the array it
/// is given in place, and the sweep passes it on as it is. Their node indices are held apart
/// (`TensorInputIndices`, the first two inline).
@usableFromInline
struct TensorEntry {
  @usableFromInline let value: Tensor
  /// The inputs, as constants: stand-ins where the input needs a gradient (`needsGradient`), plain
  /// constants otherwise; their values share storage with the recorded inputs (nothing is copied).
  @usableFromInline let inputs: [Variable<Tensor>]
  /// The inputs' node indices (−1 for a constant).
  @usableFromInline let indices: TensorInputIndices
  @usableFromInline let pullback: TensorPullback?
  /// The operation's name, for error messages.
  @usableFromInline let name: String
  /// Whether any gradient flows to this node: true for variables, false for `Tape.constant(_:)`, and for
  /// an operation, whether any of its inputs requires one (PyTorch's `requires_grad`).
  @usableFromInline let requiresGradient: Bool
  /// Whether the pullback is batch-polymorphic: given an adjoint of shape `batch + value.shape` it returns
  /// contributions of shape `batch + input.shape` (one pullback per leading index, all at once), so that the
  /// batched sweep (`BatchedSweep.swift`) may run it. Set by the op where it records itself.
  @usableFromInline let isBatchPolymorphic: Bool

  init(
    value: Tensor, inputs: [Variable<Tensor>], indices: TensorInputIndices, pullback: TensorPullback?,
    name: String, requiresGradient: Bool, isBatchPolymorphic: Bool = false
  ) {
    self.value = value
    self.inputs = inputs
    self.indices = indices
    self.pullback = pullback
    self.name = name
    self.requiresGradient = requiresGradient
    self.isBatchPolymorphic = isBatchPolymorphic
  }

  /// The inputs' node indices as an array (messages and graph export; the sweeps read `indices`).
  var inputIndices: [Int32] { (0..<indices.count).map { indices[$0] } }
  /// The inputs' values as an array (messages and graph export).
  var inputValues: [Tensor] { inputs.map(\.value) }
}

/// The node indices of a tensor operation's inputs (−1 for a constant): the first two inline, any further
/// ones in an array, so that recording a unary or binary operation allocates nothing for them.
@usableFromInline
struct TensorInputIndices {
  private let first: Int32
  private let second: Int32
  private let rest: [Int32]
  /// The number of inputs.
  let count: Int

  /// Collects `count` indices given by `index(k)`.
  init(count: Int, _ index: (Int) -> Int32) {
    self.count = count
    first = count > 0 ? index(0) : -1
    second = count > 1 ? index(1) : -1
    rest = count > 2 ? (2..<count).map(index) : []
  }

  /// The node index of input `k`.
  subscript(k: Int) -> Int32 {
    k == 0 ? first : k == 1 ? second : rest[k - 2]
  }
}

extension Tape {
  /// Records a tensor that takes part in the computation but needs no gradient, such as a batch of input
  /// data: operations on it are recorded, but the backward pass computes no derivative with respect to it
  /// (and skips operations that involve only constants).
  ///
  /// A plain constant (`Variable(tensor)`) behaves the same but is on no tape; use `constant(_:)` when a
  /// layer needs to find the tape from its input.
  public func constant(_ value: Tensor) -> Variable<Tensor> {
    recordTensor(value, inputs: [], name: "constant", pullback: nil, requiresGradient: false)
  }

  /// Appends a tensor node and returns it as a variable.
  ///
  /// `inputs` is consumed: the array becomes the entry's array of first-order inputs, converted in place
  /// (no copy when the caller hands over its only reference, as every operation does).
  func recordTensor(
    _ value: Tensor, inputs: consuming [Variable<Tensor>], name: String = "leaf", pullback: TensorPullback?,
    requiresGradient requires: Bool? = nil, batchPolymorphic: Bool = false
  ) -> Variable<Tensor> {
    checkOwner("record \(name)")
    let indices = TensorInputIndices(count: inputs.count) { inputs[$0].arena == nil ? -1 : inputs[$0].index }
    var anyRequires = false
    for k in 0..<indices.count {
      let index = indices[k]
      if index >= 0 && requiresGradient(of: index) {
        anyRequires = true
        inputs[k] = Variable.standIn(for: inputs[k].value)
      } else if index >= 0 {
        inputs[k] = Variable(inputs[k].value)
      }
    }
    return appendTensor(
      value, inputs: inputs, indices: indices, name: name, pullback: pullback,
      requiresGradient: requires ?? (pullback == nil || anyRequires), batchPolymorphic: batchPolymorphic)
  }

  /// Appends a tensor entry whose first-order inputs and indices are ready, and its node.
  func appendTensor(
    _ value: Tensor, inputs: [Variable<Tensor>], indices: TensorInputIndices, name: String,
    pullback: TensorPullback?, requiresGradient: Bool, batchPolymorphic: Bool = false
  ) -> Variable<Tensor> {
    let slot = Int32(tensorEntries.count)
    if tensorEntries.capacity == 0 { tensorEntries.reserveCapacity(64) }  // a fresh tape: skip the first growths
    tensorEntries.append(
      TensorEntry(
        value: value, inputs: inputs, indices: indices, pullback: pullback, name: name,
        requiresGradient: requiresGradient, isBatchPolymorphic: batchPolymorphic))
    let index = appendScalar(pullback == nil ? .tensorLeaf : .tensor, -1, slot, aux: 0, value: 0)
    return Variable(tape: self, index: index, generation: generation, value: value)
  }

  /// Whether a gradient flows to the tensor node at `index`.
  /// A scalar node (the input of a tensor made from a scalar) always does.
  func requiresGradient(of index: Int32) -> Bool {
    guard arena.pointee.entries[Int(index)].op.isTensor else { return true }
    return tensorEntries[tensorSlot(of: index)].requiresGradient
  }

  /// The slot in `tensorEntries` of the tensor node at `index`.
  func tensorSlot(of index: Int32) -> Int {
    Int(arena.pointee.entries[Int(index)].rhs)
  }
}

extension Variable {
  /// In a pullback: whether the engine will use this input's contribution. It is false for constants and
  /// for inputs that need no gradient (`Tape.constant(_:)`), so a pullback may return `nil` for them
  /// instead of computing a contribution that would be discarded.
  @inlinable public var needsGradient: Bool { tape != nil || index == Variable.standInIndex }

  /// The index of a constant standing in for a recorded input in a first-order pullback.
  @usableFromInline static var standInIndex: Int32 { -2 }

  /// A constant standing for a recorded input that needs its gradient (first-order pullbacks).
  @inlinable static func standIn(for value: Value) -> Variable {
    Variable(tape: nil, index: standInIndex, generation: 0, value: value)
  }
}

extension Variable where Value == Tensor {
  /// Records a tensor operation computed by the caller: `value` is the result of the forward computation on
  /// `inputs`, and `pullback` is its derivative rule (see `TensorPullback`).
  ///
  /// This is how every tensor primitive of Adjoint is defined, and how you add your own. If no input is
  /// recorded on a tape, the result is a constant and nothing is recorded.
  ///
  /// An op recorded this way is not marked batch-polymorphic, so a `hessian` or reverse-mode `jacobian`
  /// whose sweep reaches it sweeps once per row instead of once with a stack of seeds (same result).
  ///
  /// - Parameters:
  ///   - name: the operation's name, used in error messages.
  ///   - value: the forward result.
  ///   - inputs: the operands (constants allowed).
  ///   - pullback: the derivative rule.
  /// - Precondition: the recorded inputs are on one tape, which has not been reset since they were made.
  public static func record(
    _ name: String, value: Tensor, inputs: consuming [Variable<Tensor>], pullback: @escaping TensorPullback
  ) -> Variable<Tensor> {
    record(name, value: value, inputs: inputs, batchPolymorphic: false, pullback: pullback)
  }

  /// `record(_:value:inputs:pullback:)` for Adjoint's own ops, which say whether their pullback is
  /// batch-polymorphic (an adjoint with extra leading axes gives contributions with the same leading axes;
  /// see `TensorEntry.isBatchPolymorphic`). A user's op is not, so a sweep through it is never batched.
  static func record(
    _ name: String, value: Tensor, inputs: consuming [Variable<Tensor>], batchPolymorphic: Bool,
    pullback: @escaping TensorPullback
  ) -> Variable<Tensor> {
    guard let tape = commonTape(inputs, name) else { return Variable(value) }
    return tape.recordTensor(value, inputs: inputs, name: name, pullback: pullback, batchPolymorphic: batchPolymorphic)
  }
}
