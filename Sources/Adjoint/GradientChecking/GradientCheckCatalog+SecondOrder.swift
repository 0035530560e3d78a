extension GradientCheckCatalog {
  /// Gradients of gradients: a recorded gradient, differentiated again, against central differences of
  /// the first-order gradient. This checks that each pullback records itself correctly when its inputs are
  /// recorded (`Docs/TensorOperations.md`, "A pullback is written once").
  ///
  /// The tensor rows cover every smooth rule and the piecewise ones (whose second derivative is 0 off the
  /// kinks); then, for each of `scalarPrimitives`, the row `∇(∇f · w)`: the recorded gradient of f
  /// projected on w = (1, −0.6), differentiated again.
  public static let secondOrder: [GradientCheckCase] = tensorSecondOrder + scalarPrimitives.map(scalarSecondOrder)

  static let tensorSecondOrder: [GradientCheckCase] = [
    .init("∇ x * x * y", shapeSets: [[[3, 4], [4]]]) { v in gradient(at: v[0]) { ($0 * $0 * v[1]).sum() } },
    .init("∇ x / y", shapeSets: [[[3, 4], [3, 1]]], in: [0.5...2]) { v in gradient(at: v[0]) { (v[1] / $0).sum() } },
    .init("∇ c / x", shapeSets: [[[5]]], in: [0.5...2]) { v in gradient(at: v[0]) { (2 / $0).sum() } },
    .init("∇ exp", shapeSets: [[[5]]]) { v in gradient(at: v[0]) { exp($0).sum() } },
    .init("∇ log", shapeSets: [[[5]]], in: [0.5...2]) { v in gradient(at: v[0]) { log($0).sum() } },
    .init("∇ sqrt", shapeSets: [[[5]]], in: [0.5...2]) { v in gradient(at: v[0]) { sqrt($0).sum() } },
    .init("∇ sin, cos", shapeSets: [[[5]]]) { v in gradient(at: v[0]) { (sin($0) * cos($0)).sum() } },
    .init("∇ tan", shapeSets: [[[5]]], in: [-1...1]) { v in gradient(at: v[0]) { tan($0).sum() } },
    .init("∇ tanh", shapeSets: [[[5]]]) { v in gradient(at: v[0]) { tanh($0).sum() } },
    .init("∇ sigmoid", shapeSets: [[[5]]]) { v in gradient(at: v[0]) { sigmoid($0).sum() } },
    .init("∇ softplus", shapeSets: [[[5]]]) { v in gradient(at: v[0]) { softplus($0).sum() } },
    .init("∇ pow(x, 2.5)", shapeSets: [[[5]]], in: [0.5...2]) { v in gradient(at: v[0]) { pow($0, 2.5).sum() } },
    .init("∇ pow(x, y) in x and y", shapeSets: [[[4], [4]]], in: [0.5...2]) { v in
      gradient(at: v[0]) { pow($0, v[1]).sum() } + gradient(at: v[1]) { pow(v[0], $0).sum() }
    },
    .init("∇ relu(x) * x", shapeSets: [[[5]]], gap: 0.05) { v in gradient(at: v[0]) { (relu($0) * $0).sum() } },
    .init("∇ abs(x) * x", shapeSets: [[[5]]], gap: 0.05) { v in gradient(at: v[0]) { (abs($0) * $0).sum() } },
    .init("∇ max(x, y) * x", shapeSets: [[[5], [5]]]) { v in gradient(at: v[0]) { (max($0, v[1]) * $0).sum() } },
    .init("∇ max along axes, squared", shapeSets: [[[3, 4]]]) { v in
      gradient(at: v[0]) { x in
        let m = x.max(alongAxes: [1])
        return (m * m).sum()
      }
    },
    .init("∇ logSumExp", shapeSets: [[[3, 4]]]) { v in gradient(at: v[0]) { $0.logSumExp(alongAxis: 1).sum() } },
    .init("∇ softmax", shapeSets: [[[3, 4]]]) { v in
      gradient(at: v[0]) { x in (x.softmax(alongAxis: 1) * x.softmax(alongAxis: 1)).sum() }
    },
    .init("∇ logSoftmax", shapeSets: [[[3, 4]]]) { v in
      gradient(at: v[0]) { x in (x.logSoftmax(alongAxis: 0) * x).sum() }
    },
    .init("∇ matmul, both flags", shapeSets: [[[4, 3], [5, 4]]]) { v in
      gradient(at: v[0]) { a in
        let c = a.matmul(v[1], transposingSelf: true, transposingOther: true)
        return (c * c).sum()
      }
    },
    .init("∇ matmul into tanh", shapeSets: [[[3, 4], [4, 2]]]) { v in
      gradient(at: v[1]) { w in tanh(v[0].matmul(w)).sum() }
    },
    .init("∇ shape ops", shapeSets: [[[2, 3]]]) { v in
      gradient(at: v[0]) { x in
        let y = Variable(concatenating: [x.transposed(), x.reshaped(to: [3, 2])], alongAxis: 1)
        return (y * y * y).slicing(1..<3, alongAxis: 0).sum()
      }
    },
    // A linear operation followed by a nonlinear one receives an adjoint that depends on x, so its pullback
    // (zero padding, scattering) is recorded and differentiated.
    .init("∇ slicing, then cubed", shapeSets: [[[3, 4]]]) { v in
      gradient(at: v[0]) { x in
        let s = x.slicing(1..<3, alongAxis: 1)
        return (s * s * s).sum()
      }
    },
    .init("∇ gathering, then cubed", shapeSets: [[[3, 4]]]) { v in
      gradient(at: v[0]) { x in
        let g = x.gathering(columnPerRow: [1, 3, 0])
        return (g * g * g).sum()
      }
    },
    .init("∇ cross-entropy", shapeSets: [[[3, 4]]]) { v in
      gradient(at: v[0]) { x in (-x.logSoftmax(alongAxis: 1).gathering(columnPerRow: [1, 3, 0])).mean() }
    },
    .init("∇ selecting, broadcast", shapeSets: [[[3, 4], [4]]], in: [0.5...2]) { v in
      gradient(at: v[0]) { x in
        (Variable.selecting(where: Tensor([1, 0, 1, 0]), x * x, sqrt(x) * v[1])).sum()
      }
    },
  ]

  /// The row `∇(∇f · w)` for a scalar row f: its recorded gradient projected on w = (1, −0.6, −0.6, …),
  /// differentiated again, on f's ranges.
  static func scalarSecondOrder(_ row: GradientCheckCase) -> GradientCheckCase {
    guard case .scalars(let f) = row.function else {
      failPrecondition("GradientCheckCatalog.scalarSecondOrder: \"\(row.name)\" is not a scalar row")
    }
    return GradientCheckCase(
      "∇(∇\(row.name) · w)", shapeSets: row.shapeSets, in: row.ranges, gap: row.gap, tolerance: row.tolerance,
      function: .scalars { v in
        let g = gradient(at: v, in: f)
        return g.enumerated().map { k, gk in gk * (k == 0 ? 1 : -0.6) }.reduce(Variable(0), +)
      })
  }
}
