/// Reshapes each example of a batch: `[batch, …]` to `[batch] + exampleShape`, keeping the row-major order
/// (PyTorch's `nn.Unflatten(1, shape)`; for instance 64 pixel features to `[1, 8, 8]`, one channel of 8×8,
/// for a convolution).
///
/// ```swift
/// Reshape(exampleShape: [2, 3])(Tensor.zeros([5, 6])).shape   // [5, 2, 3]
/// ```
public struct Reshape: Layer {
  /// The shape of each example after the layer.
  public let exampleShape: [Int]

  /// Creates the layer.
  ///
  /// - Precondition: every dimension is positive.
  public init(exampleShape: [Int]) {
    checkPrecondition(!exampleShape.isEmpty && exampleShape.allSatisfy { $0 >= 1 }, "Reshape: dimensions must be positive, got \(exampleShape)")
    self.exampleShape = exampleShape
  }

  /// The input with each example reshaped.
  ///
  /// - Precondition: each example of the input has as many elements as `exampleShape`.
  public func callAsFunction(_ input: Variable<Tensor>) -> Variable<Tensor> {
    let shape = input.value.shape
    let perExample = exampleShape.reduce(1, *)
    checkPrecondition(
      shape.count >= 1 && shape.dropFirst().reduce(1, *) == perExample,
      "Reshape: cannot reshape examples of an input of shape \(shape) to \(exampleShape) (\(perExample) elements each)")
    return input.reshaped(to: [shape[0]] + exampleShape)
  }

  /// None.
  public var parameters: [Parameter] { [] }
}
