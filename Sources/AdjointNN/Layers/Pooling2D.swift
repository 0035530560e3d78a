// Pooling layers: no parameters, each applies one engine operation.

/// Max pooling as a layer: `maxPool2d(input, kernelSize:stride:padding:)` (PyTorch's `nn.MaxPool2d`; ties
/// send the whole gradient to the first maximum in scan order).
///
/// ```swift
/// MaxPool2D(kernelSize: 2)(Tensor.zeros([1, 3, 8, 8])).shape   // [1, 3, 4, 4]
/// ```
public struct MaxPool2D: Layer {
  /// The window.
  public let kernelSize: Size2D
  /// The step between windows.
  public let stride: Size2D
  /// Added on each side (never a maximum).
  public let padding: Size2D

  /// Creates the layer; the stride defaults to the kernel size (non-overlapping windows).
  ///
  /// - Precondition (when applied): padding is at most half the kernel on each axis.
  public init(kernelSize: Size2D, stride: Size2D? = nil, padding: Size2D = 0) {
    (self.kernelSize, self.stride, self.padding) = (kernelSize, stride ?? kernelSize, padding)
  }

  /// The largest value of each window, per image and channel.
  ///
  /// - Precondition: `input` has shape `[batch, channels, height, width]`, large enough for one window.
  public func callAsFunction(_ input: Variable<Tensor>) -> Variable<Tensor> {
    maxPool2d(input, kernelSize: kernelSize, stride: stride, padding: padding)
  }

  /// None.
  public var parameters: [Parameter] { [] }
}

/// Average pooling as a layer: `avgPool2d(input, kernelSize:stride:padding:)` (PyTorch's `nn.AvgPool2d`,
/// padding counted in the mean).
///
/// ```swift
/// AvgPool2D(kernelSize: 2)(Tensor.ones([1, 1, 4, 4])).scalars   // [1.0, 1.0, 1.0, 1.0]
/// ```
public struct AvgPool2D: Layer {
  /// The window.
  public let kernelSize: Size2D
  /// The step between windows.
  public let stride: Size2D
  /// Zeros added on each side.
  public let padding: Size2D

  /// Creates the layer; the stride defaults to the kernel size.
  ///
  /// - Precondition (when applied): padding is at most half the kernel on each axis.
  public init(kernelSize: Size2D, stride: Size2D? = nil, padding: Size2D = 0) {
    (self.kernelSize, self.stride, self.padding) = (kernelSize, stride ?? kernelSize, padding)
  }

  /// The mean of each window, per image and channel.
  ///
  /// - Precondition: `input` has shape `[batch, channels, height, width]`, large enough for one window.
  public func callAsFunction(_ input: Variable<Tensor>) -> Variable<Tensor> {
    avgPool2d(input, kernelSize: kernelSize, stride: stride, padding: padding)
  }

  /// None.
  public var parameters: [Parameter] { [] }
}
