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
  /// Updating it in place (`value.addProduct(-η, g)`, `value -= η * g`) mutates the stored tensor
  /// directly, without a copy, when nothing else shares its storage.
  ///
  /// - Precondition (on assignment or update): the new value has the same shape.
  public var value: Tensor {
    get { storedValue }
    set {
      checkShape(ofValue: newValue.shape)
      storedValue = newValue
    }
    _modify {
      // A `didSet` that reads `oldValue` would keep the old value alive during every in-place update, so
      // that the update always copied the storage; this accessor checks the shape after the update instead.
      yield &storedValue
      checkShape(ofValue: storedValue.shape)
    }
  }
  private var storedValue: Tensor
  /// The shape of the value (and of the gradient), fixed at creation.
  public let shape: [Int]

  /// The gradient accumulated since the last `zeroGradient()`, of the value's shape (zeros when nothing has
  /// been accumulated).
  ///
  /// Stored only once something is accumulated (PyTorch's `zero_grad(set_to_none=True)`): after
  /// `zeroGradient()` the parameter holds no tensor, and reading `gradient` then makes zeros of the value's
  /// shape.
  ///
  /// - Precondition (on assignment): the new gradient has the value's shape.
  public var gradient: Tensor {
    get { storedGradient ?? Tensor.zeros(shape) }
    set {
      checkShape(ofGradient: newValue.shape)
      storedGradient = newValue
    }
    _modify {
      if storedGradient == nil { storedGradient = Tensor.zeros(shape) }
      yield &storedGradient!
      checkShape(ofGradient: storedGradient!.shape)
    }
  }
  /// The accumulated gradient, nil when nothing has been accumulated since the last `zeroGradient()`.
  private var storedGradient: Tensor?

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
    self.storedValue = value
    self.shape = value.shape
  }

  /// Traps unless `newShape` is the parameter's shape.
  private func checkShape(ofValue newShape: [Int]) {
    checkPrecondition(
      newShape == shape,
      "Parameter \"\(name)\": assigned a value of shape \(newShape) to a parameter of shape \(shape)")
  }

  /// Traps unless `newShape` is the parameter's shape.
  private func checkShape(ofGradient newShape: [Int]) {
    checkPrecondition(
      newShape == shape,
      "Parameter \"\(name)\": assigned a gradient of shape \(newShape) to a parameter of shape \(shape)")
  }

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
  /// Does nothing when the recording of `gradients` did not use this parameter. When nothing is accumulated
  /// yet (a new parameter, or after `zeroGradient()`), the derivative becomes the gradient as it is: the
  /// tensor is shared with `gradients`, not copied, and nothing is added.
  ///
  /// - Precondition: these gradients' recording has not been accumulated into this parameter before, and
  ///   the parameter was not put on a newer recording in between (accumulate each recording's gradients
  ///   before recording the next forward pass that uses the parameter).
  /// - Complexity: O(1) when nothing is accumulated yet, O(number of scalars) otherwise.
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
    if storedGradient == nil {
      storedGradient = gradients[binding]
    } else {
      storedGradient! += gradients[binding]
    }
    self.binding = nil
    accumulated = WeakRecording(tape: tape, recording: recording)
  }

  /// Sets the accumulated gradient to zeros, by dropping it (PyTorch's `zero_grad(set_to_none=True)`):
  /// no tensor is kept or written, and `gradient` reads as zeros until the next accumulation.
  ///
  /// - Complexity: O(1).
  public func zeroGradient() {
    storedGradient = nil
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

  /// Sets every parameter's accumulated gradient to zeros, by dropping it (see `Parameter.zeroGradient()`).
  public func zeroGradients() {
    for parameter in self { parameter.zeroGradient() }
  }

  /// The total number of scalars in the parameters.
  public var scalarCount: Int { reduce(0) { $0 + $1.value.count } }
}
