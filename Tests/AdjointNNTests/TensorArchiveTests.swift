import Foundation
import Testing

@testable import AdjointNN

/// An archive with the awkward cases: a matrix, a rank-0 tensor, empty tensors, NaN, -0 and a non-ASCII name.
private let sample = TensorArchive([
  (name: "dense1.weight", tensor: Tensor([[1, 2, 3], [4, 5, 6]])),
  (name: "dense1.bias", tensor: Tensor([0.5, -0.5, .pi])),
  (name: "scale", tensor: Tensor(-0.0)),
  (name: "empty", tensor: Tensor(shape: [0], scalars: [])),
  (name: "emptier", tensor: Tensor(shape: [2, 0, 3], scalars: [])),
  (name: "naN and ∞", tensor: Tensor([.nan, .infinity, -.greatestFiniteMagnitude, .leastNonzeroMagnitude])),
])

/// Whether two archives hold the same names, shapes and scalar bit patterns (so NaN matches NaN).
private func sameBits(_ a: TensorArchive, _ b: TensorArchive) -> Bool {
  a.names == b.names
    && zip(a.entries, b.entries).allSatisfy {
      $0.tensor.shape == $1.tensor.shape && $0.tensor.scalars.map(\.bitPattern) == $1.tensor.scalars.map(\.bitPattern)
    }
}

/// Decodes `bytes` as `m.adjt`.
private func decode(_ bytes: [UInt8]) throws -> TensorArchive {
  try TensorArchive(decoding: bytes, fileName: "m.adjt")
}

@Suite struct TensorArchiveTests {
  @Test func crc32MatchesItsPublishedCheckValue() {
    #expect(CRC32.checksum(of: Array("123456789".utf8)) == 0xCBF4_3926)  // the CRC catalogue's "check"
    #expect(CRC32.checksum(of: [UInt8]()) == 0)
  }

  @Test func encodesTheDocumentedLayoutByteForByte() {
    // One rank-0 tensor "a" = 1.0. Expected bytes built by hand from Docs/Data.md; the CRC-32 (0x24214345) was
    // computed with Python's zlib.crc32 over the first 41 bytes.
    let expected: [UInt8] = [
      0x89, 0x41, 0x44, 0x4A, 0x0D, 0x0A, 0x1A, 0x0A,  // signature
      0x01, 0x00, 0x00, 0x00,  // version 1
      0x01, 0x00, 0x00, 0x00,  // 1 entry
      0x01, 0x00, 0x00, 0x00, 0x61,  // name "a"
      0x00, 0x00, 0x00, 0x00,  // rank 0
      0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xF0, 0x3F,  // 1.0
      0x21, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // payload length 33
      0x45, 0x43, 0x21, 0x24,  // CRC-32
      0x45, 0x4E, 0x44, 0x21,  // "END!"
    ]
    #expect(TensorArchive([(name: "a", tensor: Tensor(1.0))]).encoded() == expected)
  }

  @Test func roundTripsThroughAFileExactly() throws {
    try withDataTemporaryDirectory { directory in
      let url = directory.appendingPathComponent("model.adjt")
      try sample.write(to: url)
      let restored = try TensorArchive.read(from: url)
      #expect(sameBits(restored, sample))
      #expect(restored["dense1.weight"] == Tensor([[1, 2, 3], [4, 5, 6]]))
      #expect(restored["scale"]?.shape == [])
      #expect(restored["missing"] == nil)
      // Nothing but the archive is left in the directory.
      #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["model.adjt"])
    }
  }

  @Test func anEmptyArchiveRoundTrips() throws {
    #expect(try decode(TensorArchive().encoded()).entries.isEmpty)
  }

  @Test func everyTruncationIsRejected() {
    let bytes = sample.encoded()
    for length in 0..<bytes.count {
      let error = #expect(throws: TensorArchiveError.self) { try decode(Array(bytes.prefix(length))) }
      if case .truncated = error {} else { Issue.record("the first \(length) bytes gave \(String(describing: error))") }
    }
    let error = TensorArchiveError.truncated(file: "m.adjt", expectedBytes: bytes.count, actualBytes: bytes.count - 1)
    #expect(throws: error) { try decode(Array(bytes.dropLast())) }
    #expect(error.description == "m.adjt: the archive is truncated: expected at least \(bytes.count) bytes, found \(bytes.count - 1)")
    #expect(throws: TensorArchiveError.truncated(file: "m.adjt", expectedBytes: 32, actualBytes: 5)) {
      try decode(Array(bytes.prefix(5)))
    }
  }

  @Test func everyFlippedByteIsRejected() {
    let bytes = sample.encoded()
    for position in bytes.indices {
      var damaged = bytes
      damaged[position] ^= 0x10
      #expect(throws: TensorArchiveError.self, "flipped byte \(position)") { try decode(damaged) }
    }
  }

  @Test func theDocumentedTruncationAndTrailerMessages() {
    let bytes = TensorArchive([(name: "a", tensor: Tensor(1.0))]).encoded()
    let truncated = TensorArchiveError.truncated(file: "m.adjt", expectedBytes: 49, actualBytes: 48)
    #expect(throws: truncated) { try decode(Array(bytes.dropLast())) }
    #expect(truncated.description == "m.adjt: the archive is truncated: expected at least 49 bytes, found 48")
    var damagedMarker = bytes
    damagedMarker[48] = 0x3F  // "END?"
    let corrupted = TensorArchiveError.corrupted(file: "m.adjt", offset: 33, reason: "the trailer is damaged")
    #expect(throws: corrupted) { try decode(damagedMarker) }
    #expect(corrupted.description == "m.adjt: the archive is corrupted at byte 33: the trailer is damaged")
    let trailing = TensorArchiveError.trailingBytes(file: "m.adjt", count: 3)
    #expect(trailing.description == "m.adjt: 3 unexpected bytes after the end of the archive")
  }

  @Test func aFlippedScalarByteFailsTheChecksum() throws {
    var bytes = TensorArchive([(name: "a", tensor: Tensor(1.0))]).encoded()
    bytes[31] = 0x40  // 1.0 becomes 2.0
    let computed = CRC32.checksum(of: bytes[..<41])
    let error = TensorArchiveError.checksumMismatch(file: "m.adjt", stored: 0x2421_4345, computed: computed)
    #expect(throws: error) { try decode(bytes) }
    #expect(error.description.hasPrefix("m.adjt: checksum mismatch: stored 0x24214345, computed 0x"))
  }

  @Test func wrongSignatureAndUnsupportedVersionAreNamed() {
    let bytes = TensorArchive([(name: "a", tensor: Tensor(1.0))]).encoded()
    let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    let notAnArchive = TensorArchiveError.notAnArchive(file: "m.adjt", found: "89 50 4e 47 0d 0a 1a 0a")
    #expect(throws: notAnArchive) { try decode(png + bytes.dropFirst(8)) }
    #expect(notAnArchive.description == "m.adjt: not an Adjoint tensor archive (it starts with 89 50 4e 47 0d 0a 1a 0a)")

    var version3 = bytes
    version3[8] = 3
    let unsupported = TensorArchiveError.unsupportedVersion(file: "m.adjt", found: 3, supported: 2)
    #expect(throws: unsupported) { try decode(version3) }
    #expect(
      unsupported.description
        == "m.adjt: archive format version 3 is not supported (this build reads versions 1 to 2; a newer Adjoint wrote it)")
  }

  @Test func trailingGarbageIsRejected() {
    let bytes = sample.encoded()
    #expect(throws: TensorArchiveError.trailingBytes(file: "m.adjt", count: 3)) { try decode(bytes + [1, 2, 3]) }
    #expect(throws: TensorArchiveError.trailingBytes(file: "m.adjt", count: 1)) { try decode(bytes + [0]) }
  }

  @Test func duplicateNamesInAFileAreRejected() {
    // Two entries named "a", with a correct length and checksum, as a buggy writer might produce.
    var bytes = TensorArchiveFormat.signature + [1, 0, 0, 0, 2, 0, 0, 0]
    for _ in 0..<2 { bytes += [1, 0, 0, 0, 0x61, 0, 0, 0, 0] + [0, 0, 0, 0, 0, 0, 0xF0, 0x3F] }
    bytes += [UInt8(bytes.count), 0, 0, 0, 0, 0, 0, 0]
    let crc = CRC32.checksum(of: bytes)
    bytes += [0, 8, 16, 24].map { UInt8((crc >> $0) & 0xFF) } + TensorArchiveFormat.endMarker
    #expect(throws: TensorArchiveError.duplicateName(file: "m.adjt", name: "a")) { try decode(bytes) }
  }

  @Test func overwritingReplacesTheOldFileAndKeepsItsPermissions() throws {
    try withDataTemporaryDirectory { directory in
      let url = directory.appendingPathComponent("model.adjt")
      try TensorArchive([(name: "old", tensor: Tensor(1.0))]).write(to: url)
      try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: url.path)
      try sample.write(to: url)
      #expect(sameBits(try TensorArchive.read(from: url), sample))
      let permissions = try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
      #expect(permissions == 0o640)
      #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["model.adjt"])
    }
  }

  @Test func writingIntoAMissingDirectoryFailsAndCreatesNothing() throws {
    try withDataTemporaryDirectory { directory in
      let url = directory.appendingPathComponent("no-such-directory/model.adjt")
      let error = #expect(throws: TensorArchiveError.self) { try sample.write(to: url) }
      #expect(
        error?.description
          == "\(url.path): cannot write the archive: cannot create a temporary file in \(directory.path)/no-such-directory: No such file or directory"
      )
      let contents = try FileManager.default.contentsOfDirectory(atPath: directory.path)
      #expect(contents.isEmpty)
    }
  }

  @Test func aWriteThatFailsHalfWayLeavesTheOldFileIntact() throws {
    struct DiskFull: Error {}
    try withDataTemporaryDirectory { directory in
      let url = directory.appendingPathComponent("model.adjt")
      let old = TensorArchive([(name: "old", tensor: Tensor([1, 2, 3]))])
      try old.write(to: url)
      let newBytes = sample.encoded()
      #expect(throws: DiskFull.self) {
        try writeAtomically(to: url) { file in
          try file.writeAll(Array(newBytes.prefix(20)))
          throw DiskFull()
        }
      }
      #expect(try TensorArchive.read(from: url) == old)
      #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["model.adjt"])
    }
  }

  @Test func writingOverADirectoryFailsAndLeavesIt() throws {
    try withDataTemporaryDirectory { directory in
      let target = directory.appendingPathComponent("occupied")
      try FileManager.default.createDirectory(at: target.appendingPathComponent("inside"), withIntermediateDirectories: true)
      #expect(throws: TensorArchiveError.self) { try sample.write(to: target) }
      #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["occupied"])
      #expect(try FileManager.default.contentsOfDirectory(atPath: target.path) == ["inside"])
    }
  }

  @Test func readingAMissingFileGivesTheOSError() throws {
    try withDataTemporaryDirectory { directory in
      let url = directory.appendingPathComponent("absent.adjt")
      let error = TensorArchiveError.unreadableFile(path: url.path, reason: "No such file or directory")
      #expect(throws: error) { try TensorArchive.read(from: url) }
      #expect(error.description == "\(url.path): cannot read the archive: No such file or directory")
    }
  }
}
