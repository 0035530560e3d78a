import Testing
import Adjoint

/// Differentiating through a backward pass: the pullbacks must record themselves correctly when their
/// inputs are recorded variables.
@Suite struct TensorSecondOrderTests {
  @Test func secondDerivativeOfCubeIsSixX() {
    let x = Tensor([-1.5, 0, 2, 3])
    let tape = Tape()
    let xv = tape.variable(x)
    let g = gradient(at: xv) { ($0 * $0 * $0).sum() }  // 3x², recorded
    expectClose(g.value, Tensor([6.75, 0, 12, 27]))
    let h = g.sum().backward()[xv]  // d/dx Σ 3x² = 6x
    expectClose(h, Tensor([-9, 0, 12, 18]))
  }

  @Test func hessianVectorProductOfExpSum() {
    // f = Σ exp(xᵢ) · xᵢ: ∂f/∂xᵢ = eˣ(1 + x), ∂²f/∂xᵢ² = eˣ(2 + x); Hv = diag(eˣ(2 + x)) v.
    let x = Tensor([0, 1]), v = Tensor([2, -1])
    let tape = Tape()
    let xv = tape.variable(x)
    let g = gradient(at: xv) { (exp($0) * $0).sum() }
    let hv = (g * Variable(v)).sum().backward()[xv]
    let e = 2.718281828459045
    expectClose(hv, Tensor([2 * 2, -1 * e * 3]), tolerance: 1e-14)
  }

  /// Every smooth primitive's second derivative, checked by differentiating its gradient and comparing with
  /// central differences of the (first-order) gradient.
  static let secondOrderTable: [GradientCheckRow] = [
    GradientCheckRow("x * x * y", [[[3, 4], [4]]]) { v in gradient(at: v[0]) { ($0 * $0 * v[1]).sum() } },
    GradientCheckRow("x / y", [[[3, 4], [3, 1]]], in: [0.5...2]) { v in gradient(at: v[0]) { (v[1] / $0).sum() } },
    GradientCheckRow("c / x", [[[5]]], in: [0.5...2]) { v in gradient(at: v[0]) { (2 / $0).sum() } },
    GradientCheckRow("exp", [[[5]]]) { v in gradient(at: v[0]) { exp($0).sum() } },
    GradientCheckRow("log", [[[5]]], in: [0.5...2]) { v in gradient(at: v[0]) { log($0).sum() } },
    GradientCheckRow("sqrt", [[[5]]], in: [0.5...2]) { v in gradient(at: v[0]) { sqrt($0).sum() } },
    GradientCheckRow("sin, cos", [[[5]]]) { v in gradient(at: v[0]) { (sin($0) * cos($0)).sum() } },
    GradientCheckRow("tan", [[[5]]], in: [-1...1]) { v in gradient(at: v[0]) { tan($0).sum() } },
    GradientCheckRow("tanh", [[[5]]]) { v in gradient(at: v[0]) { tanh($0).sum() } },
    GradientCheckRow("sigmoid", [[[5]]]) { v in gradient(at: v[0]) { sigmoid($0).sum() } },
    GradientCheckRow("softplus", [[[5]]]) { v in gradient(at: v[0]) { softplus($0).sum() } },
    GradientCheckRow("pow(x, 2.5)", [[[5]]], in: [0.5...2]) { v in gradient(at: v[0]) { pow($0, 2.5).sum() } },
    GradientCheckRow("pow(x, y) in x and y", [[[4], [4]]], in: [0.5...2]) { v in
      gradient(at: v[0]) { pow($0, v[1]).sum() } + gradient(at: v[1]) { pow(v[0], $0).sum() }
    },
    GradientCheckRow("relu(x) * x", [[[5]]], gap: 0.05) { v in gradient(at: v[0]) { (relu($0) * $0).sum() } },
    GradientCheckRow("abs(x) * x", [[[5]]], gap: 0.05) { v in gradient(at: v[0]) { (abs($0) * $0).sum() } },
    GradientCheckRow("max(x, y) * x", [[[5], [5]]]) { v in gradient(at: v[0]) { (max($0, v[1]) * $0).sum() } },
    GradientCheckRow("max along axes, squared", [[[3, 4]]]) { v in
      gradient(at: v[0]) { x in let m = x.max(alongAxes: [1]); return (m * m).sum() }
    },
    GradientCheckRow("logSumExp", [[[3, 4]]]) { v in gradient(at: v[0]) { $0.logSumExp(alongAxis: 1).sum() } },
    GradientCheckRow("softmax", [[[3, 4]]]) { v in
      gradient(at: v[0]) { x in (x.softmax(alongAxis: 1) * x.softmax(alongAxis: 1)).sum() }
    },
    GradientCheckRow("logSoftmax", [[[3, 4]]]) { v in
      gradient(at: v[0]) { x in (x.logSoftmax(alongAxis: 0) * x).sum() }
    },
    GradientCheckRow("matmul, both flags", [[[4, 3], [5, 4]]]) { v in
      gradient(at: v[0]) { a in
        let c = a.matmul(v[1], transposingSelf: true, transposingOther: true)
        return (c * c).sum()
      }
    },
    GradientCheckRow("matmul into tanh", [[[3, 4], [4, 2]]]) { v in
      gradient(at: v[1]) { w in tanh(v[0].matmul(w)).sum() }
    },
    GradientCheckRow("shape ops", [[[2, 3]]]) { v in
      gradient(at: v[0]) { x in
        let y = Variable(concatenating: [x.transposed(), x.reshaped(to: [3, 2])], alongAxis: 1)
        return (y * y * y).slicing(1..<3, alongAxis: 0).sum()
      }
    },
    GradientCheckRow("cross-entropy", [[[3, 4]]]) { v in
      gradient(at: v[0]) { x in (-x.logSoftmax(alongAxis: 1).gathering(columnPerRow: [1, 3, 0])).mean() }
    },
    GradientCheckRow("selecting, broadcast", [[[3, 4], [4]]], in: [0.5...2]) { v in
      gradient(at: v[0]) { x in
        (Variable.selecting(where: Tensor([1, 0, 1, 0]), x * x, sqrt(x) * v[1])).sum()
      }
    },
  ]

  static let secondOrderCases: [GradientCheckCase] = secondOrderTable.flatMap { row in
    row.shapeSets.flatMap { shapes in [3, 4].map { GradientCheckCase(row: row, shapes: shapes, seed: $0) } }
  }

  @Test(arguments: secondOrderCases)
  func gradientOfGradientMatchesCentralDifferences(_ c: GradientCheckCase) {
    let report = checkGradient(at: c.inputs, in: c.row.function)
    #expect(report.passed, "\(c.row.name) \(c.shapes) seed \(c.seed): \(report)")
  }
}
