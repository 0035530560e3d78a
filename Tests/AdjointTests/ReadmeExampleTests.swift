import Testing
import Adjoint
import Foundation

/// The example in README.md, line by line; expected values derived by hand (and printed as the README shows).
@Suite struct ReadmeExampleTests {
  @Test func shoppingExamplePrintsItsGradients() {
    let tape = Tape()
    let apple = tape.variable(100.0), count = tape.variable(2.0), tax = tape.variable(1.1)
    let price = apple * count * tax
    let g = price.backward()
    #expect("\(price.value) \(g[apple]) \(g[count]) \(g[tax])" == "220.00000000000003 2.2 110.00000000000001 200.0")
  }

  @Test func differentialOperatorsMatchClosedForms() {
    let slope = gradient(at: 3.0) { x in x * x + sin(x) }
    #expect(abs(slope - (6 + cos(3.0))) < 1e-12)
    let (value, grads) = valueWithGradient(at: [1.0, 2.0]) { v in exp(v[0] * v[1]) }
    let e2 = exp(2.0)
    #expect(abs(value - e2) < 1e-12)
    #expect(abs(grads[0] - 2 * e2) < 1e-12 && abs(grads[1] - e2) < 1e-12)
    let d2 = gradient(at: 2.0) { x in gradient(at: x) { y in y * y * y } }
    #expect(d2 == 12)
  }
}
