#if canImport(Runtime) && os(Linux)
import Runtime
#endif

// Where an operation was recorded: the call stack captured at record time while numerics checking is on,
// symbolicated only when a report is printed. A report shows the first frames outside Adjoint — the user's
// function and line — using the toolchain's Runtime module (Swift 6.2 and later), which reads the DWARF
// line tables that `swift build` emits in debug and release builds alike. Without line tables (a stripped
// binary) it still names the functions; without the Runtime module it says so.

/// The call stack of one recorded operation.
struct RecordingSite {
  #if canImport(Runtime) && os(Linux)
  let backtrace: Backtrace
  #endif

  /// How many frames to keep: enough to pass Adjoint's own frames and reach several of the caller's.
  static let frameLimit = 40

  /// How many frames outside Adjoint a report prints.
  static let reportedFrames = 4

  /// Captures the caller's call stack, or nil where that is not supported.
  static func capture(images: ImageMapBox) -> RecordingSite? {
    #if canImport(Runtime) && os(Linux)
    guard let backtrace = try? Backtrace.capture(algorithm: .fast, limit: frameLimit, top: 0, images: images.map)
    else { return nil }
    return RecordingSite(backtrace: backtrace)
    #else
    return nil
    #endif
  }

  /// The first frames outside Adjoint, one per line: `at FILE:LINE:COLUMN in FUNCTION`, or the function and
  /// its image where the binary has no line tables.
  func describe(images: ImageMapBox, indent: String) -> String {
    #if canImport(Runtime) && os(Linux)
    guard let symbolicated = backtrace.symbolicated(with: images.map, options: [.showInlineFrames, .showSourceLocations])
    else { return indent + "(the call stack could not be symbolicated)" }
    var lines: [String] = []
    for frame in symbolicated.frames where lines.count < Self.reportedFrames {
      guard let symbol = frame.symbol else { continue }  // the C start-up code below `main`
      if Self.isInsideAdjoint(symbol) || frame.isSwiftThunk || frame.isSystem { continue }
      if let location = symbol.sourceLocation {
        lines.append(indent + "at \(location.path):\(location.line):\(location.column) in \(symbol.name)")
      } else {
        lines.append(indent + "in \(symbol.name) (\(symbol.imageName)+0x\(String(symbol.offset, radix: 16)); no line table: build with -g)")
      }
      if symbol.rawName == "main" || symbol.rawName.hasSuffix("_main") { break }  // nothing of the program below
    }
    return lines.isEmpty ? indent + "(no frame outside Adjoint)" : lines.joined(separator: "\n")
    #else
    return indent + "(call stacks need Swift 6.2's Runtime module on Linux)"
    #endif
  }

  #if canImport(Runtime) && os(Linux)
  /// Frames of this module (mangled names of module `Adjoint` start with `$s7Adjoint`), and of the Swift
  /// runtime and standard library, are skipped.
  private static func isInsideAdjoint(_ symbol: SymbolicatedBacktrace.Symbol) -> Bool {
    if symbol.rawName.hasPrefix("$s7Adjoint") { return true }
    if let path = symbol.sourceLocation?.path, path.contains("/Sources/Adjoint/") { return true }
    let image = symbol.imageName
    return image.hasPrefix("libswiftCore") || image.hasPrefix("libswiftRuntime") || image.hasPrefix("libswift_Concurrency")
      || symbol.rawName.hasPrefix("$ss") || symbol.rawName.hasPrefix("$sS")
  }
  #endif
}

/// The process's loaded images, captured once per checking tape so that each capture is only an unwind.
final class ImageMapBox {
  #if canImport(Runtime) && os(Linux)
  let map = ImageMap.capture()
  #endif
}
