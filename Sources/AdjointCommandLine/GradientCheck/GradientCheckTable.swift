import AdjointNN
import Foundation

/// The text `adjoint gradcheck` prints: an aligned table with one row per check (op, shape, seed, max abs
/// error, max rel error, pass), the summary line, and the failures again with their worst element.
///
///     op       shape      seed  max abs error  max rel error  pass
///     x + y    scalar ×2     1        1.1e-10        5.5e-11  ok
struct GradientCheckTable {
  /// The width of the op column: the longest name of the checks (at least the header's).
  let opWidth: Int
  /// The width of the shape column.
  let shapeWidth: Int

  /// A table wide enough for every one of `instances`.
  init(instances: [GradientCheckCase.Instance]) {
    opWidth = instances.map(\.row.name.count).reduce("op".count, Swift.max)
    shapeWidth = instances.map(\.shapeDescription.count).reduce("shape".count, Swift.max)
  }

  /// The column titles.
  var header: String {
    line(op: "op", shape: "shape", seed: "seed", absolute: "max abs error", relative: "max rel error", pass: "pass")
  }

  /// The title line above a group's rows: `-- tensor primitives --`.
  func title(_ group: String) -> String { "-- \(group) --" }

  /// The row of one check.
  func row(_ result: GradientCheckResult) -> String {
    line(
      op: result.instance.row.name, shape: result.instance.shapeDescription, seed: "\(result.instance.seed)",
      absolute: Self.scientific(result.report.maxAbsoluteError),
      relative: Self.scientific(result.report.maxRelativeError), pass: result.report.passed ? "ok" : "FAIL")
  }

  private func line(op: String, shape: String, seed: String, absolute: String, relative: String, pass: String) -> String {
    [
      op.padded(to: opWidth), shape.padded(to: shapeWidth), seed.padded(to: 4, right: true),
      absolute.padded(to: 13, right: true), relative.padded(to: 13, right: true), pass,
    ].joined(separator: "  ")
  }

  /// `gradcheck: 812 checks, 812 passed, 0 failed`.
  static func summary(_ results: [GradientCheckResult]) -> String {
    let passed = results.filter(\.report.passed).count
    let checks = results.count == 1 ? "1 check" : "\(results.count) checks"
    return "gradcheck: \(checks), \(passed) passed, \(results.count - passed) failed"
  }

  /// The failed checks, one line each with the worst element's tape and numerical derivatives, under the
  /// heading `failures:`; empty when every check passed.
  static func failures(_ results: [GradientCheckResult]) -> String {
    let failed = results.filter { !$0.report.passed }
    guard !failed.isEmpty else { return "" }
    let lines = failed.map { result in
      let r = result.report
      return "  \(result.instance): input \(r.worstInput) element \(r.worstOffset): tape \(r.analytic) vs numerical "
        + "\(r.numerical) (max abs error \(scientific(r.maxAbsoluteError)), max rel error \(scientific(r.maxRelativeError)))"
    }
    return (["failures:"] + lines).joined(separator: "\n")
  }

  /// A number as `1.2e-10` (`nan` for NaN).
  static func scientific(_ x: Double) -> String {
    x.isNaN ? "nan" : String(format: "%.1e", x)
  }
}

extension String {
  /// The string padded with spaces to `width` characters (on the left when `right`), unchanged if longer.
  fileprivate func padded(to width: Int, right: Bool = false) -> String {
    let padding = String(repeating: " ", count: Swift.max(0, width - count))
    return right ? padding + self : self + padding
  }
}
