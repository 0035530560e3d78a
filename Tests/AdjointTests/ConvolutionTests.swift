import Foundation
import Testing

@testable import Adjoint

/// Convolution, pooling, flat gathering and normalization: the catalog rows against central differences,
/// the forward values against direct loops written from the definitions, and the documented conventions.
@Suite struct ConvolutionTests {
  static let instances = GradientCheckCatalog.convolution.instances(seeds: 1...2)

  @Test(arguments: instances)
  func tapeGradientMatchesCentralDifferences(_ instance: GradientCheckCase.Instance) {
    expectCheckPasses(instance)
  }

  /// Every name recorded in the convolution files is recorded by some row of `GradientCheckCatalog.convolution`.
  @Test func catalogCoversEveryConvolutionOperation() throws {
    let ops = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Sources/Adjoint/Ops")
    var defined = Set<String>()
    for file in ["ImageColumns.swift", "Convolution.swift", "Pooling.swift", "FlatGather.swift", "Normalization.swift"] {
      let source = try String(contentsOf: ops.appendingPathComponent(file), encoding: .utf8)
      for match in source.matches(of: /record\(\s*"([^"]+)"/) { defined.insert(String(match.1)) }
    }
    #expect(defined == ["im2col", "col2im", "gathering(flatIndices:shape:)", "scatteringAdding"])
    var recorded = Set<String>()
    for row in GradientCheckCatalog.convolution {
      guard case .tensors(let f) = row.function else { continue }
      let tape = Tape()
      _ = f(row.inputs(shapes: row.shapeSets[0], seed: 1).map { tape.variable($0) })
      recorded.formUnion(tape.tensorEntries.map(\.name))
    }
    #expect(defined.subtracting(recorded).isEmpty, "not recorded by any row: \(defined.subtracting(recorded).sorted())")
  }

  /// conv2d against the definition's sum written as plain loops, on odd geometries.
  @Test(arguments: [
    ([2, 3, 5, 4], [4, 3, 3, 2], Size2D(1), Size2D(0), Size2D(1), 1),
    ([1, 2, 7, 6], [3, 2, 3, 3], Size2D(2), Size2D(1), Size2D(1), 1),
    ([2, 1, 8, 7], [2, 1, 2, 3], Size2D(height: 2, width: 1), Size2D(height: 1, width: 2), Size2D(2), 1),
    ([1, 4, 5, 5], [6, 2, 3, 3], Size2D(1), Size2D(1), Size2D(1), 2),
    ([3, 2, 4, 4], [5, 2, 1, 1], Size2D(3), Size2D(0), Size2D(1), 1),
  ])
  func conv2dMatchesTheDefinition(
    _ xShape: [Int], _ wShape: [Int], _ stride: Size2D, _ padding: Size2D, _ dilation: Size2D, _ groups: Int
  ) {
    var rng = SplitMix64(seed: 11)
    let x = Tensor(shape: xShape, scalars: (0..<xShape.reduce(1, *)).map { _ in Double.random(in: -1...1, using: &rng) })
    let w = Tensor(shape: wShape, scalars: (0..<wShape.reduce(1, *)).map { _ in Double.random(in: -1...1, using: &rng) })
    let b = Tensor((0..<wShape[0]).map { Double($0) - 0.5 })
    let y = conv2d(Variable(x), weight: Variable(w), bias: Variable(b), stride: stride, padding: padding,
                   dilation: dilation, groups: groups).value
    let (n, c, h, wd) = (xShape[0], xShape[1], xShape[2], xShape[3])
    let (o, cg, kh, kw) = (wShape[0], wShape[1], wShape[2], wShape[3])
    let oh = (h + 2 * padding.height - dilation.height * (kh - 1) - 1) / stride.height + 1
    let ow = (wd + 2 * padding.width - dilation.width * (kw - 1) - 1) / stride.width + 1
    #expect(y.shape == [n, o, oh, ow])
    #expect(c == cg * groups)
    for i in 0..<n { for oc in 0..<o { for oy in 0..<oh { for ox in 0..<ow {
      var sum = b[oc]
      let group = oc / (o / groups)
      for ci in 0..<cg { for p in 0..<kh { for q in 0..<kw {
        let iy = oy * stride.height - padding.height + p * dilation.height
        let ix = ox * stride.width - padding.width + q * dilation.width
        if iy >= 0 && iy < h && ix >= 0 && ix < wd { sum += w[oc, ci, p, q] * x[i, group * cg + ci, iy, ix] }
      } } }
      #expect(abs(y[i, oc, oy, ox] - sum) <= 1e-12 * max(1, abs(sum)), "y[\(i), \(oc), \(oy), \(ox)]")
    } } } }
  }

  /// The example of the doc comment: a diagonal 2×2 kernel adds x[i, j] and x[i+1, j+1].
  @Test func diagonalKernelAddsDiagonalNeighbours() {
    let x = Variable(Tensor(shape: [1, 1, 3, 3], scalars: [1, 2, 3, 4, 5, 6, 7, 8, 9]))
    let w = Variable(Tensor(shape: [1, 1, 2, 2], scalars: [1, 0, 0, 1]))
    #expect(conv2d(x, weight: w).value.scalars == [6, 8, 12, 14])
  }

  /// Max and average pooling of a 2×4 image with 2×2 windows, by hand: max(1, 5, 3, 4) = 5,
  /// max(2, 2, 2, 0) = 2; means 13/4 and 6/4.
  @Test func poolingOfASmallImage() {
    let x = Variable(Tensor(shape: [1, 1, 2, 4], scalars: [1, 5, 2, 2, 3, 4, 2, 0]))
    #expect(maxPool2d(x, kernelSize: 2).value.scalars == [5, 2])
    #expect(avgPool2d(x, kernelSize: 2).value.scalars == [3.25, 1.5])
  }

  /// Ties in a max-pooling window: the first maximum in scan order takes the whole adjoint (PyTorch's
  /// convention): the window [2, 2; 2, 0] sends its adjoint to its top-left 2 only.
  @Test func maxPoolingTieGoesToTheFirstMaximum() {
    let x = Tensor(shape: [1, 1, 2, 4], scalars: [1, 5, 2, 2, 3, 4, 2, 0])
    let g = gradient(at: x) { maxPool2d($0, kernelSize: 2).sum() }
    #expect(g.scalars == [0, 1, 1, 0, 0, 0, 0, 0])
  }

  /// Padding is never a maximum: an all-negative image padded by 1 pools to its own values.
  @Test func maxPoolingPaddingIsMinusInfinity() {
    let x = Variable(Tensor(shape: [1, 1, 2, 2], scalars: [-4, -3, -2, -1]))
    #expect(maxPool2d(x, kernelSize: 2, stride: 1, padding: 1).value.scalars == [-4, -3, -3, -2, -1, -1, -2, -1, -1])
  }

  /// Average pooling counts padding as zeros (PyTorch's count_include_pad=True): a corner window of a
  /// padded 2×2 image of ones holds one 1 and three zeros.
  @Test func averagePoolingCountsPaddingInTheMean() {
    let x = Variable(Tensor.ones([1, 1, 2, 2]))
    #expect(avgPool2d(x, kernelSize: 2, stride: 1, padding: 1).value.scalars == [0.25, 0.5, 0.25, 0.5, 1, 0.5, 0.25, 0.5, 0.25])
  }

  /// Batch normalization's output has mean β and (biased) variance γ²·σ²/(σ² + ε) per channel — closed form.
  @Test func batchNormStandardizesEachChannel() {
    var rng = SplitMix64(seed: 3)
    let x = Tensor(shape: [4, 2, 3, 3], scalars: (0..<72).map { _ in Double.random(in: -3...5, using: &rng) })
    let (y, mean, variance) = batchNorm(Variable(x), scale: Variable(Tensor([2, 0.5])), offset: Variable(Tensor([1, -1])))
    let yMean = y.value.mean(alongAxes: [0, 2, 3])
    let centered = y.value - yMean.reshaped(to: [1, 2, 1, 1])
    let yVariance = (centered * centered).mean(alongAxes: [0, 2, 3])
    for c in 0..<2 {
      #expect(abs(yMean[c] - [1, -1][c]) < 1e-12)
      let expected = [4, 0.25][c] * variance[c] / (variance[c] + 1e-5)
      #expect(abs(yVariance[c] - expected) < 1e-12)
    }
    #expect(abs(mean[0] - x.reshaped(to: [4, 2, 9]).slicing(0..<1, alongAxis: 1).mean().scalar) < 1e-12)
  }

  /// Inference-mode batch normalization is the affine map γ(x − m)/√(s + ε) + β: one value by hand.
  @Test func batchNormInferenceUsesTheGivenStatistics() {
    let x = Variable(Tensor(shape: [1, 1, 1, 2], scalars: [3, -1]))
    let y = batchNorm(x, mean: Tensor([1]), variance: Tensor([4 - 1e-5]), scale: Variable(Tensor([3])), offset: Variable(Tensor([0.5])))
    #expect(abs(y.value.scalars[0] - 3.5) < 1e-12 && abs(y.value.scalars[1] - (-2.5)) < 1e-12)
  }

  /// Layer normalization of the row [1, 2, 3, 4]: mean 2.5, biased variance 1.25 (closed form).
  @Test func layerNormOfARow() {
    let y = layerNorm(Variable(Tensor([[1, 2, 3, 4]])), scale: Variable(Tensor.ones([4])), offset: Variable(Tensor.zeros([4])))
    let s = (1.25 + 1e-5).squareRoot()
    for (k, value) in y.value.scalars.enumerated() { #expect(abs(value - (Double(k + 1) - 2.5) / s) < 1e-12) }
  }

  @Test func channelMismatchTrapsNamingTheShapes() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = conv2d(Variable(Tensor.zeros([1, 3, 5, 5])), weight: Variable(Tensor.zeros([2, 2, 3, 3])))
    }
    let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    #expect(message.contains("conv2d: input [1, 3, 5, 5] has 3 channels, weight [2, 2, 3, 3] expects 2"), "\(message)")
  }

  @Test func kernelLargerThanThePaddedInputTraps() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = conv2d(Variable(Tensor.zeros([1, 1, 3, 3])), weight: Variable(Tensor.zeros([1, 1, 5, 5])), padding: Size2D(height: 1, width: 0))
    }
    let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    #expect(message.contains("conv2d: kernel 5×5 with dilation 1×1 spans 5×5, larger than the padded input 5×3"), "\(message)")
  }
}
