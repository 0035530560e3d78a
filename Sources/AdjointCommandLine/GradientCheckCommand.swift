import AdjointNN
import Foundation

/// `adjoint gradcheck [--filter TEXT] [--seeds N]`: every primitive, layer and loss of
/// `GradientCheckCatalog` against central differences, one table row per check, then a summary line; the
/// exit status is 1 if any check failed.
enum GradientCheckCommand {
  static let summary = "Checks the gradient of every primitive, layer and loss against central differences."

  static let filter = Option<String?>(
    "filter", placeholder: "TEXT", default: nil, help: "Only the ops whose name contains TEXT (ignoring case).")
  static let seeds = Option<Int>("seeds", default: 2, help: "Seeds per shape set (1…N): inputs drawn N times.") {
    $0 >= 1 ? nil : "must be at least 1"
  }

  static var parser: ArgumentParser {
    ArgumentParser(command: "adjoint gradcheck", summary: summary, arguments: [filter, seeds])
  }

  static func run(_ arguments: [String]) -> Int32 {
    let parsed: ParsedArguments
    switch parseOrExit(parser, arguments) {
    case .success(let p): parsed = p
    case .failure(let status): return status.code
    }
    return run(
      groups: GradientCheckGroup.catalog, filter: parsed[filter], seedCount: parsed[seeds],
      output: { print($0) }, errorOutput: printError)
  }

  /// Runs the checks of `groups` selected by `filter` with seeds 1…`seedCount`, writing the table, the
  /// summary and any failures line by line to `output`.
  ///
  /// - Returns: 0 when every check passed, 1 when one failed or when the filter selects nothing.
  static func run(
    groups: [GradientCheckGroup], filter: String?, seedCount: Int, output: (String) -> Void,
    errorOutput: (String) -> Void
  ) -> Int32 {
    let plan = GradientCheckPlan(groups: groups, filter: filter, seedCount: seedCount)
    guard !plan.groups.isEmpty else {
      errorOutput("adjoint gradcheck: no op name contains \"\(filter ?? "")\"")
      return 1
    }
    let table = GradientCheckTable(instances: plan.instances)
    output(table.header)
    var results: [GradientCheckResult] = []
    for group in plan.groups {
      output(table.title(group.title))
      for instance in group.instances {
        let result = GradientCheckResult(instance: instance, report: instance.check())
        output(table.row(result))
        results.append(result)
      }
    }
    output(GradientCheckTable.summary(results))
    let failures = GradientCheckTable.failures(results)
    if !failures.isEmpty { output(failures) }
    return results.allSatisfy(\.report.passed) ? 0 : 1
  }
}
