import Adjoint
import AdjointNN
import Foundation

/// A titled part of the catalog, as `adjoint gradcheck` runs and prints it.
struct GradientCheckGroup: Sendable {
  /// The title printed above the group's rows: `scalar primitives`.
  let title: String
  /// The rows.
  let cases: [GradientCheckCase]

  /// The whole catalog: the engine's scalar primitives, tensor primitives, second order,
  /// reductions and indexing, elementwise functions, convolution, linear algebra and the differential operators,
  /// then AdjointNN's layers and losses (`planCoversTheWholeCatalog` checks that none is left out).
  static let catalog: [GradientCheckGroup] = [
    GradientCheckGroup(title: "scalar primitives", cases: GradientCheckCatalog.scalarPrimitives),
    GradientCheckGroup(title: "tensor primitives", cases: GradientCheckCatalog.tensorPrimitives),
    GradientCheckGroup(title: "second order", cases: GradientCheckCatalog.secondOrder),
    GradientCheckGroup(title: "reductions and indexing", cases: GradientCheckCatalog.reductionsAndIndexing),
    GradientCheckGroup(title: "elementwise functions", cases: GradientCheckCatalog.elementwiseFunctions),
    GradientCheckGroup(title: "convolution, pooling and normalization", cases: GradientCheckCatalog.convolution),
    GradientCheckGroup(title: "linear algebra", cases: GradientCheckCatalog.linearAlgebra + GradientCheckCatalog.linearAlgebraSecondOrder),
    GradientCheckGroup(
      title: "batched linear algebra",
      cases: GradientCheckCatalog.batchedLinearAlgebra + GradientCheckCatalog.batchedLinearAlgebraSecondOrder),
    GradientCheckGroup(
      title: "batch-polymorphic rules",
      cases: GradientCheckCatalog.batchPolymorphicRules + GradientCheckCatalog.batchPolymorphicRulesSecondOrder),
    GradientCheckGroup(title: "differential operators: scalar–tensor edges, custom rules, checkpointing", cases: GradientCheckCatalog.operators),
    GradientCheckGroup(title: "layers and losses", cases: GradientCheckCatalog.layersAndLosses),
  ]
}

/// The checks to run: for each group that has any, the instances of its rows whose name contains the filter.
struct GradientCheckPlan {
  /// Each non-empty group's title and its checks, in catalog order.
  let groups: [(title: String, instances: [GradientCheckCase.Instance])]

  /// Selects the rows of `groups` whose name contains `filter` (ignoring case; every row when `nil` or
  /// empty), each at every shape set with seeds 1…`seedCount`.
  ///
  /// - Precondition: `seedCount >= 1`.
  init(groups: [GradientCheckGroup], filter: String?, seedCount: Int) {
    checkPrecondition(seedCount >= 1, "adjoint gradcheck: seedCount must be at least 1, got \(seedCount)")
    let seeds = 1...UInt64(seedCount)
    self.groups = groups.compactMap { group in
      let rows = group.cases.filter { row in
        guard let filter, !filter.isEmpty else { return true }
        return row.name.localizedStandardContains(filter)
      }
      return rows.isEmpty ? nil : (group.title, rows.instances(seeds: seeds))
    }
  }

  /// Every check, group after group.
  var instances: [GradientCheckCase.Instance] { groups.flatMap(\.instances) }
}

/// One check and its outcome.
struct GradientCheckResult: Sendable {
  /// What was checked.
  let instance: GradientCheckCase.Instance
  /// How it went.
  let report: GradientCheckReport
}
