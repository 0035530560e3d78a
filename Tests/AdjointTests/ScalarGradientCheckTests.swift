import Foundation
import Testing

@testable import Adjoint

/// The gradient of every scalar primitive, alone and composed, against central differences (the oracle is
/// `checkGradient`'s numerical side, which evaluates the function on plain constants and records nothing).
/// The rows are `GradientCheckCatalog.scalarPrimitives`.
@Suite struct ScalarGradientCheckTests {
  /// Five seeded points per row.
  static let instances = GradientCheckCatalog.scalarPrimitives.instances(seeds: 1...5)

  @Test(arguments: instances)
  func primitiveMatchesFiniteDifferences(_ instance: GradientCheckCase.Instance) {
    expectCheckPasses(instance)
  }

  /// f(x) · g(y) + x for every ordered pair of rows (f, g): products and sums of every primitive with every
  /// other, with `x` reaching the output by two paths.
  @Test(arguments: GradientCheckCatalog.scalarPrimitives)
  func composedWithEveryPrimitive(_ f: GradientCheckCase) {
    for g in GradientCheckCatalog.scalarPrimitives {
      let name = "\(f.name) · \(g.name) + x"
      let (fn, gn, arity) = (f.scalarFunction, g.scalarFunction, f.arity)
      expectGradientMatchesFiniteDifferences(name, in: f.domains + g.domains, points: 2, seed: seed(for: name)) { v in
        fn(Array(v[..<arity])) * gn(Array(v[arity...])) + v[0]
      }
    }
  }

  /// y · y + y · x with y = f(x): the result of a primitive, and its input, used several times.
  @Test(arguments: GradientCheckCatalog.scalarPrimitives)
  func fannedOut(_ f: GradientCheckCase) {
    let name = "y * y + y * x, y = \(f.name)"
    expectGradientMatchesFiniteDifferences(name, in: f.domains, points: 3, seed: seed(for: name)) { v in
      let y = f.scalarFunction(v)
      return y * y + y * v[0]
    }
  }

  /// Guards the catalog: every operation the engine can record appears in some row, so that a new
  /// primitive without a gradient check fails here.
  @Test func catalogCoversEveryScalarOperation() {
    var recorded = Set<ScalarOp>()
    for row in GradientCheckCatalog.scalarPrimitives + GradientCheckCatalog.elementwiseFunctions {
      guard case .scalars = row.function else { continue }
      let tape = Tape()
      let inputs = tape.variables(row.domains.map(\.lowerBound))
      _ = row.scalarFunction(inputs)
      for i in 0..<tape.count { recorded.insert(tape.arena.pointee.entries[i].op) }
    }
    // `.tensorElement` joins a tensor node to a scalar one: its rows are in `GradientCheckCatalog.operators`.
    let notScalarOperations: Set<ScalarOp> = [.leaf, .tensorLeaf, .tensor, .identity, .tensorElement]
    #expect(GradientCheckCatalog.operators.contains { $0.name.hasPrefix("tensor[element: i, j]") })
    let all = Set((0...UInt8.max).compactMap(ScalarOp.init(rawValue:)))
    let missing = all.subtracting(notScalarOperations).subtracting(recorded)
    #expect(missing.isEmpty, "operations with no row in the catalog: \(missing.sorted { $0.rawValue < $1.rawValue })")
    #expect(GradientCheckCatalog.scalarPrimitives.count >= 58)
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
