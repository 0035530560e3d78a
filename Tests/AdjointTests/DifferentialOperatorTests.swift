import Adjoint
import Foundation
import Testing

/// `gradient(at:in:)` and `valueWithGradient(at:in:)` on scalars and arrays of scalars, against closed forms.
@Suite struct DifferentialOperatorTests {
  @Test func gradientOfAScalarFunction() {
    // d/dx (x² + sin x) = 2x + cos x
    expectClose(gradient(at: 3.0) { x in x * x + sin(x) }, 6 + cos(3.0))
  }

  @Test func valueWithGradientOfAScalarFunction() {
    // x·e^x at 1: value e, derivative (1 + x)e^x = 2e
    let (value, derivative) = valueWithGradient(at: 1.0) { x in x * exp(x) }
    expectClose(value, M_E)
    expectClose(derivative, 2 * M_E)
  }

  @Test func gradientOfAFunctionOfAnArray() {
    // ∇ e^(xy) = (y·e^(xy), x·e^(xy)); at (1, 2): (2e², e²)
    let g = gradient(at: [1.0, 2.0]) { v in exp(v[0] * v[1]) }
    expectClose(g, [2 * exp(2.0), exp(2.0)])
  }

  @Test func valueWithGradientOfAFunctionOfAnArray() {
    // f = log(x² + y²) + x/z; ∇f = (2x/(x²+y²) + 1/z, 2y/(x²+y²), −x/z²)
    let (x, y, z) = (0.6, -1.1, 2.5)
    let (value, g) = valueWithGradient(at: [x, y, z]) { v in log(v[0] * v[0] + v[1] * v[1]) + v[0] / v[2] }
    let r2 = x * x + y * y
    expectClose(value, log(r2) + x / z)
    expectClose(g, [2 * x / r2 + 1 / z, 2 * y / r2, -x / (z * z)])
  }

  @Test func gradientOfAFunctionThatIgnoresItsInputIsZero() {
    let (value, derivative) = valueWithGradient(at: 3.0) { _ in Variable(5.0) }
    #expect(value == 5)
    #expect(derivative == 0)
    let (sum, g) = valueWithGradient(at: [1.0, 2.0, 3.0]) { v in v[0] * v[2] }
    expectClose(sum, 3)
    #expect(g == [3, 0, 1])
  }

  @Test func gradientOfTheIdentityIsOne() {
    #expect(gradient(at: -7.5) { $0 } == 1)
    #expect(gradient(at: [1.0, 2.0]) { $0[1] } == [0, 1])
  }

  @Test func gradientOfAnEmptyArrayIsEmpty() {
    let (value, g) = valueWithGradient(at: []) { _ in Variable(4.0) }
    #expect(value == 4)
    #expect(g.isEmpty)
  }

  /// Each call uses its own tape: calls can be nested inside one another's functions and interleaved.
  @Test func callsAreIndependent() {
    let outer = gradient(at: 2.0) { x in
      let inner = gradient(at: 5.0) { y in y * y }  // a plain Double: 10, recorded on another tape
      return x * inner
    }
    #expect(outer == 10)
  }
}
