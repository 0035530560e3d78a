// im2col and col2im: the linear pair that turns a convolution into one matrix product. Each is the other's
// pullback (they are adjoint linear maps), so derivatives of any order stay on the pair and the GEMM.

extension WindowGeometry {
  /// The range of output columns `ox` whose tap `ix = ox · stride + offset` lies inside `0..<extent`.
  @inline(__always)
  static func validRange(offset: Int, stride: Int, extent: Int, outputs: Int) -> (lower: Int, upper: Int) {
    let lower = offset >= 0 ? 0 : (-offset + stride - 1) / stride
    let last = extent - 1 - offset
    let upper = last < 0 ? 0 : Swift.min(outputs, last / stride + 1)
    return (Swift.min(lower, upper), upper)
  }

  /// Visits every (column-matrix segment, input row) pair: for channel c, tap (i, j), image n and output row
  /// oy, `body(destination, source, lower, upper, step, offset)` where the segment starts at `destination`
  /// (outputWidth entries), the input row at `source` (or −1 when the tap row is padding), and output
  /// columns `lower..<upper` read input column `ox · step + offset`; the others are padding.
  @inline(__always)
  func forEachSegment(_ body: (_ destination: Int, _ source: Int, _ lower: Int, _ upper: Int, _ step: Int, _ offset: Int) -> Void) {
    let (kh, kw) = (kernel.height, kernel.width)
    let columns = batch * positions
    for c in 0..<channels {
      for i in 0..<kh {
        for j in 0..<kw {
          let row = (c * kh + i) * kw + j
          let offset = j * dilation.width - padding.width
          let (lower, upper) = Self.validRange(offset: offset, stride: stride.width, extent: width, outputs: outputWidth)
          for n in 0..<batch {
            let plane = (n * channels + c) * height
            for oy in 0..<outputHeight {
              let iy = oy * stride.height - padding.height + i * dilation.height
              let destination = row * columns + n * positions + oy * outputWidth
              let source = iy >= 0 && iy < height ? (plane + iy) * width : -1
              body(destination, source, lower, upper, stride.width, offset)
            }
          }
        }
      }
    }
  }
}

extension Tensor {
  /// im2col: the `[C·KH·KW, N·OH·OW]` matrix whose column n·OH·OW + oy·OW + ox holds the input window of
  /// output position (oy, ox) of image n, row (c·KH + i)·KW + j its tap (c, i, j); padding reads 0.
  func imageColumns(_ g: WindowGeometry) -> Tensor {
    let source = storageBuffer
    return Tensor(shape: g.columnsShape) { out in
      let x = source.base
      let o = out.baseAddress!
      g.forEachSegment { destination, row, lower, upper, step, offset in
        let d = o + destination
        guard row >= 0 else {
          d.update(repeating: 0, count: g.outputWidth)
          return
        }
        if lower > 0 { d.update(repeating: 0, count: lower) }
        let s = x + row + offset
        if step == 1 {
          if upper > lower { (d + lower).update(from: s + lower, count: upper - lower) }
        } else {
          for ox in lower..<upper { d[ox] = s[ox * step] }
        }
        if upper < g.outputWidth { (d + upper).update(repeating: 0, count: g.outputWidth - upper) }
      }
    }
  }

  /// col2im: the adjoint of `imageColumns`, an `[N, C, H, W]` tensor where each column-matrix entry is
  /// added into the input element it was read from (entries read from padding are dropped).
  func imageFromColumns(_ g: WindowGeometry) -> Tensor {
    checkPrecondition(shape == g.columnsShape, "col2im: expected columns of shape \(g.columnsShape), got \(shape)")
    let source = storageBuffer
    return Tensor(shape: g.inputShape) { out in
      let x = out.baseAddress!
      x.initialize(repeating: 0, count: out.count)
      let c = source.base
      g.forEachSegment { destination, row, lower, upper, step, offset in
        guard row >= 0 else { return }
        let d = c + destination
        let s = x + row + offset
        for ox in lower..<upper { s[ox * step] += d[ox] }
      }
    }
  }
}

extension WindowGeometry {
  /// The same window over `count` stacked copies of the input batch (`count · batch` images).
  func stacked(_ count: Int) -> WindowGeometry {
    WindowGeometry(
      "im2col", input: [count * batch, channels, height, width], kernel: kernel, stride: stride, padding: padding,
      dilation: dilation)
  }
}

// Both pullbacks are batch-polymorphic (Ops/BatchedAdjoints.swift): a stack of B adjoints is B·N images, or
// the column matrix of B·N images, whose columns run image by image — so a stack [B, rows, N·P] of column
// matrices is permuted to [rows, B, N·P] (and back) around one im2col or col2im of the B·N images.
extension Variable where Value == Tensor {
  /// im2col as a recorded operation (see `Tensor.imageColumns`). Pullback: col2im of v.
  func imageColumns(_ g: WindowGeometry) -> Variable {
    Variable.record("im2col", value: value.imageColumns(g), inputs: [self], batchPolymorphic: true) { v, _, _ in
      let batch = v.batchShape(beyondRank: 2)
      guard !batch.isEmpty else { return [v.imageFromColumns(g)] }
      let (count, rows, columns) = (batch.reduce(1, *), g.columnsShape[0], g.columnsShape[1])
      let joined = v.reshaped(to: [count, rows, columns]).transposed(permutation: [1, 0, 2])
        .reshaped(to: [rows, count * columns])
      return [joined.imageFromColumns(g.stacked(count)).reshaped(to: batch + g.inputShape)]
    }
  }

  /// col2im as a recorded operation (see `Tensor.imageFromColumns`). Pullback: im2col of v.
  func imageFromColumns(_ g: WindowGeometry) -> Variable {
    Variable.record("col2im", value: value.imageFromColumns(g), inputs: [self], batchPolymorphic: true) { v, _, _ in
      let batch = v.batchShape(beyondRank: 4)
      guard !batch.isEmpty else { return [v.imageColumns(g)] }
      let (count, rows, columns) = (batch.reduce(1, *), g.columnsShape[0], g.columnsShape[1])
      let images = v.reshaped(to: [count * g.batch, g.channels, g.height, g.width])
      let joined = images.imageColumns(g.stacked(count))  // [rows, count · columns]
      return [joined.reshaped(to: [rows, count, columns]).transposed(permutation: [1, 0, 2]).reshaped(to: batch + [rows, columns])]
    }
  }
}
