// The metadata block of format version 2 (see `TensorArchiveFormat`): string pairs between the header and
// the entries, written in key order so that equal archives have equal bytes.

extension TensorArchive {
  /// Appends the metadata block: the pair count, then each key and value as a length and UTF-8 bytes.
  func appendMetadata(to bytes: inout [UInt8]) {
    appendLittleEndian(UInt32(metadata.count), to: &bytes)
    for key in metadata.keys.sorted() {
      for text in [key, metadata[key] ?? ""] {
        appendLittleEndian(UInt32(text.utf8.count), to: &bytes)
        bytes.append(contentsOf: text.utf8)
      }
    }
  }
}

extension ArchiveReader {
  /// Reads the metadata block of a version-2 archive.
  ///
  /// - Throws: a `Failure` when the block runs past `limit`, a text is not UTF-8, or a key repeats.
  mutating func metadata() throws(Failure) -> [String: String] {
    offset = try take(4, for: "the metadata count").lowerBound
    let count = Int(uint32())
    var result: [String: String] = [:]
    for index in 0..<count {
      let key = try text(for: "metadata key \(index)")
      let value = try text(for: "the metadata value of \"\(key)\"")
      guard result.updateValue(value, forKey: key) == nil else {
        throw Failure(reason: "the metadata key \"\(key)\" appears twice")
      }
    }
    return result
  }

  /// Reads a length and that many bytes of UTF-8.
  private mutating func text(for what: String) throws(Failure) -> String {
    offset = try take(4, for: "the length of \(what)").lowerBound
    let length = Int(uint32())
    let range = try take(length, for: what)
    guard let text = String(validating: bytes[range], as: UTF8.self) else {
      throw Failure(reason: "\(what) is not valid UTF-8")
    }
    return text
  }
}
