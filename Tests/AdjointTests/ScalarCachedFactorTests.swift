import Foundation
import Testing

@testable import Adjoint

/// `sin` and `cos` record, beside their value, the other function (computed with it by one `sincos` call),
/// and the first-order sweeps read it instead of calling `cos` or `sin` again (`ScalarOperands.factor`).
/// These tests check that the cache is what it claims to be, that every derivative through it is the
/// closed form (first order bit for bit, higher orders through the recorded sweep and the several-seeds
/// sweep), and that a reset tape never reads a cache of its previous recording.
@Suite struct ScalarCachedFactorTests {
  /// Arguments across the ranges where glibc's `sin` and `cos` take different paths: tiny (|x| < 2⁻²⁶),
  /// small, near multiples of π/2, medium (|x| < 10⁵, Cody–Waite reduction), and huge (Payne–Hanek).
  static func arguments() -> [Double] {
    var g = SplitMix64(seed: 0x51C0_5CAC)
    var xs: [Double] = [0, -0.0, 1e-300, -1e-300, .leastNonzeroMagnitude, 1e-9, 0.5, 1, .pi / 2, .pi, 2 * .pi,
                        1e5, 1e22, -1e22, .greatestFiniteMagnitude, -.greatestFiniteMagnitude]
    for exponent in stride(from: -30.0, through: 300.0, by: 10) {
      for _ in 0..<200 {
        let u = Double(g.next() >> 11) / Double(1 << 53)
        xs.append((2 * u - 1) * pow(2, exponent))
      }
    }
    for k in 1...200 { xs.append(Double(k) * .pi / 2) }
    return xs
  }

  /// The premise of the cache: glibc's `sincos` returns exactly what `sin` and `cos` return, so a gradient
  /// through the cache is bit for bit the one computed with `cos` in the sweep.
  @Test func sinCosGivesTheBitsOfSinAndOfCos() {
    for x in Self.arguments() {
      let (s, c) = libmSinCos(x)
      #expect(s.bitPattern == Foundation.sin(x).bitPattern, "sin(\(x))")
      #expect(c.bitPattern == Foundation.cos(x).bitPattern, "cos(\(x))")
    }
    let (s, c) = libmSinCos(.infinity)
    #expect(s.isNaN && c.isNaN)
  }

  /// The node's constant field holds the factor, not 0: this is what the sweep reads.
  @Test func sinAndCosNodesStoreTheOtherFunction() {
    let tape = Tape()
    let x = tape.variable(0.7)
    let s = sin(x)
    let c = cos(x)
    #expect(tape.arena.pointee.entries[Int(s.index)].op == .sin)
    #expect(tape.arena.pointee.entries[Int(s.index)].aux == Foundation.cos(0.7))
    #expect(tape.arena.pointee.entries[Int(c.index)].op == .cos)
    #expect(tape.arena.pointee.entries[Int(c.index)].aux == Foundation.sin(0.7))
    #expect(s.value == Foundation.sin(0.7) && c.value == Foundation.cos(0.7))
    // Only these two operations use the field for a cached factor; the others keep a user constant or 0.
    let caching = (0...UInt8.max).compactMap(ScalarOp.init(rawValue:)).filter(\.cachesFactor)
    #expect(caching == [.sin, .cos])
  }

  /// First order, through the cached factor: d sin = cos x and d cos = −sin x exactly (the closed form
  /// evaluated with libm), also inside a longer chain where the adjoint is not 1.
  @Test(arguments: [-3.0, -1.2, -1e-9, 0, 0.4, 2.5, 1e5, 1e22])
  func firstDerivativesAreTheClosedFormBitForBit(_ x: Double) {
    #expect(gradient(at: x) { sin($0) } == Foundation.cos(x))
    #expect(gradient(at: x) { cos($0) } == -Foundation.sin(x))
    // d(3·sin x)/dx = 3·cos x: the adjoint 3 times the cached cos x.
    #expect(gradient(at: x) { 3 * sin($0) } == 3 * Foundation.cos(x))
  }

  /// Second and third derivatives by nested sweeps: the recorded sweep records cos x (and −sin x) as
  /// operations, so they differentiate again: sin″ = −sin, sin‴ = −cos, cos″ = −cos, cos‴ = sin.
  @Test(arguments: [-2.2, -0.6, 0.3, 1.9])
  func secondAndThirdDerivativesAreTheClosedForms(_ x: Double) {
    let sin2 = gradient(at: x) { x in gradient(at: x) { sin($0) } }
    let sin3 = gradient(at: x) { x in gradient(at: x) { x in gradient(at: x) { sin($0) } } }
    let cos2 = gradient(at: x) { x in gradient(at: x) { cos($0) } }
    let cos3 = gradient(at: x) { x in gradient(at: x) { x in gradient(at: x) { cos($0) } } }
    expectClose(sin2, -Foundation.sin(x), absolute: 1e-15)
    expectClose(sin3, -Foundation.cos(x), absolute: 1e-15)
    expectClose(cos2, -Foundation.cos(x), absolute: 1e-15)
    expectClose(cos3, Foundation.sin(x), absolute: 1e-15)
  }

  /// The Hessian (its rows come from the several-seeds sweep, which evaluates the rules at v = 1 with the
  /// cached factors of the recorded gradient's own `sin` and `cos` nodes) of f = sin(x)·cos(y):
  /// H = [[−sin x cos y, −cos x sin y], [−cos x sin y, −sin x cos y]].
  @Test func hessianOfSinTimesCosIsTheClosedForm() {
    let (x, y) = (0.9, -1.4)
    let h = hessian(at: [x, y]) { v in sin(v[0]) * cos(v[1]) }
    let sxcy = Foundation.sin(x) * Foundation.cos(y)
    let cxsy = Foundation.cos(x) * Foundation.sin(y)
    expectClose(h[0], [-sxcy, -cxsy], absolute: 1e-15)
    expectClose(h[1], [-cxsy, -sxcy], absolute: 1e-15)
  }

  /// The Jacobian of (sin(x₀x₁), cos(x₀ + x₁)) in both modes (reverse rows read the cached factors;
  /// forward columns go through the several-seeds sweep's tangent walk, which reads them too).
  @Test(arguments: [JacobianMode.reverse, JacobianMode.forward])
  func jacobianThroughSinAndCosIsTheClosedForm(_ mode: JacobianMode) {
    let (a, b) = (0.8, -0.3)
    let j = jacobian(at: [a, b], mode: mode) { v in [sin(v[0] * v[1]), cos(v[0] + v[1])] }
    let c = Foundation.cos(a * b), s = Foundation.sin(a + b)
    expectClose(j[0], [c * b, c * a])
    expectClose(j[1], [-s, -s])
  }

  /// After `reset()` the same node indices are recorded again: a node must carry its own recording's
  /// factor. The first recording puts sin(0.3) at an index; the second puts cos(1.7) and then sin(-2.1)
  /// around it, so a stale factor would give cos(0.3)-based values.
  @Test func aResetTapeReadsTheFactorsOfItsNewRecording() {
    let tape = Tape()
    do {
      let x = tape.variable(0.3)
      let s = sin(x)
      #expect(s.backward()[x] == Foundation.cos(0.3))
    }
    tape.reset()
    let x = tape.variable(1.7)
    let c = cos(x)
    let s = sin(tape.variable(-2.1))
    let g = (c + s).backward()
    #expect(g[x] == -Foundation.sin(1.7))
  }

  /// The checked sweep (numerics checking on) reads the same factors and gives the same gradient.
  @Test func numericsCheckingGivesTheSameGradient() {
    let plain = gradient(at: [0.4, 1.1]) { v in sin(v[0]) * cos(v[1]) + cos(v[0] * v[1]) }
    let checked = withNumericsChecking {
      gradient(at: [0.4, 1.1]) { v in sin(v[0]) * cos(v[1]) + cos(v[0] * v[1]) }
    }
    #expect(plain == checked)
    let (x, y) = (0.4, 1.1)
    expectClose(plain, [
      Foundation.cos(x) * Foundation.cos(y) - Foundation.sin(x * y) * y,
      -Foundation.sin(x) * Foundation.sin(y) - Foundation.sin(x * y) * x,
    ])
  }

  /// The graph view shows the operation, not the cached number, for `sin` and `cos` nodes.
  @Test func graphSymbolsDoNotShowTheCachedFactor() {
    let tape = Tape()
    let x = tape.variable(0.5)
    let y = sin(x) + cos(x)
    let graph = TapeGraph(of: y)
    let symbols = graph.nodes.filter { $0.operation == "sin" || $0.operation == "cos" }.map(\.symbol)
    #expect(symbols.sorted() == ["cos", "sin"])
  }

  /// A constant (unrecorded) argument records nothing and gives the plain value.
  @Test func constantArgumentsGiveThePlainValues() {
    #expect(sin(Variable<Double>(0.25)).value == Foundation.sin(0.25))
    #expect(cos(Variable<Double>(0.25)).value == Foundation.cos(0.25))
    #expect(!sin(Variable<Double>(0.25)).isRecorded)
  }
}
