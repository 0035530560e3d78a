import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes bytes into the open temporary file of ``writeAtomically(to:_:)``.
struct FileWriter {
  fileprivate let descriptor: Int32
  /// The destination's path, for error messages.
  fileprivate let path: String

  /// Writes all of `bytes`, retrying short writes and interruptions.
  func writeAll(_ bytes: [UInt8]) throws(FileSystemFailure) {
    var written = 0
    while written < bytes.count {
      let count = bytes.withUnsafeBytes { buffer in
        write(descriptor, buffer.baseAddress.map { $0 + written }, buffer.count - written)
      }
      if count < 0 {
        if errno == EINTR { continue }
        throw FileSystemFailure.lastError(path: path)
      }
      written += count
    }
  }
}

/// Replaces the file at `url` with what `body` writes, so that the file holds either its old contents or all of
/// the new ones, even if the process or the machine stops half way.
///
/// The bytes go to a new temporary file in the same directory (`.NAME.tmp-RANDOM`, created with `O_EXCL`), which
/// is flushed to disk with `fsync`, closed, and renamed over `url` (`rename` is atomic within a file system);
/// then the directory is `fsync`ed, on a best-effort basis, so the rename itself is durable. An existing file's
/// permission bits are kept; a new file gets `0666` less the umask. If anything fails — `body` throws, the disk is
/// full, the directory does not exist — the temporary file is removed and `url` is untouched. A symbolic link at
/// `url` is replaced by the file, not followed.
///
/// A process killed half way cannot remove its temporary file, so the writer holds an exclusive `flock` on it
/// from its creation until after its rename, and every write first removes the temporaries of `url` that no live process
/// holds (``removeAbandonedTemporaryFiles(of:)``): debris lasts only until the next save to the same path.
///
/// - Throws: ``FileSystemFailure`` for a failed system call, or whatever `body` throws.
func writeAtomically(to url: URL, _ body: (FileWriter) throws -> Void) throws {
  let path = url.path
  let directory = url.deletingLastPathComponent().path
  removeAbandonedTemporaryFiles(of: url)
  let (descriptor, temporaryPath) = try createTemporaryFile(besides: url)
  var isOpen = true
  var isRenamed = false
  defer {
    if isOpen { close(descriptor) }
    if !isRenamed { unlink(temporaryPath) }
  }

  var existing = stat()
  if stat(path, &existing) == 0 && (existing.st_mode & S_IFMT) == S_IFREG {
    fchmod(descriptor, existing.st_mode & 0o7777)
  }
  try body(FileWriter(descriptor: descriptor, path: path))
  guard fsync(descriptor) == 0 else { throw FileSystemFailure.lastError(path: path) }
  // The lock belongs to the open file description, so a duplicate keeps it through the checked `close` until
  // after the rename: an unlocked temporary file could be taken for debris and removed by another save.
  let lockHolder = dup(descriptor)
  defer { if lockHolder >= 0 { close(lockHolder) } }
  isOpen = false
  guard close(descriptor) == 0 else { throw FileSystemFailure.lastError(path: path) }
  guard rename(temporaryPath, path) == 0 else { throw FileSystemFailure.lastError(path: path) }
  isRenamed = true

  let directoryDescriptor = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
  if directoryDescriptor >= 0 {
    _ = fsync(directoryDescriptor)
    close(directoryDescriptor)
  }
}

/// Creates, opens and locks a new, uniquely named file `.NAME.tmp-HEX` in the directory of `url`.
///
/// The exclusive `flock` tells ``removeAbandonedTemporaryFiles(of:)`` in other processes that the file is in use.
/// Between `open` and `flock` another process may find the file unlocked and remove it; the link count, read
/// once the lock is held, shows that, and a new file is made. (On a file system without `flock` the file is used
/// unlocked; cleaners there cannot lock it either, so they leave it alone.)
private func createTemporaryFile(besides url: URL) throws(FileSystemFailure) -> (descriptor: Int32, path: String) {
  let directory = url.deletingLastPathComponent()
  var generator = SystemRandomNumberGenerator()
  for _ in 0..<16 {
    let suffix = String(generator.next() as UInt64, radix: 16)
    let temporaryPath = directory.appendingPathComponent(temporaryFilePrefix(of: url) + suffix).path
    let descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
    if descriptor >= 0 {
      var status = stat()
      while flock(descriptor, LOCK_EX) != 0 && errno == EINTR {}
      if fstat(descriptor, &status) == 0 && status.st_nlink == 0 {
        close(descriptor)  // removed by a cleaner before the lock was taken: make another
        continue
      }
      return (descriptor, temporaryPath)
    }
    if errno != EEXIST {
      let reason = String(cString: strerror(errno))
      throw FileSystemFailure(path: url.path, reason: "cannot create a temporary file in \(directory.path): \(reason)")
    }
  }
  throw FileSystemFailure(path: url.path, reason: "cannot find an unused temporary file name in \(directory.path)")
}
