import Testing

@testable import Adjoint

/// The functions added with the one-rule mechanism, against central differences: the rows of
/// `GradientCheckCatalog.elementwiseFunctions` (scalar first, second and third order; tensor shapes with
/// broadcasting; tensor second order) at seeds 1 to 3.
@Suite struct ElementwiseFunctionGradientCheckTests {
  static let instances = GradientCheckCatalog.elementwiseFunctions.instances(seeds: 1...3)

  @Test(arguments: instances)
  func derivativeMatchesCentralDifferences(_ instance: GradientCheckCase.Instance) {
    expectCheckPasses(instance)
  }

  /// Every function of the issue has a scalar row and a tensor row.
  @Test func everyNewFunctionHasScalarAndTensorRows() {
    let names = GradientCheckCatalog.elementwiseFunctions.map(\.name)
    for f in [
      "log1p", "expm1", "erf", "erfc", "lgamma", "digamma", "trigamma", "polygamma", "asin", "acos", "atan",
      "atan2", "sinh", "cosh", "asinh", "acosh", "atanh", "hypot", "square", "cbrt", "logSigmoid", "elu",
      "gelu", "silu", "swish", "floor", "ceil", "round", "sign",
    ] {
      #expect(names.contains { $0.hasPrefix(f + "(") }, "no scalar row for \(f)")
      #expect(names.contains { $0 == f || $0.hasPrefix(f + "(") || $0.hasPrefix(f + " ") }, "no tensor row for \(f)")
    }
  }
}
