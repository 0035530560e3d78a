import Foundation

/// Graphviz's `dot` program, found on `PATH`, which renders DOT text to SVG.
struct Graphviz {
  /// The path of the `dot` executable.
  let executable: String

  /// The `dot` on `PATH`, or nil when Graphviz is not installed (Debian: `apt-get install graphviz`).
  static func find(path: String? = ProcessInfo.processInfo.environment["PATH"]) -> Graphviz? {
    for directory in (path ?? "").split(separator: ":") {
      let candidate = "\(directory)/dot"
      if FileManager.default.isExecutableFile(atPath: candidate) { return Graphviz(executable: candidate) }
    }
    return nil
  }

  /// Renders the DOT file at `input` to an SVG file at `output`.
  ///
  /// - Throws: `GraphvizError` when `dot` cannot be started or exits with a failure.
  func renderSVG(from input: String, to output: String) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = ["-Tsvg", input, "-o", output]
    let errors = Pipe()
    process.standardError = errors
    try process.run()
    let message = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw GraphvizError(
        input: input, status: process.terminationStatus, message: String(decoding: message, as: UTF8.self))
    }
  }
}

/// `dot` failed to render a file.
struct GraphvizError: Error, CustomStringConvertible {
  let input: String
  let status: Int32
  let message: String

  var description: String {
    "dot -Tsvg \(input) exited with status \(status): \(message.trimmingCharacters(in: .whitespacesAndNewlines))"
  }
}
