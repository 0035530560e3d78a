import Adjoint
import Foundation

/// The peer benchmarks' fixed inputs (data and initial weights), read from `Tests/Benchmarks/peers/data` (or the
/// directory in `ADJOINT_BENCH_DATA`), so that Adjoint trains on exactly what the peers train on.
enum BenchmarkData {
  static var directory: URL {
    URL(fileURLWithPath: ProcessInfo.processInfo.environment["ADJOINT_BENCH_DATA"] ?? "Tests/Benchmarks/peers/data")
  }

  struct MissingFile: Error, CustomStringConvertible {
    let path: String
    let reason: String
    var description: String {
      "cannot read \(path) (\(reason)); run from the repository root or set ADJOINT_BENCH_DATA to Tests/Benchmarks/peers/data"
    }
  }

  /// A JSON object from the data directory.
  static func json(_ name: String) throws -> [String: Any] {
    let url = directory.appendingPathComponent(name)
    do {
      let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
      guard let dictionary = object as? [String: Any] else { throw MissingFile(path: url.path, reason: "not a JSON object") }
      return dictionary
    } catch let error as MissingFile {
      throw error
    } catch {
      throw MissingFile(path: url.path, reason: "\(error.localizedDescription)")
    }
  }

  /// A matrix stored as a JSON array of rows.
  static func matrix(_ value: Any?, _ name: String) throws -> Tensor {
    guard let rows = value as? [[Double]] else { throw MissingFile(path: name, reason: "expected a matrix") }
    return Tensor(rows)
  }

  /// A vector stored as a JSON array.
  static func vector(_ value: Any?, _ name: String) throws -> Tensor {
    guard let scalars = value as? [Double] else { throw MissingFile(path: name, reason: "expected a vector") }
    return Tensor(scalars)
  }
}
