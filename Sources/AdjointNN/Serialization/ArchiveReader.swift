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

  /// The most elements a shape may describe, counting zero dimensions as 1, in an archive of `fileSize` bytes:
  /// 2³² or the number of scalars the file could hold (`fileSize / 8`), whichever is larger.
  ///
  /// A stored tensor's scalars must be in the file, so this bounds only empty tensors: `[0, 2⁶², 2⁶²]` holds no
  /// scalar, but a sum along its first axis, or a broadcast against it, would have to make 2¹²⁴ of them.
  static func maximumShapeSize(fileSize: Int) -> Int { max(1 << 32, fileSize / 8) }

  /// The stored dimensions of tensor `name` as a shape, if it is one a tensor can have.
  ///
  /// The product of the dimensions, with zeros counted as 1, is computed with overflow checks at every step and
  /// must not exceed `limit` (``maximumShapeSize(fileSize:)``): a zero dimension makes a tensor empty, but does
  /// not make `[0, Int.max, Int.max]` a shape that strides, reductions and transposes can compute with.
  ///
  /// - Throws: a ``Failure`` naming the tensor, the dimension (0-based) and its value.
  static func checkedShape(_ extents: [UInt64], name: String, limit: Int) throws(Failure) -> [Int] {
    var bounded = 1
    for (axis, extent) in extents.enumerated() {
      let (product, overflow) = bounded.multipliedReportingOverflow(by: max(Int(truncatingIfNeeded: extent), 1))
      guard extent <= UInt64(Int.max), !overflow, product <= limit else {
        let shape = "[" + extents.map(String.init).joined(separator: ", ") + "]"
        throw Failure(
          reason: "tensor \"\(name)\" dimension \(axis) = \(extent) is impossible: the shape \(shape) has more than "
            + "\(limit) elements, even counting zero dimensions as 1")
      }
      bounded = product
    }
    return extents.map { Int($0) }
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
    let extents = (0..<rank).map { _ in uint64() }
    let shape = try ArchiveReader.checkedShape(
      extents, name: name, limit: ArchiveReader.maximumShapeSize(fileSize: bytes.count))
    let count = shape.reduce(1, *)  // checkedShape bounded it
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
