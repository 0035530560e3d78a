import Adjoint
import Testing

// Access to the scalar rows of `GradientCheckCatalog` for the tests that compose them.

extension GradientCheckCase {
  /// The number of inputs of the first shape set (a scalar row has one shape set).
  var arity: Int { shapeSets[0].count }

  /// The range of each input, in order.
  var domains: [ClosedRange<Double>] { (0..<arity).map { range(ofInput: $0) } }

  /// The function of a scalar row.
  var scalarFunction: @Sendable ([Variable<Double>]) -> Variable<Double> {
    guard case .scalars(let f) = function else { preconditionFailure("\(name) is not a scalar row") }
    return f
  }
}

/// Expects a catalog check to pass, with the report in the failure message, at the caller's line.
func expectCheckPasses(_ instance: GradientCheckCase.Instance, sourceLocation: SourceLocation = #_sourceLocation) {
  let report = instance.check()
  #expect(report.passed, "\(instance): \(report)", sourceLocation: sourceLocation)
}
