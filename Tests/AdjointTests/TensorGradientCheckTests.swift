import Foundation
import Testing

@testable import Adjoint

/// Every tensor primitive against central differences: the rows of `GradientCheckCatalog.tensorPrimitives`
/// at each of their shape sets, with seeds 1 and 2.
@Suite struct TensorGradientCheckTests {
  static let instances = GradientCheckCatalog.tensorPrimitives.instances(seeds: 1...2)

  @Test(arguments: instances)
  func tapeGradientMatchesCentralDifferences(_ instance: GradientCheckCase.Instance) {
    expectCheckPasses(instance)
  }

  /// Guards the catalog: every name a tensor operation records under (`Variable.record("…", …)` in
  /// `Sources/Adjoint/Ops`) is recorded by some row, first order or second order (pullback-only operations
  /// such as the scatter of `gathering` are recorded only when a pullback is differentiated).
  @Test func catalogCoversEveryTensorOperation() throws {
    let ops = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Sources/Adjoint/Ops")
    var defined = Set<String>()
    for file in try FileManager.default.contentsOfDirectory(atPath: ops.path) where file.hasPrefix("Tensor") {
      let source = try String(contentsOf: ops.appendingPathComponent(file), encoding: .utf8)
      for match in source.matches(of: /record\("([^"]+)"/) { defined.insert(String(match.1)) }
      for match in source.matches(of: /recordElementwise\(\.([A-Za-z0-9]+)/) { defined.insert(String(match.1)) }
    }
    #expect(defined.count >= 30, "found only \(defined.sorted()) in \(ops.path)")

    var recorded = Set<String>()
    for row in GradientCheckCatalog.engine {
      guard case .tensors(let f) = row.function else { continue }
      let tape = Tape()
      _ = f(row.inputs(shapes: row.shapeSets[0], seed: 1).map { tape.variable($0) })
      recorded.formUnion(tape.tensorEntries.map(\.name))
    }
    let missing = defined.subtracting(recorded)
    #expect(missing.isEmpty, "tensor operations no catalog row records: \(missing.sorted())")
  }

  @Test func catalogHasRowsForEveryFamily() {
    let rows = GradientCheckCatalog.tensorPrimitives
    #expect(rows.count >= 80)
    #expect(Self.instances.count >= 386)  // the size of the test table the catalog replaced
    for name in ["x + y", "x / y", "exp", "relu", "sum()", "max(alongAxes: [1])", "softmax(alongAxis: -1)",
                 "reshaped(to: [2, -1])", "gathering(columnPerRow:)", "A·B", "Aᵀ·Bᵀ"] {
      #expect(rows.contains { $0.name == name }, "no row \"\(name)\"")
    }
  }

  /// The check is not vacuous: a custom operation whose pullback is twice the true derivative fails it,
  /// and the report names the tape's value and the numerical one.
  @Test func pullbackWrongByAFactorOfTwoIsCaught() {
    func square(_ x: Variable<Tensor>) -> Variable<Tensor> {
      Variable.record("wrongSquare", value: x.value * x.value, inputs: [x]) { v, inputs, _ in
        [4 * v * inputs[0]]  // the derivative is 2x
      }
    }
    let x = Tensor([0.5, -1.5, 2])
    let report = checkGradient(at: [x]) { square($0[0]).sum() }
    #expect(!report.passed, "\(report)")
    expectClose(report.analytic, 2 * report.numerical, relative: 1e-6)

    let right = checkGradient(at: [x]) { ($0[0] * $0[0]).sum() }
    #expect(right.passed, "\(right)")
  }

  /// A catalog row built from the same wrong operation fails too.
  @Test func catalogRowWithAWrongPullbackFails() {
    let row = GradientCheckCase("wrong square", shapeSets: [[[3, 4]]]) { v in
      Variable.record("wrongSquare", value: v[0].value * v[0].value, inputs: v) { v, inputs, _ in [4 * v * inputs[0]] }
    }
    #expect(row.instances(seeds: 1...2).allSatisfy { !$0.check().passed })
  }
}
