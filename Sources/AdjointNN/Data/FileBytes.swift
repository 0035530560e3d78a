import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A failed file-system call: the path and the operating system's message for `errno`.
///
/// Readers turn it into their own typed error (``DataError/unreadableFile(path:reason:)``,
/// ``TensorArchiveError/unreadableFile(path:reason:)``), so that the OS error reaches the user.
struct FileSystemFailure: Error, Equatable, Sendable {
  var path: String
  var reason: String

  /// The failure of the last call, described by the current `errno`.
  static func lastError(path: String) -> FileSystemFailure {
    FileSystemFailure(path: path, reason: String(cString: strerror(errno)))
  }
}

/// Reads the whole file at `url` into memory.
///
/// Uses POSIX `open`/`read` rather than `Data(contentsOf:)` so that a failure carries the operating system's own
/// message ("No such file or directory", "Is a directory", "Permission denied").
///
/// - Complexity: O(*n*) in the size of the file, with one allocation.
func readFileBytes(at url: URL) throws(FileSystemFailure) -> [UInt8] {
  let path = url.path
  let descriptor = open(path, O_RDONLY | O_CLOEXEC)
  guard descriptor >= 0 else { throw FileSystemFailure.lastError(path: path) }
  defer { close(descriptor) }

  var status = stat()
  guard fstat(descriptor, &status) == 0 else { throw FileSystemFailure.lastError(path: path) }
  if (status.st_mode & S_IFMT) == S_IFDIR {
    throw FileSystemFailure(path: path, reason: String(cString: strerror(EISDIR)))
  }

  // Read straight into an array one byte longer than fstat's size (so that the read that finds the end of the
  // file needs no more room), and keep reading until end of file: the size is only a first guess (the file may
  // grow, or be a pipe or a special file that reports 0).
  var bytes = [UInt8](repeating: 0, count: Int(status.st_size) + 1)
  var filled = 0
  while true {
    if filled == bytes.count { bytes.append(contentsOf: repeatElement(0, count: max(4096, bytes.count / 2))) }
    let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress.map { $0 + filled }, $0.count - filled) }
    if count < 0 {
      if errno == EINTR { continue }
      throw FileSystemFailure.lastError(path: path)
    }
    if count == 0 { break }
    filled += count
  }
  bytes.removeLast(bytes.count - filled)
  return bytes
}

/// The name under which errors mention the file at `url`: its last path component.
func displayName(of url: URL) -> String {
  url.lastPathComponent
}
