/// A differentiable function with trainable parameters: a building block of a neural network.
///
/// A layer maps a batch of inputs to a batch of outputs with the engine's differentiable operations, and
/// lists the parameters it owns. It never writes a backward pass: the tape derives it.
///
/// ```swift
/// var rng = SplitMix64(seed: 1)
/// let layer = Dense(inputSize: 3, outputSize: 2, activation: .relu, using: &rng)
/// let tape = Tape()
/// let y = layer(tape.constant(Tensor([[1, 2, 3]])))   // recorded: a training step
/// let z = layer(Tensor([[1, 2, 3]]))                    // a plain tensor: inference, nothing recorded
/// ```
///
/// A layer finds the tape from its input: when the input is recorded on a tape, the layer puts its
/// parameters on that tape (`Parameter.variable(on:)`) and its output is recorded there too; when the
/// input is a constant, the layer computes with its parameters' values as constants and records nothing.
public protocol Layer {
  /// Applies the layer to a batch of inputs.
  func callAsFunction(_ input: Variable<Tensor>) -> Variable<Tensor>

  /// The layer's trainable parameters (for a container, those of its sublayers), each listed once.
  var parameters: [Parameter] { get }

  /// The parameters with the names a checkpoint stores them under: unique within the layer, such as
  /// `"weight"`, or `"0.weight"` for the first layer of a `Sequential`. The default uses each parameter's
  /// own name.
  var namedParameters: [(name: String, parameter: Parameter)] { get }

  /// Switches the layer between training and inference behaviour (dropout draws a mask only while
  /// training). The default does nothing: most layers behave the same in both phases.
  func setLearningPhase(_ phase: LearningPhase)
}

/// Whether a network is being trained or used: some layers (`Dropout`) behave differently.
public enum LearningPhase: Sendable {
  /// Training: random layers draw, such as dropout's mask.
  case training
  /// Inference: every layer is deterministic.
  case inference
}

extension Layer {
  /// Each parameter under its own name.
  public var namedParameters: [(name: String, parameter: Parameter)] {
    parameters.map { (name: $0.name, parameter: $0) }
  }

  /// Does nothing.
  public func setLearningPhase(_ phase: LearningPhase) {}

  /// Applies the layer to a plain tensor, recording nothing (inference).
  public func callAsFunction(_ input: Tensor) -> Tensor {
    self(Variable(input)).value
  }

  /// The number of trainable scalars.
  public var parameterCount: Int { parameters.scalarCount }
}

extension Parameter {
  /// This parameter as an operand alongside `input`: a leaf on `input`'s tape when `input` is recorded, a
  /// constant holding the value otherwise (inference records nothing).
  func variable(alongside input: Variable<Tensor>) -> Variable<Tensor> {
    guard let tape = input.recordingTape else { return Variable(value) }
    return variable(on: tape)
  }
}
