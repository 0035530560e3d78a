import Adjoint
import Foundation
import Testing

/// Forward mode (`valueWithDifferential`) and the operators of several inputs, against closed forms.
@Suite struct ForwardModeAndSeveralInputsTests {
  @Test func differentialOfAScalarFunctionIsTheDerivativeTimesTheTangent() {
    let (y, df) = valueWithDifferential(at: 2.0) { x in x * x * x }
    #expect(y == 8)
    expectClose(df(1), 12, relative: 1e-15)
    expectClose(df(-0.5), -6, relative: 1e-15)
    expectClose(differential(at: 0.3) { sin($0) }(2), 2 * cos(0.3), relative: 1e-15)
  }

  @Test func differentialOfSeveralScalarsIsTheJacobianTimesTheTangent() {
    // F = (x₀x₁, sin x₀, 3): J·u = (x₁u₀ + x₀u₁, cos x₀ · u₀, 0)
    let (y, df) = valueWithDifferential(at: [0.5, 2.0]) { x in [x[0] * x[1], sin(x[0]), Variable(3)] }
    #expect(y == [1, sin(0.5), 3])
    expectClose(df([1, -1]), [2 - 0.5, cos(0.5), 0])
    #expect(df([0, 0]) == [0, 0, 0])
  }

  @Test func tensorDifferentialEqualsTheJacobianTimesTheTangent() {
    var rng = SplitMix64(seed: 311)
    let x = Tensor.random(shape: [3], in: -1...1, using: &rng)
    let u = Tensor.random(shape: [3], in: -1...1, using: &rng)
    func f(_ x: Variable<Tensor>) -> Variable<Tensor> { exp(x) * x.sum() }
    let (value, df) = valueWithDifferential(at: x, in: f)
    let j = jacobian(at: x, mode: .reverse, in: f)
    let ju = (0..<3).map { i in (0..<3).map { j[i, $0] * u[$0] }.reduce(0, +) }
    expectClose(df(u), Tensor(ju))
    expectClose(value, f(Variable(x)).value)
    // A function that ignores its input has the zero differential.
    #expect(differential(at: x) { _ in Variable(Tensor([1, 2])) }(u) == Tensor([0, 0]))
  }

  @Test func valueWithGradientOfWeightsAndBiasesIsTheClosedForm() {
    // loss = Σ (xW + b): ∂/∂W[i][j] = Σ_r x[r][i], ∂/∂b[j] = rows
    let x = Tensor([[1, 2, 3], [4, 5, 6]])
    let w = Tensor([[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]])
    let b = Tensor([1, -1])
    let (loss, (dW, db)) = valueWithGradient(at: w, b) { W, b in (Variable(x).matmul(W) + b).sum() }
    expectClose(loss, Tensor(2.2 + 2.8 + 4.9 + 6.4))
    expectClose(dW, Tensor([[5, 5], [7, 7], [9, 9]]))
    expectClose(db, Tensor([2, 2]))
  }

  @Test func mixedScalarAndTensorInputsAndThreeInputs() {
    // f(s, t, c) = s·Σt + c²: (Σt, s, 2c)
    let (value, (ds, dt, dc)) = valueWithGradient(at: 2.0, Tensor([1, 3]), 5.0) { s, t, c in
      (t * s).sum().scalar + c * c
    }
    expectClose(value, 33, relative: 1e-15)
    expectClose(ds, 4, relative: 1e-15)
    expectClose(dt, Tensor([2, 2]))
    expectClose(dc, 10, relative: 1e-15)
    let (g0, g1) = gradient(at: 3.0, 4.0) { x, y in x * y }
    #expect(g0 == 4 && g1 == 3)
  }

  @Test func pullbackOfTwoInputsIsTheVectorJacobianProduct() {
    // f(a, b) = a ⊙ b: vᵀ∂f/∂a = v ⊙ b, vᵀ∂f/∂b = v ⊙ a; callable twice
    let (value, pullback) = valueWithPullback(at: Tensor([1, 2]), Tensor([3, 4])) { a, b in a * b }
    #expect(value == Tensor([3, 8]))
    let (da, db) = pullback(Tensor([1, 10]))
    #expect(da == Tensor([3, 40]) && db == Tensor([1, 20]))
    let (da2, _) = pullback(Tensor([2, 0]))
    #expect(da2 == Tensor([6, 0]))
  }

  @Test func gradientOfAnArrayOfTensors() {
    let (value, g) = valueWithGradient(at: [Tensor([1, 2]), Tensor([3])]) { p in (p[0] * p[0]).sum() + p[1].sum() * 2 }
    #expect(value == 11)
    #expect(g == [Tensor([2, 4]), Tensor([2])])
  }

  @Test func nestedValueWithGradientReturnsTheValueWithoutASecondForwardPass() {
    // d/dx [value + derivative] of x³ = 3x² + 6x at 2: 24
    var calls = 0
    let g = gradient(at: 2.0) { x in
      let (value, derivative) = valueWithGradient(at: x) { y in
        calls += 1
        return y * y * y
      }
      return value + derivative
    }
    expectClose(g, 24, relative: 1e-15)
    #expect(calls == 1)
  }
}
