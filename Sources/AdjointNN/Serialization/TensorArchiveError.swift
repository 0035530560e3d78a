/// Why a tensor archive could not be written or read.
///
/// A damaged archive is always rejected as a whole: reading either returns every tensor as written or throws.
/// The `description` is one line naming the file (by its last path component, or its whole path for file-system
/// errors):
///
/// ```
/// model.adjt: checksum mismatch: stored 0x1c291ca3, computed 0x8e41f01b (the file is corrupted)
/// ```
public enum TensorArchiveError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The file could not be opened or read; `reason` is the operating system's message.
  case unreadableFile(path: String, reason: String)

  /// The file could not be written; `reason` is the operating system's message. The destination is unchanged.
  case unwritableFile(path: String, reason: String)

  /// The file does not start with the archive signature; `found` is its first bytes in hexadecimal.
  case notAnArchive(file: String, found: String)

  /// The archive was written in a format version this code does not read; `supported` is the newest it reads.
  case unsupportedVersion(file: String, found: UInt32, supported: UInt32)

  /// The file ends before the archive does: it needs at least `expectedBytes`, and has `actualBytes`.
  case truncated(file: String, expectedBytes: Int, actualBytes: Int)

  /// The file continues for `count` bytes after the end of a complete archive.
  case trailingBytes(file: String, count: Int)

  /// The stored CRC-32 differs from the one computed over the file: some byte was changed.
  case checksumMismatch(file: String, stored: UInt32, computed: UInt32)

  /// The bytes at `offset` are not a valid part of an archive (an invalid name, an impossible shape, a damaged
  /// trailer).
  case corrupted(file: String, offset: Int, reason: String)

  /// Two entries have the same name.
  case duplicateName(file: String, name: String)

  /// A one-line account of the error, naming the file and what went wrong.
  public var description: String {
    switch self {
    case .unreadableFile(let path, let reason):
      return "\(path): cannot read the archive: \(reason)"
    case .unwritableFile(let path, let reason):
      return "\(path): cannot write the archive: \(reason)"
    case .notAnArchive(let file, let found):
      return "\(file): not an Adjoint tensor archive (it starts with \(found))"
    case .unsupportedVersion(let file, let found, let supported):
      return "\(file): archive format version \(found) is not supported (this build reads versions 1 to \(supported); a newer Adjoint wrote it)"
    case .truncated(let file, let expectedBytes, let actualBytes):
      return "\(file): the archive is truncated: expected at least \(expectedBytes) bytes, found \(actualBytes)"
    case .trailingBytes(let file, let count):
      return "\(file): \(count) unexpected byte\(count == 1 ? "" : "s") after the end of the archive"
    case .checksumMismatch(let file, let stored, let computed):
      return "\(file): checksum mismatch: stored \(hex32(stored)), computed \(hex32(computed)) (the file is corrupted)"
    case .corrupted(let file, let offset, let reason):
      return "\(file): the archive is corrupted at byte \(offset): \(reason)"
    case .duplicateName(let file, let name):
      return "\(file): the archive holds two tensors named \"\(name)\""
    }
  }
}

/// `value` as `0x` and eight hexadecimal digits.
private func hex32(_ value: UInt32) -> String {
  let digits = String(value, radix: 16)
  return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
}
