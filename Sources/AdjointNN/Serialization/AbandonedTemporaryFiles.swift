import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The name prefix of ``writeAtomically(to:_:)``'s temporary files for `url`: `.NAME.tmp-`.
func temporaryFilePrefix(of url: URL) -> String {
  ".\(url.lastPathComponent).tmp-"
}

/// Removes the temporary files that killed writers left beside `url`, and nothing else.
///
/// A file is removed when all of these hold: its name is `.NAME.tmp-` followed by 1 to 16 lowercase hexadecimal
/// digits (the names ``writeAtomically(to:_:)`` makes for this `url`, and no other file's); it is a regular file,
/// not a link; an exclusive `flock` on it succeeds without waiting, so no live writer holds it (the kernel drops a
/// process's locks when it dies, however it dies); and the name still refers to the file that was locked. A
/// writer that has created its file but not yet locked it notices the removal and makes another
/// (`createTemporaryFile`), so a concurrent save is never broken. Failures are ignored: this is housekeeping.
///
/// - Returns: The number of files removed.
/// - Complexity: O(*n*) in the number of entries in the directory.
@discardableResult
func removeAbandonedTemporaryFiles(of url: URL) -> Int {
  let directory = url.deletingLastPathComponent().path
  let prefix = temporaryFilePrefix(of: url)
  guard let stream = opendir(directory.isEmpty ? "." : directory) else { return 0 }
  var candidates: [String] = []
  while let entry = readdir(stream) {
    let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
      String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
    }
    if isTemporaryFileName(name, prefix: prefix) { candidates.append(name) }
  }
  closedir(stream)
  let base = url.deletingLastPathComponent()
  return candidates.filter { removeIfAbandoned(base.appendingPathComponent($0).path) }.count
}

/// Whether `name` is `prefix` followed by 1 to 16 lowercase hexadecimal digits.
private func isTemporaryFileName(_ name: String, prefix: String) -> Bool {
  guard name.hasPrefix(prefix) else { return false }
  let suffix = name.utf8.dropFirst(prefix.utf8.count)
  return (1...16).contains(suffix.count)
    && suffix.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }
}

/// Removes the regular file at `path` if no process holds a `flock` on it.
private func removeIfAbandoned(_ path: String) -> Bool {
  var descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
  if descriptor < 0 && errno == EACCES { descriptor = open(path, O_WRONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC) }
  guard descriptor >= 0 else { return false }
  defer { close(descriptor) }
  var opened = stat()
  guard fstat(descriptor, &opened) == 0, (opened.st_mode & S_IFMT) == S_IFREG, opened.st_nlink > 0,
    flock(descriptor, LOCK_EX | LOCK_NB) == 0
  else { return false }
  var named = stat()
  guard lstat(path, &named) == 0, named.st_dev == opened.st_dev, named.st_ino == opened.st_ino else { return false }
  return unlink(path) == 0
}
