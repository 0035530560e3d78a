import Foundation
import Testing

@testable import Adjoint

/// The gradient of every scalar primitive, alone and composed, against central differences (the oracle is
/// `checkGradient`'s numerical side, which evaluates the function on plain constants and records nothing).
@Suite struct ScalarGradientCheckTests {
  @Test(arguments: ScalarPrimitive.table)
  func primitiveMatchesFiniteDifferences(_ p: ScalarPrimitive) {
    expectGradientMatchesFiniteDifferences(p.name, in: p.domains, points: 5, seed: seed(for: p.name), of: p.function)
  }

  /// f(x) · g(y) + x for every ordered pair of rows (f, g): products and sums of every primitive with every
  /// other, with `x` reaching the output by two paths.
  @Test(arguments: ScalarPrimitive.table)
  func composedWithEveryPrimitive(_ f: ScalarPrimitive) {
    for g in ScalarPrimitive.table {
      let name = "\(f.name) · \(g.name) + x"
      expectGradientMatchesFiniteDifferences(name, in: f.domains + g.domains, points: 2, seed: seed(for: name)) { v in
        f.function(Array(v[..<f.arity])) * g.function(Array(v[f.arity...])) + v[0]
      }
    }
  }

  /// y · y + y · x with y = f(x): the result of a primitive, and its input, used several times.
  @Test(arguments: ScalarPrimitive.table)
  func fannedOut(_ f: ScalarPrimitive) {
    let name = "y * y + y * x, y = \(f.name)"
    expectGradientMatchesFiniteDifferences(name, in: f.domains, points: 3, seed: seed(for: name)) { v in
      let y = f.function(v)
      return y * y + y * v[0]
    }
  }

  /// Guards the table itself: every operation the engine can record appears in some row, so that a new
  /// primitive without a gradient check fails here.
  @Test func tableCoversEveryScalarOperation() {
    var recorded = Set<ScalarOp>()
    for p in ScalarPrimitive.table {
      let tape = Tape()
      let inputs = tape.variables(p.domains.map(\.lowerBound))
      _ = p.function(inputs)
      for i in 0..<tape.count { recorded.insert(tape.arena.pointee.entries[i].op) }
    }
    let notScalarOperations: Set<ScalarOp> = [.leaf, .tensorLeaf, .tensor, .identity]
    let all = Set((0...UInt8.max).compactMap(ScalarOp.init(rawValue:)))
    let missing = all.subtracting(notScalarOperations).subtracting(recorded)
    #expect(missing.isEmpty, "operations with no row in ScalarPrimitive.table: \(missing.sorted { $0.rawValue < $1.rawValue })")
  }

  /// The oracle is not vacuous: a function whose recorded derivative is wrong fails the check. Recorded, it
  /// computes cos x plus a constant (derivative −sin x); on constants, sin x (derivative cos x).
  @Test func checkRejectsAWrongDerivative() {
    let report = checkGradient(at: [0.7]) { v in
      v[0].isRecorded ? cos(v[0]) + (sin(v[0].value) - cos(v[0].value)) : sin(v[0])
    }
    #expect(!report.passed, "\(report)")
    expectClose(report.analytic, -sin(0.7), relative: 1e-12)
    expectClose(report.numerical, cos(0.7), relative: 1e-6)
  }
}
