// The gradient checks of convolution, pooling, flat gathering and normalization, on odd shapes: 1×1 kernels,
// stride > 1, padding, dilation, groups, a single channel, a batch of 1, non-square inputs and kernels.

extension GradientCheckCatalog {
  /// Convolution and its friends, first order (`convolutionFirstOrder`) and second order
  /// (`convolutionSecondOrder`: a recorded gradient differentiated again, with a nonlinearity after the
  /// linear operation so that its pullback is recorded and checked).
  public static let convolution: [GradientCheckCase] = convolutionFirstOrder + convolutionSecondOrder

  static let convolutionFirstOrder: [GradientCheckCase] = [
    .init("conv2d 3×3, bias", shapeSets: [[[2, 3, 5, 5], [4, 3, 3, 3], [4]]]) { v in
      conv2d(v[0], weight: v[1], bias: v[2])
    },
    .init("conv2d 1×1", shapeSets: [[[2, 3, 4, 4], [2, 3, 1, 1]], [[1, 1, 2, 3], [3, 1, 1, 1]]]) { v in
      conv2d(v[0], weight: v[1])
    },
    .init("conv2d stride 2, padding 1, batch 1, non-square", shapeSets: [[[1, 2, 6, 5], [3, 2, 3, 3], [3]]]) { v in
      conv2d(v[0], weight: v[1], bias: v[2], stride: 2, padding: 1)
    },
    .init("conv2d dilation 2, one channel, 2×3 kernel", shapeSets: [[[2, 1, 7, 6], [2, 1, 2, 3]]]) { v in
      conv2d(v[0], weight: v[1], dilation: 2)
    },
    .init("conv2d stride 2×1, padding 0×2", shapeSets: [[[2, 2, 5, 4], [2, 2, 3, 2], [2]]]) { v in
      conv2d(v[0], weight: v[1], bias: v[2], stride: Size2D(height: 2, width: 1), padding: Size2D(height: 0, width: 2))
    },
    .init("conv2d groups 2", shapeSets: [[[2, 4, 4, 4], [6, 2, 3, 3], [6]]]) { v in
      conv2d(v[0], weight: v[1], bias: v[2], padding: 1, groups: 2)
    },
    .init("maxPool2d 2×2", shapeSets: [[[2, 3, 4, 6]], [[1, 1, 5, 5]]]) { v in maxPool2d(v[0], kernelSize: 2) },
    .init("maxPool2d 3×3, stride 2, padding 1 (overlapping)", shapeSets: [[[1, 2, 7, 5]]]) { v in
      maxPool2d(v[0], kernelSize: 3, stride: 2, padding: 1)
    },
    .init("maxPool2d 1×3", shapeSets: [[[2, 1, 3, 7]]]) { v in maxPool2d(v[0], kernelSize: Size2D(height: 1, width: 3)) },
    .init("avgPool2d 2×2", shapeSets: [[[2, 3, 4, 6]], [[1, 1, 5, 5]]]) { v in avgPool2d(v[0], kernelSize: 2) },
    .init("avgPool2d 3×3, stride 2, padding 1", shapeSets: [[[1, 2, 7, 5]]]) { v in
      avgPool2d(v[0], kernelSize: 3, stride: 2, padding: 1)
    },
    .init("gathering(flatIndices:shape:), repeated offsets", shapeSets: [[[3, 4]]]) { v in
      v[0].gathering(flatIndices: [0, 5, 5, 11, 2, 0], shape: [2, 3])
    },
    .init("standardized(alongAxes:)", shapeSets: [[[3, 4]], [[2, 3, 2]]]) { v in
      v[0].standardized(alongAxes: [0, v[0].value.rank - 1])
    },
    .init("batchNorm training, NCHW", shapeSets: [[[3, 2, 2, 3], [2], [2]]]) { v in
      batchNorm(v[0], scale: v[1], offset: v[2]).output
    },
    .init("batchNorm training, [N, C]", shapeSets: [[[4, 3], [3], [3]]]) { v in
      batchNorm(v[0], scale: v[1], offset: v[2]).output
    },
    .init("batchNorm inference", shapeSets: [[[2, 3, 2, 2], [3], [3]]]) { v in
      batchNorm(v[0], mean: Tensor([0.5, -1, 2]), variance: Tensor([1, 0.25, 4]), scale: v[1], offset: v[2])
    },
    .init("layerNorm", shapeSets: [[[3, 4], [4], [4]], [[2, 2, 3], [2, 3], [2, 3]]]) { v in
      layerNorm(v[0], scale: v[1], offset: v[2])
    },
  ]

  static let convolutionSecondOrder: [GradientCheckCase] = [
    .init("∇ conv2d in x, squared", shapeSets: [[[2, 2, 4, 5], [3, 2, 2, 3]]]) { v in
      gradient(at: v[0]) { x in
        let y = conv2d(x, weight: v[1], stride: Size2D(height: 1, width: 2), padding: 1)
        return (y * y).sum()
      }
    },
    .init("∇ conv2d in weight, tanh, dilation", shapeSets: [[[1, 2, 6, 6], [2, 2, 2, 2], [2]]]) { v in
      gradient(at: v[1]) { w in tanh(conv2d(v[0], weight: w, bias: v[2], dilation: 2)).sum() }
    },
    .init("∇ conv2d in x and weight, groups", shapeSets: [[[1, 2, 3, 3], [2, 1, 2, 2]]]) { v in
      let f: (Variable<Tensor>, Variable<Tensor>) -> Variable<Tensor> = { x, w in
        let y = conv2d(x, weight: w, groups: 2)
        return (y * y * y).sum()
      }
      return gradient(at: v[0]) { f($0, v[1]) }.sum() + gradient(at: v[1]) { f(v[0], $0) }.sum()
    },
    .init("∇ maxPool2d, cubed", shapeSets: [[[1, 2, 4, 4]]]) { v in
      gradient(at: v[0]) { x in
        let y = maxPool2d(x, kernelSize: 2)
        return (y * y * y).sum()
      }
    },
    .init("∇ avgPool2d, cubed", shapeSets: [[[1, 2, 5, 4]]]) { v in
      gradient(at: v[0]) { x in
        let y = avgPool2d(x, kernelSize: 2, stride: 1, padding: 1)
        return (y * y * y).sum()
      }
    },
    .init("∇ batchNorm training, weighted", shapeSets: [[[4, 2, 2, 1], [2], [2]]]) { v in
      let weights = Tensor(shape: [4, 2, 2, 1], scalars: (0..<16).map { Double($0 % 5) - 1.5 })
      return gradient(at: v[0]) { x in
        let y = batchNorm(x, scale: v[1], offset: v[2]).output
        return (y * y * Variable(weights)).sum()
      }
    },
    .init("∇ layerNorm, weighted", shapeSets: [[[3, 4], [4], [4]]]) { v in
      let weights = Tensor(shape: [3, 4], scalars: (0..<12).map { Double($0 % 7) - 2.5 })
      return gradient(at: v[0]) { x in (tanh(layerNorm(x, scale: v[1], offset: v[2])) * Variable(weights)).sum() }
    },
  ]
}
