import Testing

@testable import Adjoint

/// The conventions of Docs/Operations.md ("NaN and infinite inputs", "Zero times infinity"), checked on
/// both sides: every elementwise function gives the same value, first and second derivative on a scalar
/// variable and on a tensor variable, element by element, at NaN, ±∞, ±0 and huge and tiny arguments; and
/// the overflow exception turns a derivative lost to an overflow into NaN while the branch a select does not
/// take never leaks NaN. Expected values are the conventions themselves (exact by construction).
@Suite struct ElementwiseConventionTests {
  typealias Unary = (name: String, scalar: (Variable<Double>) -> Variable<Double>, tensor: (Variable<Tensor>) -> Variable<Tensor>)

  nonisolated(unsafe) static let unary: [Unary] = [
    ("exp", { exp($0) }, { exp($0) }), ("expm1", { expm1($0) }, { expm1($0) }), ("log", { log($0) }, { log($0) }),
    ("log1p", { log1p($0) }, { log1p($0) }), ("sqrt", { sqrt($0) }, { sqrt($0) }), ("cbrt", { cbrt($0) }, { cbrt($0) }),
    ("square", { square($0) }, { square($0) }), ("pow(x, 3)", { pow($0, 3) }, { pow($0, 3) }),
    ("pow(x, 0)", { pow($0, 0) }, { pow($0, 0) }), ("pow(x, -0.5)", { pow($0, -0.5) }, { pow($0, -0.5) }),
    ("pow(2, x)", { pow(2, $0) }, { pow(2, $0) }),
    ("sin", { sin($0) }, { sin($0) }), ("cos", { cos($0) }, { cos($0) }), ("tan", { tan($0) }, { tan($0) }),
    ("asin", { asin($0) }, { asin($0) }), ("acos", { acos($0) }, { acos($0) }), ("atan", { atan($0) }, { atan($0) }),
    ("sinh", { sinh($0) }, { sinh($0) }), ("cosh", { cosh($0) }, { cosh($0) }), ("tanh", { tanh($0) }, { tanh($0) }),
    ("asinh", { asinh($0) }, { asinh($0) }), ("acosh", { acosh($0) }, { acosh($0) }),
    ("atanh", { atanh($0) }, { atanh($0) }), ("erf", { erf($0) }, { erf($0) }), ("erfc", { erfc($0) }, { erfc($0) }),
    ("lgamma", { lgamma($0) }, { lgamma($0) }), ("digamma", { digamma($0) }, { digamma($0) }),
    ("trigamma", { trigamma($0) }, { trigamma($0) }), ("sigmoid", { sigmoid($0) }, { sigmoid($0) }),
    ("softplus", { softplus($0) }, { softplus($0) }), ("logSigmoid", { logSigmoid($0) }, { logSigmoid($0) }),
    ("relu", { relu($0) }, { relu($0) }), ("leakyRelu", { leakyRelu($0) }, { leakyRelu($0) }),
    ("elu", { elu($0) }, { elu($0) }), ("gelu", { gelu($0) }, { gelu($0) }),
    ("gelu tanh", { gelu($0, approximation: .tanh) }, { gelu($0, approximation: .tanh) }),
    ("silu", { silu($0) }, { silu($0) }), ("abs", { abs($0) }, { abs($0) }),
    ("clamped", { $0.clamped(to: -1...1) }, { $0.clamped(to: -1...1) }),
    ("floor", { floor($0) }, { floor($0) }), ("ceil", { ceil($0) }, { ceil($0) }),
    ("round", { round($0) }, { round($0) }), ("sign", { sign($0) }, { sign($0) }),
    ("x + 2", { $0 + 2 }, { $0 + 2 }), ("2 - x", { 2 - $0 }, { 2 - $0 }), ("x * 3", { $0 * 3 }, { $0 * 3 }),
    ("x / 3", { $0 / 3 }, { $0 / 3 }), ("3 / x", { 3 / $0 }, { 3 / $0 }), ("-x", { -$0 }, { -$0 }),
    ("min(x, 1)", { min($0, 1) }, { min($0, 1) }), ("max(x, 1)", { max($0, 1) }, { max($0, 1) }),
    ("x * x", { $0 * $0 }, { $0 * $0 }), ("x / x", { $0 / $0 }, { $0 / $0 }),
    ("log(1 + exp(x))", { log(1 + exp($0)) }, { log(1 + exp($0)) }),
  ]

  static let edgeInputs: [Double] = [
    .nan, .infinity, -.infinity, 0, -0.0, 1, -1, 0.5, -2.5, 3, 1000, -1000, 1e308, -1e308, 1e-310, -1e-310,
  ]

  static func same(_ a: Double, _ b: Double) -> Bool { a == b || (a.isNaN && b.isNaN) }

  @Test(arguments: unary.indices)
  func scalarAndTensorAgreeAtEdgeInputs(_ k: Int) {
    let (name, f, g) = Self.unary[k]
    let x = Tensor(Self.edgeInputs)
    let tensorValue = g(Variable(x)).value
    let tensorFirst = gradient(at: x) { g($0).sum() }
    let tensorSecond = gradient(at: x) { gradient(at: $0) { g($0).sum() }.sum() }
    for (i, xi) in Self.edgeInputs.enumerated() {
      let value = f(Variable(xi)).value
      let first = gradient(at: xi, in: f)
      let second = gradient(at: xi) { gradient(at: $0, in: f) }
      #expect(Self.same(value, tensorValue.scalars[i]), "\(name)(\(xi)): scalar \(value), tensor \(tensorValue.scalars[i])")
      #expect(Self.same(first, tensorFirst.scalars[i]), "\(name)′(\(xi)): scalar \(first), tensor \(tensorFirst.scalars[i])")
      #expect(
        Self.same(second, tensorSecond.scalars[i]), "\(name)″(\(xi)) [\(i)]: scalar \(second), tensor \(tensorSecond.scalars[i])")
    }
  }

  typealias Binary = (name: String, scalar: (Variable<Double>, Variable<Double>) -> Variable<Double>,
    tensor: (Variable<Tensor>, Variable<Tensor>) -> Variable<Tensor>)

  nonisolated(unsafe) static let binary: [Binary] = [
    ("+", { $0 + $1 }, { $0 + $1 }), ("-", { $0 - $1 }, { $0 - $1 }), ("*", { $0 * $1 }, { $0 * $1 }),
    ("/", { $0 / $1 }, { $0 / $1 }), ("pow", { pow($0, $1) }, { pow($0, $1) }), ("min", { min($0, $1) }, { min($0, $1) }),
    ("max", { max($0, $1) }, { max($0, $1) }), ("atan2", { atan2($0, $1) }, { atan2($0, $1) }),
    ("hypot", { hypot($0, $1) }, { hypot($0, $1) }),
  ]

  @Test(arguments: binary.indices)
  func binaryScalarAndTensorAgreeAtEdgeInputs(_ k: Int) {
    let (name, f, g) = Self.binary[k]
    let grid: [Double] = [.nan, .infinity, -.infinity, 0, 1, -2, 1e308]
    let pairs = grid.flatMap { a in grid.map { (a, $0) } }
    let (x, y) = (Tensor(pairs.map(\.0)), Tensor(pairs.map(\.1)))
    let tape = Tape()
    let (tx, ty) = (tape.variable(x), tape.variable(y))
    let out = g(tx, ty)
    let grads = out.sum().backward()
    for (i, (a, b)) in pairs.enumerated() {
      let (value, gs) = valueWithGradient(at: [a, b]) { v in f(v[0], v[1]) }
      #expect(Self.same(value, out.value.scalars[i]), "\(name)(\(a), \(b)): scalar \(value), tensor \(out.value.scalars[i])")
      #expect(Self.same(gs[0], grads[tx].scalars[i]), "∂x \(name)(\(a), \(b)): scalar \(gs[0]), tensor \(grads[tx].scalars[i])")
      #expect(Self.same(gs[1], grads[ty].scalars[i]), "∂y \(name)(\(a), \(b)): scalar \(gs[1]), tensor \(grads[ty].scalars[i])")
    }
  }

  // MARK: NaN in, NaN out (issue 7's fix)

  @Test func reluOfNaNIsNaNOnBothSides() {
    #expect(relu(Variable(Double.nan)).value.isNaN)
    #expect(relu(Tensor([.nan, -1, 2])).scalars[0].isNaN)
    #expect(gradient(at: Double.nan) { relu($0) }.isNaN)
  }

  @Test func maxWithNaNIsNaNAndDoesNotSplitTheGradient() {
    let (value, g) = valueWithGradient(at: [1, .nan]) { v in max(v[0], v[1]) }
    #expect(value.isNaN)
    #expect(g[0].isNaN && g[1].isNaN, "\(g)")
    #expect(max(Tensor(1), Tensor(.nan)).scalar.isNaN)
  }

  // MARK: Zero times infinity: strong zero, with the overflow exception

  @Test func overflowedSoftplusHasNaNGradientNotZero() {
    // log(1 + eˣ) at x = 1000: the value overflows to ∞, and the true derivative (1) is lost; NaN says so.
    #expect(gradient(at: 1000.0) { log(1 + exp($0)) }.isNaN)
    #expect(gradient(at: Tensor([1000, 0])) { log(1 + exp($0)).sum() }.scalars[0].isNaN)
    #expect(gradient(at: Tensor([1000, 0])) { log(1 + exp($0)).sum() }.scalars[1] == 0.5)
    #expect(gradient(at: 1000.0) { x in gradient(at: x) { log(1 + exp($0)) } }.isNaN)
    // The stable softplus does not overflow: derivative σ(1000) = 1.
    #expect(gradient(at: 1000.0) { softplus($0) } == 1)
  }

  @Test func overflowedProductHasNaNGradient() {
    let g = gradient(at: [1e200, 1e200]) { v in log(v[0] * v[1]) }
    #expect(g[0].isNaN && g[1].isNaN, "\(g)")
  }

  @Test func overflowWithANonzeroAdjointGivesTheInfiniteDerivative() {
    #expect(gradient(at: 1000.0) { exp($0) } == .infinity)
  }

  @Test func overflowOffThePathToTheOutputDoesNotPoison() {
    let tape = Tape()
    let x = tape.variable(1000.0)
    _ = exp(x)  // recorded, overflowed, but the output does not depend on it
    let y = x * 2
    #expect(y.backward()[x] == 2)
  }

  @Test func poleInTheBranchNotTakenLeaksNoNaN() {
    // The "double where" of JAX issue #1052: log and 1/x at 0, sqrt below 0, atanh at 1 — poles, not overflow.
    let x = Tensor([0, -1, 1, 2])
    let g = gradient(at: x) { x in
      let safe = x.value.map { $0 > 0 && $0 < 1 ? 1 : 0 }
      return Variable.selecting(where: safe, log(x) + sqrt(x) + 1 / x + atanh(x), x * 2).sum()
    }
    #expect(g.scalars == [2, 2, 2, 2])
    // Scalar side: a zero factor in front of an infinite derivative.
    #expect(gradient(at: 0.0) { log($0) * 0 + atanh($0 + 1) * 0 + $0 } == 1)
  }

  @Test func strongZeroAppliesToTheLocalDerivativeToo() {
    // d(x·y)/dx = y = 0 although the adjoint reaching the product is infinite (sqrt′(0) = ∞).
    let g = gradient(at: [1, 0]) { v in sqrt(v[0] * v[1]) }
    #expect(g[0] == 0 && g[1] == .infinity, "\(g)")
    let tape = Tape()
    let (a, b) = (tape.variable(Tensor([1])), tape.variable(Tensor([0])))
    let t = sqrt(a * b).sum().backward()
    #expect(t[a].scalars == [0] && t[b].scalars == [.infinity])
  }
}
