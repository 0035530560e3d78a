import Testing

@testable import Adjoint

/// The rows of `GradientCheckCatalog.reductionsAndIndexing` (first and second order) against central
/// differences, at each of their shape sets with seeds 1 and 2.
@Suite struct ReductionsAndIndexingGradientCheckTests {
  static let instances = GradientCheckCatalog.reductionsAndIndexing.instances(seeds: 1...2)

  @Test(arguments: instances)
  func tapeGradientMatchesCentralDifferences(_ instance: GradientCheckCase.Instance) {
    expectCheckPasses(instance)
  }

  @Test func everyNewOperationHasFirstAndSecondOrderRows() {
    let names = GradientCheckCatalog.reductionsAndIndexing.map(\.name)
    for op in ["prod", "variance", "standardDeviation", "norm", "cumulativeSum", "logSumExp", "select", "gathering", "scattering", "x["] {
      #expect(names.contains { $0.hasPrefix(op) }, "no first-order row for \(op)")
      #expect(names.contains { $0.hasPrefix("∇ " + op) }, "no second-order row for \(op)")
    }
    #expect(GradientCheckCatalog.engine.count(where: { $0.name.hasPrefix("prod") }) >= 8)
  }
}
