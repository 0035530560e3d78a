import Foundation
import Testing

@testable import AdjointNN

/// The run's size and seed: `ADJOINT_FUZZ_ITERATIONS` (default 5,000 per reader) and `ADJOINT_FUZZ_SEED`
/// (default 20261201) from the environment, so that the same test runs longer (see Docs/Data.md).
private let environment = ProcessInfo.processInfo.environment
private let iterations = environment["ADJOINT_FUZZ_ITERATIONS"].flatMap { Int($0) } ?? 5_000
private let seed = environment["ADJOINT_FUZZ_SEED"].flatMap { UInt64($0) } ?? 20_261_201
/// With `ADJOINT_FUZZ_TRACE=1` each input's number is printed before it runs, so that a trap names its input.
private let isTracing = environment["ADJOINT_FUZZ_TRACE"] == "1"

/// Runs `iterations` structure-aware mutations of `target`'s seeds and returns the counts.
private func fuzz(_ target: ReaderFuzzTarget) -> FuzzReport {
  var report = FuzzReport(target: target.rawValue)
  for index in 0..<iterations {
    if isTracing { print("fuzz \(target.rawValue): seed \(seed), input \(index)") }
    report.record(target.run(seed: seed, index: index), input: index)
  }
  print(report.summary)
  return report
}

/// A seeded, bounded pass of the reader fuzz harness: every mutated input parses or throws the reader's typed
/// error (a trap would end the test process), and the mutations reach the checks deep inside each format.
@Suite struct ReaderFuzzTests {
  @Test func mutatedIDXFilesParseOrThrowTypedErrors() {
    let report = fuzz(.idx)
    #expect(report.violations.isEmpty, "\(report.violations.prefix(5))")
    #expect(report.tried == iterations && report.parsed > 0)
    for kind in ["invalidHeaderField", "truncatedFile", "trailingBytes", "wrongMagicNumber", "countMismatch"] {
      #expect(report.rejections[kind, default: 0] > 0 || iterations < 1_000, "no input was rejected with \(kind)")
    }
  }

  @Test func mutatedCSVFilesParseOrThrowTypedErrors() {
    let report = fuzz(.csv)
    #expect(report.violations.isEmpty, "\(report.violations.prefix(5))")
    #expect(report.tried == iterations && report.parsed > 0)
    for kind in ["invalidLabel", "labelOutOfRange", "tooManyClasses", "sparseLabels", "wrongFieldCount", "invalidNumber"] {
      #expect(report.rejections[kind, default: 0] > 0 || iterations < 1_000, "no input was rejected with \(kind)")
    }
  }

  @Test func mutatedArchivesParseOrThrowTypedErrors() {
    let report = fuzz(.archive)
    #expect(report.violations.isEmpty, "\(report.violations.prefix(5))")
    #expect(report.tried == iterations && report.parsed > 0)
    for kind in ["corrupted", "checksumMismatch", "truncated", "unsupportedVersion"] {
      #expect(report.rejections[kind, default: 0] > 0 || iterations < 1_000, "no input was rejected with \(kind)")
    }
  }
}
