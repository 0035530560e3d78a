/// The CRC-32 checksum of ISO-HDLC / IEEE 802.3 (the one in zlib, PNG and gzip).
///
/// Polynomial `0x04C11DB7`, processed bit-reflected (`0xEDB88320`), initial value and final xor `0xFFFFFFFF`.
/// Its check value — the checksum of the ASCII bytes `123456789` — is `0xCBF43926`. It detects every error burst
/// up to 32 bits long, so every flipped bit or byte.
///
/// ```swift
/// var crc = CRC32()
/// crc.update(with: Array("123456789".utf8))
/// crc.value   // 0xCBF43926
/// ```
struct CRC32: Sendable {
  /// The running register (before the final xor).
  private var register: UInt32 = 0xFFFF_FFFF

  /// A checksum of no bytes yet.
  init() {}

  /// The checksum of the bytes seen so far.
  var value: UInt32 { register ^ 0xFFFF_FFFF }

  /// Adds `bytes` to the checksum.
  ///
  /// - Complexity: O(`bytes.count`), one table look-up per byte.
  mutating func update(with bytes: some Sequence<UInt8>) {
    var crc = register
    CRC32.table.withUnsafeBufferPointer { table in
      for byte in bytes {
        crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8)
      }
    }
    register = crc
  }

  /// The checksum of `bytes`.
  static func checksum(of bytes: some Sequence<UInt8>) -> UInt32 {
    var crc = CRC32()
    crc.update(with: bytes)
    return crc.value
  }

  /// `table[n]` is the register after shifting the byte `n` through eight reflected polynomial divisions.
  private static let table: [UInt32] = (0..<256).map { n in
    var value = UInt32(n)
    for _ in 0..<8 {
      value = (value & 1) != 0 ? (value >> 1) ^ 0xEDB8_8320 : value >> 1
    }
    return value
  }
}
