import Adjoint
import Testing

/// The rows of `GradientCheckCatalog.operators` (scalar–tensor edges, custom scalar rules, checkpointed
/// segments; first and second order) against central differences, with seeds 1 to 3.
@Suite struct OperatorsGradientCheckTests {
  static let instances = GradientCheckCatalog.operators.instances(seeds: 1...3)

  @Test(arguments: instances)
  func tapeGradientMatchesCentralDifferences(_ instance: GradientCheckCase.Instance) {
    expectCheckPasses(instance)
  }

  @Test func catalogHasFirstAndSecondOrderRowsForEachEdge() {
    let names = GradientCheckCatalog.operators.map(\.name)
    #expect(names.count == 9)
    #expect(names.filter { $0.hasPrefix("∇") }.count == 4)
  }
}
