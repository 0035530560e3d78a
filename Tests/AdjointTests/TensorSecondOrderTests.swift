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

  /// Every row of `GradientCheckCatalog.secondOrder` (the tensor rules, and ∇(∇f · w) for every scalar
  /// primitive f): the recorded gradient, differentiated again, against central differences of the
  /// first-order gradient, at three seeds.
  static let secondOrderInstances = GradientCheckCatalog.secondOrder.instances(seeds: 1...3)

  @Test(arguments: secondOrderInstances)
  func gradientOfGradientMatchesCentralDifferences(_ instance: GradientCheckCase.Instance) {
    expectCheckPasses(instance)
  }

  @Test func catalogHasASecondOrderRowForEveryScalarPrimitiveAndTheTensorRules() {
    let names = Set(GradientCheckCatalog.secondOrder.map(\.name))
    for row in GradientCheckCatalog.scalarPrimitives {
      #expect(names.contains("∇(∇\(row.name) · w)"), "no second-order row for \(row.name)")
    }
    #expect(GradientCheckCatalog.secondOrder.count - GradientCheckCatalog.scalarPrimitives.count >= 25)
  }
}
