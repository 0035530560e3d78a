// The sizes that describe a sliding window over the two spatial axes of an NCHW batch, and the checked
// geometry shared by convolution, pooling and their im2col/col2im pair.

/// A pair of sizes along the two spatial axes of an image, height first: a kernel size, a stride, a
/// padding or a dilation (PyTorch's `_size_2_t`). An integer literal gives the same size on both axes.
///
/// ```swift
/// let square: Size2D = 3                        // 3 × 3
/// let wide = Size2D(height: 1, width: 5)        // 1 × 5
/// ```
public struct Size2D: Hashable, Sendable, ExpressibleByIntegerLiteral, CustomStringConvertible {
  /// The size along the height axis (axis 2 of NCHW).
  public var height: Int
  /// The size along the width axis (axis 3 of NCHW).
  public var width: Int

  /// A size per axis.
  public init(height: Int, width: Int) {
    self.height = height
    self.width = width
  }

  /// The same size on both axes.
  public init(_ size: Int) { self.init(height: size, width: size) }

  /// The same size on both axes: `stride: 2`.
  public init(integerLiteral value: Int) { self.init(value) }

  /// `"3×3"`, height first.
  public var description: String { "\(height)×\(width)" }
}

/// A window of `kernel` sliding over an `[N, C, H, W]` input padded with `padding` on each side, with
/// `stride` between windows and `dilation` between the window's taps (PyTorch's conventions):
/// the output extent is ⌊(H + 2·padding − dilation·(kernel − 1) − 1) / stride⌋ + 1 along each axis.
struct WindowGeometry: Hashable, Sendable {
  let batch, channels, height, width: Int
  let kernel, stride, padding, dilation: Size2D
  let outputHeight, outputWidth: Int

  /// Checks the input's rank and the sizes, trapping with a message that names `operation` and the shapes.
  init(_ operation: String, input shape: [Int], kernel: Size2D, stride: Size2D, padding: Size2D, dilation: Size2D) {
    checkPrecondition(
      shape.count == 4, "\(operation): expects an input of shape [batch, channels, height, width], got \(shape)")
    checkPrecondition(
      kernel.height >= 1 && kernel.width >= 1 && stride.height >= 1 && stride.width >= 1
        && dilation.height >= 1 && dilation.width >= 1 && padding.height >= 0 && padding.width >= 0,
      "\(operation): kernel \(kernel), stride \(stride) and dilation \(dilation) must be positive and padding \(padding) non-negative")
    (batch, channels, height, width) = (shape[0], shape[1], shape[2], shape[3])
    (self.kernel, self.stride, self.padding, self.dilation) = (kernel, stride, padding, dilation)
    let spanHeight = dilation.height * (kernel.height - 1) + 1
    let spanWidth = dilation.width * (kernel.width - 1) + 1
    let paddedHeight = height + 2 * padding.height
    let paddedWidth = width + 2 * padding.width
    checkPrecondition(
      spanHeight <= paddedHeight && spanWidth <= paddedWidth,
      "\(operation): kernel \(kernel) with dilation \(dilation) spans \(spanHeight)×\(spanWidth), larger than the "
        + "padded input \(paddedHeight)×\(paddedWidth) (input \(shape), padding \(padding))")
    outputHeight = (paddedHeight - spanHeight) / stride.height + 1
    outputWidth = (paddedWidth - spanWidth) / stride.width + 1
  }

  /// Window positions per image: outputHeight · outputWidth.
  var positions: Int { outputHeight * outputWidth }
  /// Taps per window and channel: kernel height · kernel width.
  var taps: Int { kernel.height * kernel.width }
  /// The input's shape.
  var inputShape: [Int] { [batch, channels, height, width] }
  /// The im2col matrix's shape: `[channels · taps, batch · positions]`.
  var columnsShape: [Int] { [channels * taps, batch * positions] }
}
