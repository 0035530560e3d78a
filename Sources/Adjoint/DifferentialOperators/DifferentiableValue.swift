/// A value that Adjoint differentiates with respect to, or differentiates: `Double` or `Tensor`.
///
/// The operators of several inputs (`valueWithGradient(at:_:in:)`, `valueWithPullback(at:_:in:)`, …) are
/// generic over it, so each input may be a scalar or a tensor:
///
/// ```swift
/// let (loss, (dW, db)) = valueWithGradient(at: W, b) { W, b in (x.matmul(W) + b).sum() }
/// ```
///
/// Its requirements are the few things those operators do with a value; Adjoint conforms `Double` and
/// `Tensor` and nothing else needs to.
public protocol DifferentiableValue {
  /// Records `value` as a leaf variable on `tape`.
  static func leaf(_ value: Self, on tape: Tape) -> Variable<Self>
  /// The zero of `value`'s shape (the derivative with respect to something the result does not use).
  static func zero(like value: Self) -> Self
  /// The derivative with respect to `x`, read from `gradients`.
  static func adjoint(of x: Variable<Self>, in gradients: Gradients) -> Self
  /// One first-order reverse sweep from `output` seeded with `seed`, keeping the tape open; nodes below
  /// `lowest` are not visited.
  ///
  /// - Precondition: `seed` has `output`'s shape; `output` is recorded.
  static func pullback(from output: Variable<Self>, seed: Self, through lowest: Int32) -> Gradients
  /// The seed 1 of a one-element result (the start of a gradient).
  ///
  /// - Precondition: `value` has one element.
  static func unitSeed(like value: Self, _ operation: String) -> Self
  /// The recorded adjoint of `x` in a recorded sweep, zero (as a constant) when none reached it.
  static func adjoint(of x: Variable<Self>, in gradients: RecordedGradients) -> Variable<Self>
}

extension Double: DifferentiableValue {
  /// A scalar leaf.
  public static func leaf(_ value: Double, on tape: Tape) -> Variable<Double> { tape.variable(value) }
  /// 0.
  public static func zero(like value: Double) -> Double { 0 }
  /// `gradients[x]`.
  public static func adjoint(of x: Variable<Double>, in gradients: Gradients) -> Double { gradients[x] }
  /// A scalar-seeded sweep.
  public static func pullback(from output: Variable<Double>, seed: Double, through lowest: Int32) -> Gradients {
    guard let tape = output.validTape(for: "pullback") else { failPrecondition("pullback: the result is a constant") }
    return tape.sweep(from: Int(output.index), through: Int(lowest), scalarSeed: seed, tensorSeed: nil)
  }
  /// 1.
  public static func unitSeed(like value: Double, _ operation: String) -> Double { 1 }
  /// `gradients[x]`.
  public static func adjoint(of x: Variable<Double>, in gradients: RecordedGradients) -> Variable<Double> {
    gradients[x]
  }
}

extension Tensor: DifferentiableValue {
  /// A tensor leaf.
  public static func leaf(_ value: Tensor, on tape: Tape) -> Variable<Tensor> { tape.variable(value) }
  /// Zeros of `value`'s shape.
  public static func zero(like value: Tensor) -> Tensor { Tensor.zeros(value.shape) }
  /// `gradients[x]`.
  public static func adjoint(of x: Variable<Tensor>, in gradients: Gradients) -> Tensor { gradients[x] }
  /// A tensor-seeded sweep.
  public static func pullback(from output: Variable<Tensor>, seed: Tensor, through lowest: Int32) -> Gradients {
    guard let tape = output.validTape(for: "pullback") else { failPrecondition("pullback: the result is a constant") }
    checkPrecondition(
      seed.shape == output.value.shape, "pullback: seed of shape \(seed.shape) for a result of shape \(output.value.shape)")
    return tape.sweep(from: Int(output.index), through: Int(lowest), scalarSeed: 0, tensorSeed: seed)
  }
  /// A one-element tensor of ones.
  public static func unitSeed(like value: Tensor, _ operation: String) -> Tensor {
    checkPrecondition(value.count == 1, "\(operation): the function returned shape \(value.shape), not a scalar")
    return Tensor(repeating: 1, shape: value.shape)
  }
  /// `gradients[x]`.
  public static func adjoint(of x: Variable<Tensor>, in gradients: RecordedGradients) -> Variable<Tensor> {
    gradients[x]
  }
}
