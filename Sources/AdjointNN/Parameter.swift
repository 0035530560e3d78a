/// A trainable tensor that lives across training steps: its value, and the gradient accumulated for it.
///
/// Every training step records a fresh computation on a tape. A layer puts its parameters on the tape of its
/// input with `variable(on:)`; after the backward pass, `accumulateGradient(from:)` adds the parameter's
/// derivative into `gradient`, and an optimizer then updates `value` from `gradient`:
///
/// ```swift
/// let w = Parameter(Tensor([[1, 2], [3, 4]]), name: "w")
/// let tape = Tape()
/// let x = tape.constant(Tensor([[1, 1]]))
/// let loss = x.matmul(w.variable(on: tape)).sum()
/// w.accumulateGradient(from: loss.backward())
/// w.gradient      // [[1, 1], [1, 1]]
/// ```
///
/// Gradient semantics (as in PyTorch, where `.grad` accumulates until `zero_grad()`):
/// - Gradients **accumulate** until `zeroGradient()`: to train on a batch split into parts, record, backward
///   and accumulate each part, then take one optimizer step. With mean losses, weight each part's loss by
///   its share of the batch (`partCount / batchCount`) so that the sum equals the mean over the whole batch.
/// - Each recording is accumulated **at most once**: accumulating gradients of a recording whose
///   gradients this parameter has already taken traps (so gradients are never silently doubled).
/// - A parameter that the recording did not use contributes zero (accumulating is then a no-op).
/// - Using a parameter several times in one recording gives one node (weight sharing): its gradient is the
///   sum over the uses.
///
/// After accumulation the parameter lets go of the tape, so a step's tape is freed once the step ends.
public final class Parameter {
  /// The parameter's name within its layer (`"weight"`, `"bias"`), used by checkpoints.
  public let name: String

  /// The current value. Optimizers assign it; its shape never changes.
  ///
  /// - Precondition (on assignment): the new value has the same shape.
  public var value: Tensor {
    didSet {
      checkPrecondition(
        value.shape == oldValue.shape,
        "Parameter \"\(name)\": assigned a value of shape \(value.shape) to a parameter of shape \(oldValue.shape)")
    }
  }

  /// The gradient accumulated since the last `zeroGradient()`, of the value's shape (zeros at first).
  ///
  /// - Precondition (on assignment): the new gradient has the value's shape.
  public var gradient: Tensor {
    didSet {
      checkPrecondition(
        gradient.shape == value.shape,
        "Parameter \"\(name)\": assigned a gradient of shape \(gradient.shape) to a parameter of shape \(value.shape)")
    }
  }

  /// The node standing for this parameter on the recording it was last put on, until accumulated.
  private var binding: Variable<Tensor>?
  /// The recordings this parameter was put on and then left (for a newer recording) before their gradients
  /// were accumulated, one per live tape: their gradients can no longer be read, so accumulating them traps.
  private var abandoned: [WeakRecording] = []
  /// The recording whose gradients were accumulated last, and its tape (weakly: a recording identity is
  /// only unique while its tape is alive).
  private var accumulated: WeakRecording?

  /// Creates a parameter with the given value and a zero gradient.
  public init(_ value: Tensor, name: String) {
    self.name = name
    self.value = value
    self.gradient = Tensor.zeros(value.shape)
  }

  /// The shape of the value (and of the gradient).
  public var shape: [Int] { value.shape }

  /// This parameter as a leaf of `tape`'s current recording: the first call in a recording adds the leaf,
  /// later calls in the same recording return the same node (so that a parameter used twice is one node).
  ///
  /// - Complexity: O(1) after the first call in a recording; the first call copies no scalars.
  public func variable(on tape: Tape) -> Variable<Tensor> {
    let recording = tape.currentRecording
    if let binding, binding.recording == recording { return binding }
    if let binding, let oldTape = binding.recordingTape, let old = binding.recording {
      abandoned.removeAll { $0.tape == nil || $0.tape === oldTape }
      abandoned.append(WeakRecording(tape: oldTape, recording: old))
    }
    let leaf = tape.variable(value)
    binding = leaf
    return leaf
  }

  /// Adds this parameter's derivative from `gradients` into `gradient`, and releases the tape.
  ///
  /// Does nothing when the recording of `gradients` did not use this parameter.
  ///
  /// - Precondition: these gradients' recording has not been accumulated into this parameter before, and
  ///   the parameter was not put on a newer recording in between (accumulate each recording's gradients
  ///   before recording the next forward pass that uses the parameter).
  /// - Complexity: O(number of scalars).
  public func accumulateGradient(from gradients: Gradients) {
    let recording = gradients.recording
    checkPrecondition(
      accumulated?.matches(recording) != true,
      "Parameter \"\(name)\": the gradients of this recording were already accumulated; accumulate each recording once (record a new forward pass for each batch)"
    )
    checkPrecondition(
      !abandoned.contains { $0.matches(recording) },
      "Parameter \"\(name)\": these gradients come from a recording the parameter has since left for a newer one; accumulate each recording's gradients before recording the next forward pass"
    )
    guard let binding, binding.recording == recording, let tape = binding.recordingTape else { return }
    gradient += gradients[binding]
    self.binding = nil
    accumulated = WeakRecording(tape: tape, recording: recording)
  }

  /// Sets the accumulated gradient to zeros.
  public func zeroGradient() {
    gradient = Tensor.zeros(value.shape)
  }
}

/// A tape recording, remembered without keeping its tape alive.
private struct WeakRecording {
  weak var tape: Tape?
  let recording: TapeRecording

  /// True when `other` is this recording and the tape is still alive (a dead tape's identity may be reused).
  func matches(_ other: TapeRecording) -> Bool {
    tape != nil && recording == other
  }
}

extension Parameter: CustomStringConvertible {
  /// The name and shape.
  public var description: String { "Parameter(\(name), shape: \(shape))" }
}

extension Sequence where Element == Parameter {
  /// Accumulates each parameter's derivative from `gradients` (see `Parameter.accumulateGradient(from:)`).
  public func accumulateGradients(from gradients: Gradients) {
    for parameter in self { parameter.accumulateGradient(from: gradients) }
  }

  /// Sets every parameter's accumulated gradient to zeros.
  public func zeroGradients() {
    for parameter in self { parameter.zeroGradient() }
  }

  /// The total number of scalars in the parameters.
  public var scalarCount: Int { reduce(0) { $0 + $1.value.count } }
}
