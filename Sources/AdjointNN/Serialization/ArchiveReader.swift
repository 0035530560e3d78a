/// A cursor over an archive's bytes that reads little-endian fields and whole entries, never past `limit`.
struct ArchiveReader {
  /// Why an entry could not be read: the bytes ran out, or they make no sense.
  struct Failure: Error {
    /// When the bytes ran out: how many the archive needs at least, before its trailer.
    var bytesNeeded: Int?
    /// What was wrong, for a person.
    var reason: String
  }

  let bytes: [UInt8]
  /// The next byte to read.
  var offset: Int
  /// One past the last byte that may be read.
  var limit: Int

  init(bytes: [UInt8], offset: Int) {
    self.bytes = bytes
    self.offset = offset
    self.limit = bytes.count
  }

  /// The range of the next `count` bytes, which it consumes.
  mutating func take(_ count: Int, for what: String) throws(Failure) -> Range<Int> {
    guard count <= limit - offset else {
      let (needed, overflow) = offset.addingReportingOverflow(count)
      throw Failure(bytesNeeded: overflow ? nil : needed, reason: "the file ends inside \(what)")
    }
    defer { offset += count }
    return offset..<(offset + count)
  }

  /// The little-endian 32-bit word at the cursor. The caller has checked that it is there.
  mutating func uint32() -> UInt32 {
    defer { offset += 4 }
    return ArchiveReader.littleEndian(bytes, at: offset)
  }

  /// The little-endian 64-bit word at the cursor. The caller has checked that it is there.
  mutating func uint64() -> UInt64 {
    defer { offset += 8 }
    return ArchiveReader.littleEndian(bytes, at: offset)
  }

  /// The little-endian integer of type `T` at `offset` in `bytes`.
  ///
  /// - Precondition: `bytes` holds `T`'s size in bytes from `offset`.
  static func littleEndian<T: FixedWidthInteger>(_ bytes: [UInt8], at offset: Int, as type: T.Type = T.self) -> T {
    (0..<(T.bitWidth / 8)).reduce(0) { $0 | T(bytes[offset + $1]) << (8 * $1) }
  }

  /// Reads one entry: name, rank, dimensions, scalars.
  mutating func entry(index: Int) throws(Failure) -> (name: String, tensor: Tensor) {
    offset = try take(4, for: "the name length of entry \(index)").lowerBound
    let nameLength = Int(uint32())
    let nameRange = try take(nameLength, for: "the name of entry \(index)")
    guard let name = String(validating: bytes[nameRange], as: UTF8.self) else {
      throw Failure(reason: "the name of entry \(index) is not valid UTF-8")
    }
    offset = try take(4, for: "the rank of \"\(name)\"").lowerBound
    let rank = Int(uint32())
    guard rank <= TensorArchiveFormat.maximumRank else {
      throw Failure(reason: "\"\(name)\" has rank \(rank), more than \(TensorArchiveFormat.maximumRank)")
    }
    offset = try take(8 * rank, for: "the shape of \"\(name)\"").lowerBound
    var shape: [Int] = []
    var count = 1
    for _ in 0..<rank {
      let extent = uint64()
      let (product, overflow) = count.multipliedReportingOverflow(by: Int(truncatingIfNeeded: extent))
      guard extent <= UInt64(Int.max), !overflow, product <= Int.max / 8 else {
        throw Failure(reason: "\"\(name)\" has an impossible shape")
      }
      shape.append(Int(extent))
      count = product
    }
    let scalarRange = try take(8 * count, for: "the scalars of \"\(name)\"")
    let tensor = bytes.withUnsafeBytes { raw in
      Tensor(shape: shape) { scalars in
        #if _endian(little)
          // The stored bit patterns are the in-memory ones; Double is a trivial type, so a byte copy initializes.
          UnsafeMutableRawBufferPointer(scalars).copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[scalarRange]))
        #else
          for i in 0..<count {
            let bits = raw.loadUnaligned(fromByteOffset: scalarRange.lowerBound + 8 * i, as: UInt64.self)
            scalars.initializeElement(at: i, to: Double(bitPattern: UInt64(littleEndian: bits)))
          }
        #endif
      }
    }
    return (name, tensor)
  }
}
