extension ArgumentParser {
  /// The text `--help` prints: usage, summary, then each argument with its description and default.
  ///
  /// ```
  /// Usage: adjoint bench [options] <workload> [<repetitions>]
  ///
  /// Runs a benchmark workload.
  ///
  /// Arguments:
  ///   <workload>     The workload to run. (required)
  ///   <repetitions>  How many times to run it. (default: 5)
  ///
  /// Options:
  ///   -h, --help     Show this help.
  /// ```
  ///
  /// Names are padded to the longest (up to 32 characters); a longer name puts its description on the next line.
  public var helpText: String {
    let positionals = arguments.filter { $0.kind == .positional }
    let options = arguments.filter { $0.kind != .positional }
    let usage = (["Usage: \(command)", "[options]"] + positionals.map { $0.isRequired ? $0.displayName : "[\($0.displayName)]" })
      .joined(separator: " ")

    var rows: [(left: String, right: String)] = []
    var sections: [(title: String, range: Range<Int>)] = []
    if !positionals.isEmpty {
      let start = rows.count
      rows += positionals.map { ($0.displayName, describe($0)) }
      sections.append(("Arguments:", start..<rows.count))
    }
    let start = rows.count
    rows += options.map { option in
      let left = option.kind == .flag ? option.displayName : "\(option.displayName) \(option.placeholder ?? "VALUE")"
      return (left, describe(option))
    }
    rows.append(("-h, --help", "Show this help."))
    sections.append(("Options:", start..<rows.count))

    let width = min(32, rows.map(\.left.count).max() ?? 0) + 2
    var lines = [usage, "", summary]
    for section in sections {
      lines += ["", section.title]
      for (left, right) in rows[section.range] {
        if left.count + 2 > width {
          lines.append("  \(left)")
          lines.append(String(repeating: " ", count: width + 2) + right)
        } else {
          lines.append("  " + left.padding(toLength: width) + right)
        }
      }
    }
    return lines.joined(separator: "\n")
  }

  /// The help sentence with the default or "(required)" after it.
  private func describe(_ argument: ArgumentSpecification) -> String {
    if argument.isRequired { return argument.help + " (required)" }
    if let value = argument.defaultDescription { return argument.help + " (default: \(value))" }
    return argument.help
  }
}

extension String {
  /// The string followed by spaces up to `length` characters.
  fileprivate func padding(toLength length: Int) -> String {
    self + String(repeating: " ", count: Swift.max(0, length - count))
  }
}
