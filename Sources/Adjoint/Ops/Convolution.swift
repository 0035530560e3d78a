// Two-dimensional convolution, composed from im2col, one matrix product and shape operations, so that its
// derivative (and every higher one) comes from their rules: no convolution-specific pullback is written.

/// The 2-D convolution (cross-correlation, as in PyTorch and JAX) of an NCHW batch with OIHW filters:
///
///     y[n, o, oy, ox] = b[o] + Σ_{c, i, j} w[o, c, i, j] · x[n, g·C/G + c, oy·s − p + i·d, ox·s − p + j·d]
///
/// for output channel o in group g = o / (O/G), with s, p and d the stride, padding and dilation per axis
/// (padding reads zeros). Computed as im2col, then `W[O, C·KH·KW] · cols[C·KH·KW, N·OH·OW]` with the packed
/// GEMM, then a reordering to `[N, O, OH, OW]`. Pullback, from the rules of those operations: with v the
/// adjoint of y reordered to `V[O, N·OH·OW]`, dW = V · colsᵀ, dx = col2im(Wᵀ · V) (the transposed
/// convolution), db = Σ over n, oy, ox of v. Every step is recorded when differentiated again.
///
/// ```swift
/// let x = Variable(Tensor(shape: [1, 1, 3, 3], scalars: [1, 2, 3, 4, 5, 6, 7, 8, 9]))
/// let w = Variable(Tensor(shape: [1, 1, 2, 2], scalars: [1, 0, 0, 1]))
/// conv2d(x, weight: w).value.scalars   // [6.0, 8.0, 12.0, 14.0]  (x[i, j] + x[i+1, j+1])
/// ```
///
/// - Parameters:
///   - input: x, of shape `[N, C, H, W]`.
///   - weight: w, of shape `[O, C/G, KH, KW]`.
///   - bias: b, of shape `[O]`, or `nil` for none.
///   - stride: the step between windows (1 by default).
///   - padding: zeros added on each side of each spatial axis (0 by default).
///   - dilation: the step between a window's taps (1 by default).
///   - groups: G; input and output channels are split into G groups convolved separately (1 by default).
/// - Returns: y, of shape `[N, O, OH, OW]` with OH = ⌊(H + 2p − d·(KH − 1) − 1) / s⌋ + 1, OW likewise.
/// - Precondition: the shapes are as above (input channels = G · weight channels, O divisible by G); the
///   dilated kernel fits in the padded input; stride and dilation are positive and padding non-negative.
/// - Complexity: O(N·O·OH·OW·C/G·KH·KW) time in the GEMM, plus O(C·KH·KW·N·OH·OW) memory for the im2col
///   matrix.
public func conv2d(
  _ input: Variable<Tensor>, weight: Variable<Tensor>, bias: Variable<Tensor>? = nil, stride: Size2D = 1,
  padding: Size2D = 0, dilation: Size2D = 1, groups: Int = 1
) -> Variable<Tensor> {
  let x = input.value.shape
  let w = weight.value.shape
  checkPrecondition(x.count == 4, "conv2d: expects an input of shape [batch, channels, height, width], got \(x)")
  checkPrecondition(
    w.count == 4, "conv2d: expects a weight of shape [outChannels, inChannels/groups, kernelHeight, kernelWidth], got \(w)")
  checkPrecondition(groups >= 1 && w[0] % groups == 0, "conv2d: \(w[0]) output channels (weight \(w)) are not divisible into \(groups) groups")
  checkPrecondition(
    x[1] == w[1] * groups,
    "conv2d: input \(x) has \(x[1]) channels, weight \(w) expects \(w[1] * groups) (\(w[1]) per group × \(groups) groups)")
  if let bias {
    checkPrecondition(bias.value.shape == [w[0]], "conv2d: the bias must have shape [\(w[0])] for weight \(w), got \(bias.value.shape)")
  }
  let geometry = WindowGeometry(
    "conv2d", input: x, kernel: Size2D(height: w[2], width: w[3]), stride: stride, padding: padding, dilation: dilation)
  var y: Variable<Tensor>
  if groups == 1 {
    y = convolution(input, weight, geometry)
  } else {
    let (c, o) = (w[1], w[0] / groups)
    let groupGeometry = WindowGeometry(
      "conv2d", input: [x[0], c, x[2], x[3]], kernel: geometry.kernel, stride: stride, padding: padding, dilation: dilation)
    y = Variable(
      concatenating: (0..<groups).map { g in
        convolution(
          input.slicing((g * c)..<((g + 1) * c), alongAxis: 1), weight.slicing((g * o)..<((g + 1) * o), alongAxis: 0),
          groupGeometry)
      }, alongAxis: 1)
  }
  if let bias { y = y + bias.reshaped(to: [1, w[0], 1, 1]) }
  return y
}

/// One group's convolution without bias: W[O, C·KH·KW] · im2col(x), reordered from [O, N, L] to [N, O, L].
private func convolution(_ input: Variable<Tensor>, _ weight: Variable<Tensor>, _ g: WindowGeometry) -> Variable<Tensor> {
  let outputs = weight.value.shape[0]
  let columns = input.imageColumns(g)
  let product = weight.reshaped(to: [outputs, g.channels * g.taps]).matmul(columns)  // [O, N·L]
  let nchw = [g.batch, outputs, g.outputHeight, g.outputWidth]
  if g.batch == 1 { return product.reshaped(to: nchw) }
  return product.reshaped(to: [outputs, g.batch, g.positions]).transposed(permutation: [1, 0, 2]).reshaped(to: nchw)
}
