import Adjoint
import Foundation
import Testing

/// Scalars and tensors on one tape: elements become scalars, scalars become rank-0 tensors, and mixed
/// arithmetic, at first and second order.
@Suite struct ScalarTensorBridgeTests {
  @Test func tensorTimesScalarSendsGradientsToBoth() {
    // f = Σ tᵢ·s: ∂f/∂t = s, ∂f/∂s = Σ tᵢ
    let (value, (dt, ds)) = valueWithGradient(at: Tensor([1, 2, 3]), 2.0) { t, s in (t * s).sum() }
    expectClose(value, Tensor(12))
    expectClose(dt, Tensor([2, 2, 2]))
    expectClose(ds, 6, relative: 1e-15)
  }

  @Test func mixedOperatorsBothWaysMatchFiniteDifferences() {
    let points = expectGradientMatchesFiniteDifferences("mixed", in: [0.2...1.5, -1...1, 0.5...2], seed: 91) { v in
      let t = Variable<Tensor>([v[0], v[1], v[2], v[0] * v[1]], shape: [2, 2])
      let u = (v[2] / (t + v[0])) - (v[1] * t.matmul(t)) + (t - v[1]) * (1 + v[0])
      return exp(u * 0.1).sum().scalar / (1 + v[0] * v[0])
    }
    #expect(points == 5)
  }

  @Test func elementsOfATensorAreDifferentiableScalars() {
    // f = t₁² + sin t₀: ∇f = (cos t₀, 2t₁, 0)
    let g = gradient(at: Tensor([1, 2, 5])) { t in Variable<Tensor>(t[element: 1] * t[element: 1] + sin(t[element: 0])) }
    expectClose(g, Tensor([cos(1.0), 4, 0]))
    let tape = Tape()
    let m = tape.variable(Tensor([[1, 2], [3, 4]]))
    let y = m[element: 1, 0] * m[element: 0, 1] + m.scalars[3]
    #expect(y.value == 10)
    let gm = y.backward()[m]
    expectClose(gm, Tensor([[0, 3], [2, 1]]))
  }

  @Test func secondDerivativesCrossBetweenScalarAndTensor() {
    // y = s·Σtᵢ²: ∂y/∂s = Σtᵢ² (= 14), ∂²y/∂s∂t = 2t; ∂y/∂t = 2st, Σ of it differentiated: ∂/∂s = Σ2tᵢ = 12
    let tape = Tape()
    let t = tape.variable(Tensor([1, 2, 3]))
    let s = tape.variable(2.0)
    let y = (t * t * s).sum().scalar
    let g = y.backward(creatingGraph: true)
    expectClose(g[s].value, 14, relative: 1e-15)
    expectClose(g[t].value, Tensor([4, 8, 12]))
    let h = g[t].sum().backward(retainingTape: true)
    expectClose(h[s], 12, relative: 1e-15)
    expectClose(h[t], Tensor([4, 4, 4]))
    expectClose(g[s].backward()[t], Tensor([2, 4, 6]))
  }

  @Test func hessianThroughElementsIsTheClosedForm() {
    // f = t₀²·t₁: H = [[2t₁, 2t₀], [2t₀, 0]] at (1.5, −2)
    let h = hessian(at: Tensor([1.5, -2])) { t in Variable<Tensor>(t[element: 0] * t[element: 0] * t[element: 1]) }
    expectClose(h, Tensor([[-4, 3], [3, 0]]))
  }

  @Test func scalarsStackedIntoATensorHaveTheIdentityJacobian() {
    let j = jacobian(at: [1.0, 2.0, 3.0]) { v in Variable<Tensor>(v, shape: [3]).scalars }
    #expect(j == [[1, 0, 0], [0, 1, 0], [0, 0, 1]])
    let constant = Variable<Tensor>([Variable(1.0), Variable(2.0)], shape: [2])
    #expect(!constant.isRecorded)
    #expect(constant.value == Tensor([1, 2]))
  }
}
