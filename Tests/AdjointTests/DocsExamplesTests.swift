import Adjoint
import Foundation
import Testing

/// Every code example of Docs/README.md, Docs/Design.md and Docs/Operations.md, as written there, with the
/// results its comments show. A test is named after its guide and example; the guide names the test.
@Suite struct DocsExamplesTests {
  // MARK: Docs/README.md

  @Test func readmeValueWithGradient() {
    let (value, gradient) = valueWithGradient(at: [1.0, 2.0]) { v in exp(v[0] * v[1]) }
    expectClose(value, 7.389056, absolute: 1e-6)  // e²
    expectClose(gradient, [14.778112, 7.389056], absolute: 1e-6)  // [2e², e²]
  }

  // MARK: Docs/Design.md

  @Test func designShoppingExample() {
    let tape = Tape()
    let apple = tape.variable(100.0), appleCount = tape.variable(2.0)
    let orange = tape.variable(150.0), orangeCount = tape.variable(3.0)
    let tax = tape.variable(1.1)
    let price = (apple * appleCount + orange * orangeCount) * tax
    // The digits printed in the guide (1.1 is not a binary fraction), to within an ulp or two.
    expectClose(price.value, 715.0000000000001, relative: 3e-16)

    let g = price.backward()
    expectClose([g[apple], g[appleCount]], [2.2, 110.00000000000001], relative: 3e-16)
    expectClose([g[orange], g[orangeCount]], [3.3000000000000003, 165.0], relative: 3e-16)
    expectClose(g[tax], 650.0, relative: 3e-16)
  }

  @Test func designReverseSweep() {
    let tape = Tape()
    let apple = tape.variable(100.0), appleCount = tape.variable(2.0)
    let orange = tape.variable(150.0), orangeCount = tape.variable(3.0)
    let tax = tape.variable(1.1)
    let appleTotal = apple * appleCount, orangeTotal = orange * orangeCount
    let subtotal = appleTotal + orangeTotal
    let price = subtotal * tax
    let g = price.backward()
    expectClose([g[subtotal], g[appleTotal], g[orangeTotal]], [1.1, 1.1, 1.1])
    #expect(tape.count == 9)
    // The rest of the guide's table, step by step.
    #expect(g[price] == 1)
    expectClose([g[apple], g[appleCount], g[orange], g[orangeCount], g[tax]], [2.2, 110, 3.3, 165, 650])
  }

  @Test func designConstantsInTheArena() {
    let tape = Tape()
    let x = tape.variable(3.0)
    _ = x * 2  // one node: 2 is kept in the entry
    _ = x * Variable(2.0)  // two nodes: the constant is recorded as a leaf, then the product
    #expect(tape.count == 4)
  }

  @Test func designHigherOrder() {
    let d2 = gradient(at: 2.0) { x in gradient(at: x) { y in y * y * y } }
    expectClose(d2, 12)

    let hv = gradient(at: [1.0, 3.0]) { p in
      let g = gradient(at: p) { q in q[0] * q[0] * q[1] }  // (2xy, x²), recorded
      return g[0] * 1 + g[1] * 0
    }
    expectClose(hv, [6, 2])  // [2y, 2x]
  }

  private func rosenbrock<T: ScalarMath>(_ x: T, _ y: T) -> T {
    (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x)
  }

  @Test func designScalarMath() {
    expectClose(rosenbrock(1.0, 2.0), 100)
    expectClose(gradient(at: [1.0, 2.0]) { v in rosenbrock(v[0], v[1]) }, [-400, 200])
  }

  @Test func designTapeLifetime() {
    let tape = Tape()
    let x = tape.variable(3.0)
    let y = x * x
    #expect(y.backward(retainingTape: true)[x] == 6)
    #expect(y.backward(retainingTape: true)[x] == 6)  // fresh adjoints, not 12
    let z = y * 2 + x  // the retained tape records on
    #expect(z.backward()[x] == 13)  // the tape is now consumed
    #expect(tape.isConsumed)
    tape.reset()  // ready for a new recording, same memory
    let u = tape.variable(5.0)
    #expect((u * u).backward()[u] == 10)
  }

  @Test func designThreads() async {
    let derivatives = await withTaskGroup(of: (Int, Double).self) { group in
      for k in 0..<8 {
        group.addTask { (k, gradient(at: 1.0) { x in pow(x, Double(k)) }) }  // k·x^(k−1) = k
      }
      var result = [Double](repeating: 0, count: 8)
      for await (k, d) in group { result[k] = d }
      return result
    }
    expectClose(derivatives, [0, 1, 2, 3, 4, 5, 6, 7])
  }

  // MARK: Docs/Operations.md

  @Test func operationsKinkConventions() {
    let (value, g) = valueWithGradient(at: [0.0, 2.0, -1.0]) { v in
      relu(v[0]) + abs(v[0]) + max(v[1], 2) + v[2].clamped(to: -1...1)
    }
    #expect(value == 1)
    #expect(g == [0, 0.5, 1])
  }

  @Test func operationsMixedWithDouble() {
    let tape = Tape()
    let x = tape.variable(4.0)
    var y = 2 * x - 1
    expectClose(y.value, 7)
    y /= x
    expectClose(y.value, 7.0 / 4)
    y += 10
    expectClose(y.value, 11.75)
    expectClose(y.backward()[x], 0.0625)  // d/dx (2 − 1/x + 10) = 1/x²
  }
}
