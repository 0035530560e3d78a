import Testing
import Adjoint

/// The computational-graph chapter's shopping examples; expected values worked out by hand.
@Suite struct ShoppingExampleTests {
  @Test func applesWithTax() {
    let tape = Tape()
    let apple = tape.variable(100.0), count = tape.variable(2.0), tax = tape.variable(1.1)
    let price = apple * count * tax
    #expect(abs(price.value - 220) < 1e-12)
    let g = price.backward()
    #expect(abs(g[apple] - 2.2) < 1e-12)
    #expect(abs(g[count] - 110) < 1e-12)
    #expect(abs(g[tax] - 200) < 1e-12)
  }

  @Test func applesAndOrangesWithTax() {
    let tape = Tape()
    let apple = tape.variable(100.0), appleCount = tape.variable(2.0)
    let orange = tape.variable(150.0), orangeCount = tape.variable(3.0)
    let tax = tape.variable(1.1)
    let price = (apple * appleCount + orange * orangeCount) * tax
    #expect(abs(price.value - 715) < 1e-9)
    let g = price.backward()
    #expect(abs(g[apple] - 2.2) < 1e-12)
    #expect(abs(g[appleCount] - 110) < 1e-9)
    #expect(abs(g[orange] - 3.3) < 1e-12)
    #expect(abs(g[orangeCount] - 165) < 1e-9)
    #expect(abs(g[tax] - 650) < 1e-9)
  }

  @Test func secondDerivativeOfCube() {
    let d2 = gradient(at: 2.0) { x in gradient(at: x) { y in y * y * y } }
    #expect(abs(d2 - 12) < 1e-12)
  }

  @Test func gradientCheckOfScalarFunction() {
    let report = checkGradient(at: [0.5, 2.0]) { v in v[0] * sin(v[1]) + exp(v[0] / v[1]) }
    #expect(report.passed, "\(report)")
  }
}
