import Foundation
import Testing

@testable import AdjointNN

/// Format version 2: metadata between the header and the entries; version 1 files still read.
@Suite struct TensorArchiveMetadataTests {
  /// The version-2 layout byte by byte: header, one pair "k" = "vé", one rank-0 entry "a" = 1, trailer.
  @Test func encodesTheDocumentedVersion2Layout() throws {
    var expected = TensorArchiveFormat.signature + [2, 0, 0, 0, 1, 0, 0, 0]
    expected += [1, 0, 0, 0] + [1, 0, 0, 0, 0x6B] + [3, 0, 0, 0, 0x76, 0xC3, 0xA9]
    expected += [1, 0, 0, 0, 0x61, 0, 0, 0, 0] + [0, 0, 0, 0, 0, 0, 0xF0, 0x3F]
    expected += [UInt8(expected.count), 0, 0, 0, 0, 0, 0, 0]
    let crc = CRC32.checksum(of: expected)
    expected += [0, 8, 16, 24].map { UInt8((crc >> $0) & 0xFF) } + TensorArchiveFormat.endMarker
    let archive = TensorArchive([(name: "a", tensor: Tensor(1.0))], metadata: ["k": "vé"])
    #expect(archive.encoded() == expected)
    #expect(try TensorArchive(decoding: expected, fileName: "m.adjt") == archive)
  }

  @Test func anArchiveWithoutMetadataIsStillVersion1() {
    let bytes = TensorArchive([(name: "a", tensor: Tensor(1.0))]).encoded()
    #expect(bytes[8] == 1)
  }

  @Test func metadataRoundTripsInKeyOrder() throws {
    let archive = TensorArchive(
      [(name: "w", tensor: Tensor([[1, 2]]))], metadata: ["zeta": "last", "alpha": "{\"json\": [1, 2]}", "": ""])
    let decoded = try TensorArchive(decoding: archive.encoded(), fileName: "m.adjt")
    #expect(decoded.metadata == archive.metadata)
    #expect(decoded == archive)
  }

  /// A metadata length that runs past the payload, in a file whose checksum is valid: corruption, not a crash.
  @Test func damagedMetadataWithAValidChecksumIsCorruption() {
    var bytes = TensorArchive([(name: "a", tensor: Tensor(1.0))], metadata: ["k": "v"]).encoded()
    bytes[20] = 0xFF  // the key's length
    bytes[21] = 0xFF
    let body = Array(bytes[..<(bytes.count - 8)])
    let crc = CRC32.checksum(of: body)
    bytes = body + [0, 8, 16, 24].map { UInt8((crc >> $0) & 0xFF) } + TensorArchiveFormat.endMarker
    #expect {
      try TensorArchive(decoding: bytes, fileName: "m.adjt")
    } throws: { error in
      guard case .corrupted(let file, _, let reason) = error as? TensorArchiveError else { return false }
      return file == "m.adjt" && reason.contains("metadata key 0")
    }
  }

  @Test func truncatedVersion2FileIsTruncated() {
    let bytes = TensorArchive([(name: "a", tensor: Tensor([1, 2, 3]))], metadata: ["k": "v"]).encoded()
    #expect {
      try TensorArchive(decoding: Array(bytes.prefix(40)), fileName: "m.adjt")
    } throws: { error in
      guard case .truncated = error as? TensorArchiveError else { return false }
      return true
    }
  }
}
