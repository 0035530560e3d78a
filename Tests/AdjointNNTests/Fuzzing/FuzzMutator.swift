import AdjointNN

/// A header field of a binary file: where it is, how wide, and its byte order.
struct FuzzField: Sendable {
  var offset: Int
  /// 4 or 8 bytes.
  var width: Int
  var isBigEndian: Bool
}

/// Structure-aware mutations for the reader fuzz harness: header fields set to interesting values, truncations,
/// byte flips, insertions; CSV fields replaced by interesting tokens, lines duplicated or dropped.
///
/// Every choice comes from the generator, so a seed reproduces an input exactly.
struct FuzzMutator {
  var generator: SplitMix64

  /// The values a fuzzer sets header fields to: the edges of 32- and 64-bit sizes, where arithmetic overflows.
  static let interestingValues: [UInt64] = [
    0, 1, 2, 3, 255, 256, 0x7FFF, 0xFFFF, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, 0x1_0000_0000,
    0x7FFF_FFFF_FFFF_FFFF, 0x8000_0000_0000_0000, UInt64.max, 0x1FFF_FFFF_FFFF_FFFF, 1 << 53, 454_279,
    31_252_369, 649_657,
  ]

  /// The tokens a fuzzer puts in CSV fields: huge and negative labels, non-numbers, non-finite values.
  static let interestingTokens: [String] = [
    "0", "1", "2", "-1", "-0", "3.5", "1e3", "100000", "99999999", "2147483647", "2147483648", "4294967295",
    "9007199254740991", "9007199254740992", "9223372036854775807", "9223372036854775808", "18446744073709551616",
    "1e999", "-1e999", "nan", "inf", "-inf", "0x1p3", "1e-400", "", " ", "label", "\u{0}", "\u{FEFF}1", "1;2",
    String(repeating: "9", count: 400), "0." + String(repeating: "0", count: 300) + "1", "1e+99999", ".", "+", "e5",
  ]

  init(seed: UInt64) { generator = SplitMix64(seed: seed) }

  /// A number in `0..<bound` (0 when `bound` is 0).
  mutating func below(_ bound: Int) -> Int {
    bound <= 0 ? 0 : Int(generator.next() % UInt64(bound))
  }

  /// One to `maximum` mutations of a binary file with the given header fields.
  mutating func mutateBinary(_ bytes: [UInt8], fields: [FuzzField], maximum: Int = 3) -> [UInt8] {
    var bytes = bytes
    for _ in 0...below(maximum) {
      switch below(10) {
      case 0..<5 where !fields.isEmpty:
        let field = fields[below(fields.count)]
        var value = FuzzMutator.interestingValues[below(FuzzMutator.interestingValues.count)]
        if below(4) == 0 { value = value &+ UInt64(bitPattern: Int64(below(5) - 2)) }  // ±2 around it
        set(&bytes, field, to: value)
      case 5:
        bytes.removeLast(below(min(bytes.count, 24) + 1))
      case 6:
        bytes = Array(bytes.prefix(below(bytes.count + 1)))
      case 7 where !bytes.isEmpty:
        bytes[below(bytes.count)] ^= UInt8(1 + below(255))
      case 8:
        let insertion = (0..<(1 + below(8))).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        bytes.insert(contentsOf: insertion, at: below(bytes.count + 1))
      default:
        if !bytes.isEmpty { bytes[below(bytes.count)] = UInt8(truncatingIfNeeded: generator.next()) }
      }
    }
    return bytes
  }

  /// Writes `value` into `field`, truncated to its width; a field that runs past the end is left alone.
  func set(_ bytes: inout [UInt8], _ field: FuzzField, to value: UInt64) {
    guard field.offset >= 0, field.offset + field.width <= bytes.count else { return }
    for k in 0..<field.width {
      let shift = field.isBigEndian ? 8 * (field.width - 1 - k) : 8 * k
      bytes[field.offset + k] = UInt8(truncatingIfNeeded: value >> UInt64(shift))
    }
  }

  /// One to `maximum` token-level mutations of a CSV text.
  mutating func mutateCSV(_ text: String, maximum: Int = 3) -> [UInt8] {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
    var byteEdits = 0
    for _ in 0...below(maximum) {
      let line = below(lines.count)
      switch below(12) {
      case 0..<5 where !lines[line].isEmpty:
        lines[line][below(lines[line].count)] = FuzzMutator.interestingTokens[below(FuzzMutator.interestingTokens.count)]
      case 5: lines[line].append(FuzzMutator.interestingTokens[below(FuzzMutator.interestingTokens.count)])
      case 6 where !lines[line].isEmpty: lines[line].remove(at: below(lines[line].count))
      case 7: lines.insert(lines[line], at: below(lines.count + 1))
      case 8 where lines.count > 1: lines.remove(at: line)
      case 9: lines.insert([], at: below(lines.count + 1))
      case 10: lines[line] = lines[line].map { $0 + (below(2) == 0 ? "\r" : " ") }
      default: byteEdits += 1
      }
    }
    var bytes = Array(lines.map { $0.joined(separator: ",") }.joined(separator: "\n").utf8)
    for _ in 0..<byteEdits { bytes = mutateBinary(bytes, fields: [], maximum: 0) }
    return bytes
  }
}
