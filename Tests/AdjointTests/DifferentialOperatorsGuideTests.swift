import Adjoint
import Foundation
import Testing

/// Every example of Docs/DifferentialOperators.md, as written there, with the output its `// prints:`
/// comments show (the printed text itself, compared as strings).
@Suite struct DifferentialOperatorsGuideTests {
  @Test func summaryWeightsAndBiases() {
    let x = Tensor([[1, 2, 3], [4, 5, 6]])
    let W = Tensor([[0.5, -1], [0.25, 0], [1, 2]])
    let b = Tensor([0.5, -0.5])
    let (loss, (dW, db)) = valueWithGradient(at: W, b) { W, b in (Variable(x).matmul(W) + b).sum() }
    #expect("\(loss.scalar) \(dW.scalars) \(db.scalars)" == "26.25 [5.0, 5.0, 7.0, 7.0, 9.0, 9.0] [2.0, 2.0]")
  }

  @Test func severalInputs() {
    let (value, (ds, dt)) = valueWithGradient(at: 2.0, Tensor([1, 2, 3])) { s, t in (t * s).sum() }
    #expect("\(value.scalar) \(ds) \(dt.scalars)" == "12.0 6.0 [2.0, 2.0, 2.0]")
    let (product, pullback) = valueWithPullback(at: Tensor([1, 2]), Tensor([3, 4])) { a, b in a * b }
    let (da, db2) = pullback(Tensor([1, 10]))
    #expect("\(product.scalars) \(da.scalars) \(db2.scalars)" == "[3.0, 8.0] [3.0, 40.0] [1.0, 20.0]")
  }

  @Test func creatingGraph() {
    let tape = Tape()
    let t = tape.variable(2.0)
    let y = t * t * t
    let g = y.backward(creatingGraph: true)
    #expect("\(g[t].value) \(g[t].backward()[t])" == "12.0 12.0")
  }

  @Test func jacobians() {
    #expect("\(jacobian(at: [1.0, 2.0]) { x in [x[0] * x[1], x[0] + 1, Variable(7)] })" == "[[2.0, 1.0], [1.0, 0.0], [0.0, 0.0]]")
    let j = jacobian(at: Tensor([1, 2]), mode: .forward) { x in x * x }
    #expect("\(j.shape) \(j.scalars)" == "[2, 2] [2.0, 0.0, 0.0, 4.0]")
  }

  @Test func hessians() {
    #expect("\(hessian(at: [1.0, 2.0]) { x in x[0] + x[1] * x[1] })" == "[[0.0, 0.0], [0.0, 2.0]]")
    #expect("\(hessian(at: Tensor([1, 2])) { x in (x * x * x).sum() }.scalars)" == "[6.0, 0.0, 0.0, 12.0]")
    let hv = hessianVectorProduct(at: Tensor([1, 2]), along: Tensor([1, 1])) { x in (x * x * x).sum() }
    #expect("\(hv.scalars)" == "[6.0, 12.0]")
  }

  @Test func forwardMode() {
    let (cube, dCube) = valueWithDifferential(at: 2.0) { x in x * x * x }
    #expect("\(cube) \(dCube(1))" == "8.0 12.0")
    let (square, dSquare) = valueWithDifferential(at: Tensor([1, 2])) { x in x * x }
    #expect("\(square.scalars) \(dSquare(Tensor([1, 0])).scalars)" == "[1.0, 4.0] [2.0, 0.0]")
  }

  @Test func scalarsAndTensorsTogether() {
    let tape2 = Tape()
    let m = tape2.variable(Tensor([[1, 2], [3, 4]]))
    let s = tape2.variable(0.5)
    let z = (m * s).sum().scalar + m[1, 0] * m[0, 1]
    let gz = z.backward()
    #expect("\(z.value) \(gz[s]) \(gz[m].scalars)" == "11.0 10.0 [0.5, 3.5, 2.5, 0.5]")
  }

  func eccentricAnomaly(_ m: Variable<Double>, eccentricity e: Double) -> Variable<Double> {
    var E = m.value
    for _ in 0..<50 { E -= (E - e * Foundation.sin(E) - m.value) / (1 - e * Foundation.cos(E)) }
    return .record("kepler", value: E, inputs: [m]) { v, _, E in [v / (1 - e * cos(E))] }
  }

  @Test func kepler() {
    let (E, dE) = valueWithGradient(at: 1.2) { eccentricAnomaly($0, eccentricity: 0.3) }
    let d2E = gradient(at: 1.2) { m in gradient(at: m) { eccentricAnomaly($0, eccentricity: 0.3) } }
    #expect(String(format: "%.6f %.6f %.6f", E, dE, d2E) == "1.499232 1.021921 -0.319345")
  }

  func mulLayer(_ x: Variable<Double>, _ y: Variable<Double>) -> Variable<Double> {
    .record("mul", value: x.value * y.value, inputs: [x, y]) { dout, xy, _ in [dout * xy[1], dout * xy[0]] }
  }

  @Test func textbookLayers() {
    let shop = Tape()
    let apple = shop.variable(100.0), apples = shop.variable(2.0), tax = shop.variable(1.1)
    let price = mulLayer(mulLayer(apple, apples), tax)
    let gp = price.backward()
    #expect("\(price.value) \(gp[apple]) \(gp[tax])" == "220.00000000000003 2.2 200.0")
  }

  @Test func checkpointing() {
    func step(_ s: [Variable<Double>]) -> [Variable<Double>] {
      let acceleration = (9.81 / s[2]) * sin(s[0]) + s[3] * s[1]
      return [s[0] + 1e-3 * s[1], s[1] - 1e-3 * acceleration, s[2], s[3]]
    }
    let (theta, dTheta) = valueWithGradient(at: [1.0, 0.5]) { p in
      var state = [Variable(1.0), Variable(0.0), p[0], p[1]]
      for _ in 0..<10 {
        state = checkpointed(state) { s in
          var s = s
          for _ in 0..<100 { s = step(s) }
          return s
        }
      }
      return state[0]
    }
    #expect(String(format: "%.9f %.9f %.9f", theta, dTheta[0], dTheta[1]) == "-0.750228724 0.309540844 0.407943243")
  }
}
