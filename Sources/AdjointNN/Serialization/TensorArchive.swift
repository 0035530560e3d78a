import Foundation

/// An ordered list of named tensors that can be saved to a file and read back exactly: a model's parameters.
///
/// ```swift
/// let archive = TensorArchive([
///   (name: "dense1.weight", tensor: Tensor([[1, 2], [3, 4]])),
///   (name: "dense1.bias", tensor: Tensor([0.5, -0.5])),
/// ])
/// try archive.write(to: URL(filePath: "model.adjt"))
/// let restored = try TensorArchive.read(from: URL(filePath: "model.adjt"))
/// restored["dense1.bias"]   // Tensor(shape: [2], scalars: [0.5, -0.5])
/// ```
///
/// Scalars are stored as their exact IEEE 754 bit patterns (NaN payloads included), so a round trip is lossless.
/// The file format — a signature, a version, the entries, a length and a CRC-32 — is described byte by byte in
/// `Docs/Data.md`. Writing is atomic (the old file stays whole until the new one is complete on disk), and
/// reading rejects a truncated or corrupted file as a whole with a ``TensorArchiveError``.
public struct TensorArchive: Sendable, Equatable {
  /// The named tensors, in the order they were added. Names are unique.
  public internal(set) var entries: [(name: String, tensor: Tensor)]

  /// Text stored beside the tensors, by key: what a model file records of its architecture, preprocessing
  /// and training (see `Model`). An archive with metadata is written in format version 2, one without in
  /// version 1 (readable by older builds).
  public var metadata: [String: String] = [:]

  /// Creates an archive of the given tensors and metadata.
  ///
  /// - Precondition: the names are unique.
  public init(_ entries: [(name: String, tensor: Tensor)] = [], metadata: [String: String] = [:]) {
    var seen = Set<String>()
    for entry in entries {
      checkPrecondition(seen.insert(entry.name).inserted, "TensorArchive: two tensors are named \"\(entry.name)\"")
    }
    self.entries = entries
    self.metadata = metadata
  }

  /// The names of the tensors, in order.
  public var names: [String] { entries.map(\.name) }

  /// The tensor with the given name, or `nil` if there is none.
  ///
  /// - Complexity: O(*n*) in the number of entries.
  public subscript(name: String) -> Tensor? {
    entries.first { $0.name == name }?.tensor
  }

  /// Adds a tensor at the end.
  ///
  /// - Precondition: no tensor has this name yet.
  public mutating func append(_ tensor: Tensor, named name: String) {
    checkPrecondition(self[name] == nil, "TensorArchive.append: a tensor is already named \"\(name)\"")
    entries.append((name, tensor))
  }

  /// Entry-by-entry equality of names, shapes and scalars, and equal metadata.
  public static func == (lhs: TensorArchive, rhs: TensorArchive) -> Bool {
    lhs.metadata == rhs.metadata && lhs.entries.count == rhs.entries.count
      && zip(lhs.entries, rhs.entries).allSatisfy { $0.name == $1.name && $0.tensor == $1.tensor }
  }

  /// Writes the archive to `url`, atomically replacing any file there.
  ///
  /// The bytes go to a temporary file in the same directory, which is flushed to disk (`fsync`) and then
  /// renamed over `url`; on any failure the temporary file is removed and an existing file at `url` is left as
  /// it was.
  ///
  /// - Throws: ``TensorArchiveError/unwritableFile(path:reason:)`` with the operating system's message.
  /// - Complexity: O(*n*) in the number of scalars.
  public func write(to url: URL) throws {
    let bytes = encoded()
    do {
      try writeAtomically(to: url) { file in try file.writeAll(bytes) }
    } catch let failure as FileSystemFailure {
      throw TensorArchiveError.unwritableFile(path: failure.path, reason: failure.reason)
    }
  }

  /// Reads an archive written by ``write(to:)``.
  ///
  /// - Throws: ``TensorArchiveError``: the file is unreadable, is not an archive, has an unsupported version, is
  ///   truncated, has bytes after its end, fails its checksum, or is otherwise malformed. Nothing is returned
  ///   from a damaged file.
  /// - Complexity: O(*n*) in the size of the file.
  public static func read(from url: URL) throws -> TensorArchive {
    let bytes: [UInt8]
    do {
      bytes = try readFileBytes(at: url)
    } catch {
      throw TensorArchiveError.unreadableFile(path: error.path, reason: error.reason)
    }
    return try TensorArchive(decoding: bytes, fileName: url.lastPathComponent)
  }
}
