/// The tensor archive file format, versions 1 and 2. All integers are little-endian.
///
/// ```
/// header   8  signature 89 41 44 4A 0D 0A 1A 0A ("\x89ADJ\r\n\x1A\n")
///          4  format version (1, or 2 when the archive has metadata)
///          4  entry count
/// metadata (version 2 only) 4  pair count, then per pair: 4 key length k, k bytes of UTF-8,
///                                                       4 value length v, v bytes of UTF-8 (keys sorted)
/// entry    4  name length n, then n bytes of UTF-8
///          4  rank r, then r dimensions of 8 bytes each
///          8 × count  scalars, IEEE 754 binary64, row-major (count = product of dimensions; 1 for rank 0)
/// trailer  8  payload length: the offset of the trailer (header + entries)
///          4  CRC-32 (IEEE) of every byte before this field
///          4  end marker 45 4E 44 21 ("END!")
/// ```
enum TensorArchiveFormat {
  static let signature: [UInt8] = [0x89, 0x41, 0x44, 0x4A, 0x0D, 0x0A, 0x1A, 0x0A]
  /// The version written for an archive without metadata, readable by every build.
  static let version: UInt32 = 1
  /// The version written for an archive with metadata, and the newest this build reads.
  static let metadataVersion: UInt32 = 2
  static let endMarker: [UInt8] = [0x45, 0x4E, 0x44, 0x21]
  static let headerSize = 16
  static let trailerSize = 16
  /// The largest rank a reader accepts, so that a damaged rank cannot make it allocate much.
  static let maximumRank = 64
}

extension TensorArchive {
  /// The archive's bytes in the tensor archive format (described in `Docs/Data.md`).
  ///
  /// - Complexity: O(*n*) in the number of scalars.
  public func encoded() -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(
      TensorArchiveFormat.headerSize + TensorArchiveFormat.trailerSize
        + entries.reduce(0) { $0 + 8 + $1.name.utf8.count + 8 * $1.tensor.rank + 8 * $1.tensor.count })
    bytes.append(contentsOf: TensorArchiveFormat.signature)
    appendLittleEndian(metadata.isEmpty ? TensorArchiveFormat.version : TensorArchiveFormat.metadataVersion, to: &bytes)
    appendLittleEndian(UInt32(entries.count), to: &bytes)
    if !metadata.isEmpty { appendMetadata(to: &bytes) }
    for (name, tensor) in entries {
      appendLittleEndian(UInt32(name.utf8.count), to: &bytes)
      bytes.append(contentsOf: name.utf8)
      appendLittleEndian(UInt32(tensor.rank), to: &bytes)
      for extent in tensor.shape { appendLittleEndian(UInt64(extent), to: &bytes) }
      tensor.withUnsafeBufferPointer { scalars in
        #if _endian(little)
          bytes.append(contentsOf: UnsafeRawBufferPointer(scalars))  // already little-endian: copy as is
        #else
          for scalar in scalars { appendLittleEndian(scalar.bitPattern, to: &bytes) }
        #endif
      }
    }
    appendLittleEndian(UInt64(bytes.count), to: &bytes)
    appendLittleEndian(CRC32.checksum(of: bytes), to: &bytes)
    bytes.append(contentsOf: TensorArchiveFormat.endMarker)
    return bytes
  }

  /// Decodes an archive from the bytes of a file, checking everything before returning anything.
  ///
  /// The checks, in order: the signature; the version; that the file ends in a trailer whose length matches
  /// the file (otherwise the entries are walked to tell a truncated file from one with bytes appended); the
  /// CRC-32; and that the entries exactly fill the payload, with valid UTF-8 names that are all different.
  ///
  /// - Parameters:
  ///   - bytes: The file's contents.
  ///   - fileName: The name errors give the file.
  /// - Throws: ``TensorArchiveError``.
  public init(decoding bytes: [UInt8], fileName: String) throws {
    let format = TensorArchiveFormat.self
    let minimumSize = format.headerSize + format.trailerSize
    let signatureLength = min(bytes.count, format.signature.count)
    guard bytes[..<signatureLength].elementsEqual(format.signature[..<signatureLength]) else {
      throw TensorArchiveError.notAnArchive(file: fileName, found: hexBytes(bytes.prefix(8)))
    }
    guard bytes.count >= format.headerSize else {
      throw TensorArchiveError.truncated(file: fileName, expectedBytes: minimumSize, actualBytes: bytes.count)
    }
    var reader = ArchiveReader(bytes: bytes, offset: format.signature.count)
    let version = reader.uint32()
    guard version == format.version || version == format.metadataVersion else {
      throw TensorArchiveError.unsupportedVersion(file: fileName, found: version, supported: format.metadataVersion)
    }
    let hasMetadata = version == format.metadataVersion
    let entryCount = Int(reader.uint32())

    guard let payloadLength = validTrailerOffset(bytes, endingAt: bytes.count) else {
      throw diagnoseDamagedEnd(bytes, entryCount: entryCount, hasMetadata: hasMetadata, fileName: fileName)
    }
    let stored = ArchiveReader.littleEndian(bytes, at: bytes.count - 8, as: UInt32.self)
    let computed = CRC32.checksum(of: bytes[..<(bytes.count - 8)])
    guard stored == computed else {
      throw TensorArchiveError.checksumMismatch(file: fileName, stored: stored, computed: computed)
    }

    reader.limit = payloadLength
    var entries: [(name: String, tensor: Tensor)] = []
    var metadata: [String: String] = [:]
    do {
      if hasMetadata { metadata = try reader.metadata() }
      for index in 0..<entryCount { entries.append(try reader.entry(index: index)) }
    } catch {
      // The checksum matched, so the writer itself produced this: report it as corruption, not truncation.
      throw TensorArchiveError.corrupted(file: fileName, offset: reader.offset, reason: error.reason)
    }
    guard reader.offset == payloadLength else {
      throw TensorArchiveError.corrupted(
        file: fileName, offset: reader.offset, reason: "the entries end before the payload length says")
    }
    var seen = Set<String>()
    for entry in entries where !seen.insert(entry.name).inserted {
      throw TensorArchiveError.duplicateName(file: fileName, name: entry.name)
    }
    self.entries = entries
    self.metadata = metadata
  }
}

/// The payload length recorded in a well-formed trailer ending at `end`, if there is one there that agrees.
private func validTrailerOffset(_ bytes: [UInt8], endingAt end: Int) -> Int? {
  let format = TensorArchiveFormat.self
  guard end >= format.headerSize + format.trailerSize, end <= bytes.count,
    bytes[(end - 4)..<end].elementsEqual(format.endMarker)
  else { return nil }
  let length = ArchiveReader.littleEndian(bytes, at: end - format.trailerSize, as: UInt64.self)
  return length == UInt64(end - format.trailerSize) ? Int(length) : nil
}

/// Explains a file without a valid trailer at its end by walking its entries: truncated, bytes appended after a
/// complete archive, or a damaged trailer.
private func diagnoseDamagedEnd(
  _ bytes: [UInt8], entryCount: Int, hasMetadata: Bool, fileName: String
) -> TensorArchiveError {
  let trailerSize = TensorArchiveFormat.trailerSize
  var reader = ArchiveReader(bytes: bytes, offset: TensorArchiveFormat.headerSize)
  do {
    if hasMetadata { _ = try reader.metadata() }
    for index in 0..<entryCount { _ = try reader.entry(index: index) }
  } catch {
    if let needed = error.bytesNeeded {
      return .truncated(file: fileName, expectedBytes: needed + trailerSize, actualBytes: bytes.count)
    }
    return .corrupted(file: fileName, offset: reader.offset, reason: error.reason)
  }
  let archiveEnd = reader.offset + trailerSize
  if bytes.count < archiveEnd {
    return .truncated(file: fileName, expectedBytes: archiveEnd, actualBytes: bytes.count)
  }
  if validTrailerOffset(bytes, endingAt: archiveEnd) != nil {
    return .trailingBytes(file: fileName, count: bytes.count - archiveEnd)
  }
  return .corrupted(file: fileName, offset: reader.offset, reason: "the trailer is damaged")
}

/// Appends the little-endian bytes of `value`.
func appendLittleEndian(_ value: some FixedWidthInteger, to bytes: inout [UInt8]) {
  withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
}

/// Bytes as space-separated hexadecimal pairs: `"89 50 4e 47"`.
private func hexBytes(_ bytes: some Collection<UInt8>) -> String {
  bytes.isEmpty ? "nothing (the file is empty)"
    : bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined(separator: " ")
}
