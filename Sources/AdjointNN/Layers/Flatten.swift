// Layers that only reshape: Flatten (NCHW features to rows) and Reshape (rows to NCHW images).

/// Flattens every axis after the first: `[batch, d₁, d₂, …]` → `[batch, d₁·d₂·…]`, in row-major order
/// (for NCHW, feature index c·H·W + h·W + w, as PyTorch's `nn.Flatten`).
///
/// ```swift
/// Flatten()(Tensor.zeros([2, 3, 4, 4])).shape   // [2, 48]
/// ```
public struct Flatten: Layer {
  /// Creates the layer.
  public init() {}

  /// The input reshaped to `[batch, count / batch]`. Pullback: the adjoint reshaped back.
  ///
  /// - Precondition: `input` has rank ≥ 1.
  public func callAsFunction(_ input: Variable<Tensor>) -> Variable<Tensor> {
    let shape = input.value.shape
    checkPrecondition(!shape.isEmpty, "Flatten: expects an input of shape [batch, …], got a scalar")
    return input.reshaped(to: [shape[0], shape.dropFirst().reduce(1, *)])
  }

  /// None.
  public var parameters: [Parameter] { [] }
}

/// Reshapes each example: `[batch, …]` → `[batch] + shape`, keeping the row-major order of its scalars
/// (PyTorch's `nn.Unflatten` on axis 1). Turns rows of 64 pixels into `[batch, 1, 8, 8]` images.
///
/// ```swift
/// Reshape([1, 8, 8])(Tensor.zeros([5, 64])).shape   // [5, 1, 8, 8]
/// ```
public struct Reshape: Layer {
  /// Each example's new shape.
  public let shape: [Int]

  /// Creates the layer.
  ///
  /// - Precondition: every extent is positive.
  public init(_ shape: [Int]) {
    checkPrecondition(shape.allSatisfy { $0 > 0 }, "Reshape: extents must be positive, got \(shape)")
    self.shape = shape
  }

  /// The input reshaped to `[batch] + shape`. Pullback: the adjoint reshaped back.
  ///
  /// - Precondition: each example of `input` has as many scalars as `shape`.
  public func callAsFunction(_ input: Variable<Tensor>) -> Variable<Tensor> {
    let x = input.value.shape
    checkPrecondition(
      !x.isEmpty && x.dropFirst().reduce(1, *) == shape.reduce(1, *),
      "Reshape: input \(x) does not hold examples of shape \(shape)")
    return input.reshaped(to: [x[0]] + shape)
  }

  /// None.
  public var parameters: [Parameter] { [] }
}
