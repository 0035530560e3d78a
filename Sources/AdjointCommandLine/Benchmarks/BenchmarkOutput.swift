import Foundation

/// A JSON value of a benchmark record's extra fields.
enum JSONField {
  case int(Int)
  case double(Double)
  case string(String)

  var encoded: String {
    switch self {
    case .int(let i): return "\(i)"
    case .double(let d): return d.isFinite ? "\(d)" : "null"
    case .string(let s): return "\"\(s.replacingOccurrences(of: "\"", with: "\\\""))\""
    }
  }
}

/// One measurement in the peer scripts' format: `{"workload", "system", "dtype", "threads", "metric", "value",
/// "unit", …extra}`.
func jsonLine(
  workload: String, system: String, threads: Int = 1, metric: String, value: Double, unit: String,
  extra: KeyValuePairs<String, JSONField> = [:]
) -> String {
  var fields: [(String, JSONField)] = [
    ("workload", .string(workload)), ("system", .string(system)), ("dtype", .string("float64")),
    ("threads", .int(threads)), ("metric", .string(metric)), ("value", .double(value)), ("unit", .string(unit)),
  ]
  fields += extra.map { ($0.key, $0.value) }
  return "{" + fields.map { "\"\($0.0)\": \($0.1.encoded)" }.joined(separator: ", ") + "}"
}

/// One measurement in the peer scripts' format, with its extra fields in a computed order.
func jsonLine(
  workload: String, system: String, threads: Int = 1, metric: String, value: Double, unit: String,
  fields extra: [(String, JSONField)]
) -> String {
  let fields: [(String, JSONField)] = [
    ("workload", .string(workload)), ("system", .string(system)), ("dtype", .string("float64")),
    ("threads", .int(threads)), ("metric", .string(metric)), ("value", .double(value)), ("unit", .string(unit)),
  ] + extra
  return "{" + fields.map { "\"\($0.0)\": \($0.1.encoded)" }.joined(separator: ", ") + "}"
}

/// Wall-clock seconds taken by `body`.
func measureSeconds(_ body: () -> Void) -> Double {
  let elapsed = ContinuousClock().measure(body)
  return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
}

/// The median of a non-empty sample.
func median(_ xs: [Double]) -> Double {
  let s = xs.sorted()
  guard !s.isEmpty else { return .nan }
  return s.count % 2 == 1 ? s[s.count / 2] : 0.5 * (s[s.count / 2 - 1] + s[s.count / 2])
}

/// Hides a value from the optimizer so that benchmarked work is not folded away.
@inline(never)
func opaque<T>(_ x: T) -> T { x }
