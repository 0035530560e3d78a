// Max and average pooling over the spatial axes of an NCHW batch. Max pooling is a gather at the windows'
// first maxima (its pullback the matching scatter-add); average pooling is the mean of im2col's taps.

/// Max pooling: each output is the largest input in its window,
///
///     y[n, c, oy, ox] = max_{i, j} x[n, c, oy·s − p + i, ox·s − p + j]   over the taps inside the input,
///
/// computed as a gather of x at each window's argmax. Padding is never the maximum (it counts as −∞, as
/// in PyTorch); a NaN in a window is its maximum. Pullback: v scattered (added) to each window's argmax, 0
/// elsewhere. **Ties**: the first maximum in scan order (row by row, then column) receives the whole
/// adjoint, as in PyTorch's `max_pool2d` (JAX 0.10's `reduce_window` max also sends a tie's whole adjoint to the first maximum; Docs/Convolution.md).
///
/// ```swift
/// let x = Variable(Tensor(shape: [1, 1, 2, 4], scalars: [1, 5, 2, 2, 3, 4, 2, 0]))
/// maxPool2d(x, kernelSize: 2).value.scalars   // [5.0, 2.0]
/// ```
///
/// - Parameters:
///   - input: x, of shape `[N, C, H, W]`.
///   - kernelSize: the window.
///   - stride: the step between windows; the kernel size by default (non-overlapping windows).
///   - padding: added on each side, at most half the kernel (0 by default).
/// - Returns: y, of shape `[N, C, OH, OW]`, OH = ⌊(H + 2p − KH) / s⌋ + 1, OW likewise.
/// - Precondition: x has rank 4; the padded input holds a window; padding ≤ kernel / 2 on each axis.
/// - Complexity: O(N·C·OH·OW·KH·KW) forward, O(N·C·H·W + N·C·OH·OW) backward.
public func maxPool2d(
  _ input: Variable<Tensor>, kernelSize: Size2D, stride: Size2D? = nil, padding: Size2D = 0
) -> Variable<Tensor> {
  let g = poolingGeometry("maxPool2d", input.value.shape, kernelSize, stride, padding)
  let indices = input.value.maximumIndices(g)
  return input.gathering(flatIndices: indices, shape: [g.batch, g.channels, g.outputHeight, g.outputWidth])
}

/// Average pooling: each output is the mean of its window, padding counted as zeros in the mean
/// (PyTorch's default `count_include_pad=True`):
///
///     y[n, c, oy, ox] = (1 / (KH·KW)) Σ_{i, j} x[n, c, oy·s − p + i, ox·s − p + j]
///
/// Composed as the mean over the taps of im2col applied to each channel alone, so its pullback (v / (KH·KW)
/// spread over each window by col2im) comes from those rules.
///
/// ```swift
/// let x = Variable(Tensor(shape: [1, 1, 2, 4], scalars: [1, 5, 2, 2, 3, 4, 2, 0]))
/// avgPool2d(x, kernelSize: 2).value.scalars   // [3.25, 1.5]
/// ```
///
/// - Parameters:
///   - input: x, of shape `[N, C, H, W]`.
///   - kernelSize: the window.
///   - stride: the step between windows; the kernel size by default.
///   - padding: zeros added on each side, at most half the kernel (0 by default).
/// - Returns: y, of shape `[N, C, OH, OW]`.
/// - Precondition: as for `maxPool2d`.
/// - Complexity: O(N·C·OH·OW·KH·KW) time and memory.
public func avgPool2d(
  _ input: Variable<Tensor>, kernelSize: Size2D, stride: Size2D? = nil, padding: Size2D = 0
) -> Variable<Tensor> {
  let g = poolingGeometry("avgPool2d", input.value.shape, kernelSize, stride, padding)
  let planes = WindowGeometry(
    "avgPool2d", input: [g.batch * g.channels, 1, g.height, g.width], kernel: g.kernel, stride: g.stride,
    padding: g.padding, dilation: 1)
  return input.reshaped(to: planes.inputShape).imageColumns(planes).mean(alongAxes: [0])
    .reshaped(to: [g.batch, g.channels, g.outputHeight, g.outputWidth])
}

/// The checked geometry of a pooling window (dilation 1).
private func poolingGeometry(_ operation: String, _ shape: [Int], _ kernel: Size2D, _ stride: Size2D?, _ padding: Size2D) -> WindowGeometry {
  checkPrecondition(
    padding.height <= kernel.height / 2 && padding.width <= kernel.width / 2,
    "\(operation): padding \(padding) must be at most half the kernel \(kernel) (input \(shape))")
  return WindowGeometry(operation, input: shape, kernel: kernel, stride: stride ?? kernel, padding: padding, dilation: 1)
}

extension Tensor {
  /// For each pooling window, the flat offset in this `[N, C, H, W]` tensor of its first maximum in scan
  /// order (a NaN wins over any number).
  func maximumIndices(_ g: WindowGeometry) -> [Int] {
    let source = storageBuffer
    let x = source.base
    let (kh, kw, sh, sw, ph, pw) = (g.kernel.height, g.kernel.width, g.stride.height, g.stride.width, g.padding.height, g.padding.width)
    let (h, w, oh, ow) = (g.height, g.width, g.outputHeight, g.outputWidth)
    return [Int](unsafeUninitializedCapacity: g.batch * g.channels * g.positions) { indices, count in
      var k = 0
      for plane in 0..<(g.batch * g.channels) {
        let base = plane * h * w
        for oy in 0..<oh {
          let y0 = oy * sh - ph
          let rows = Swift.max(0, y0)..<Swift.min(h, y0 + kh)
          for ox in 0..<ow {
            let x0 = ox * sw - pw
            let columns = Swift.max(0, x0)..<Swift.min(w, x0 + kw)
            var best = base + rows.lowerBound * w + columns.lowerBound
            var largest = x[best]
            for iy in rows {
              let row = base + iy * w
              for ix in columns {
                let value = x[row + ix]
                if value > largest || (value.isNaN && !largest.isNaN) {
                  largest = value
                  best = row + ix
                }
              }
            }
            indices[k] = best
            k += 1
          }
        }
      }
      count = k
    }
  }
}
