/// The header of an IDX file of unsigned bytes (the format of the MNIST files), checked against the file's size.
///
/// Layout, big-endian: two zero bytes, the element type (`0x08` for unsigned bytes), the rank *r*; then *r*
/// 32-bit dimensions; then the product of the dimensions in bytes, one per element, row-major.
///
/// Every size is computed with overflow-checked arithmetic, and an item (the dimensions after the first) may
/// hold at most ``maximumItemSize`` elements, so that no header, however crafted, makes the reader trap, allocate
/// more than a few times the file's size, or return an absurd shape (such as 0 images of 2³¹ × 2³¹ pixels).
struct IDXHeader: Equatable {
  /// The extent of each dimension, outermost (the item count) first.
  var dimensions: [Int]
  /// The offset of the first element: `4 + 4 × rank`.
  var dataOffset: Int
  /// The number of elements in one item: the product of the dimensions after the first (1 for rank 1).
  var itemSize: Int

  /// The most elements one item may have: 2³¹ − 1 (an image of 46,340 × 46,340 pixels fits; a row of that many
  /// `Double` features takes 16 GiB). The product of the item's dimensions is checked with zero dimensions
  /// counted as 1, so that a zero cannot hide an impossible extent.
  static let maximumItemSize = Int(Int32.max)

  /// The magic number of an IDX file of unsigned bytes with the given rank: `0x00000800 | rank`.
  static func magicNumber(rank: Int) -> UInt32 { 0x0000_0800 | UInt32(rank) }

  /// Reads and checks the header of `bytes`, which must hold an IDX file of unsigned bytes of rank
  /// `fieldNames.count`.
  ///
  /// - Parameters:
  ///   - bytes: The whole file.
  ///   - fieldNames: A name for each dimension, for errors: `["image count", "rows", "columns"]`.
  ///   - itemName: What one item is, for errors: `"image"`.
  ///   - fileName: The name errors give the file.
  /// - Throws: ``DataError/emptyFile(file:)``, ``DataError/compressedFile(file:)`` (gzip magic `1f 8b`),
  ///   ``DataError/wrongMagicNumber(file:expected:found:)``,
  ///   ``DataError/invalidHeaderField(file:field:value:reason:)`` (an item above ``maximumItemSize``, a size
  ///   that overflows), ``DataError/truncatedFile(file:expectedBytes:actualBytes:)`` or
  ///   ``DataError/trailingBytes(file:expectedBytes:actualBytes:)``.
  init(parsing bytes: [UInt8], fieldNames: [String], itemName: String, fileName: String) throws(DataError) {
    let rank = fieldNames.count
    checkPrecondition(rank >= 1, "IDXHeader: an IDX file has at least one dimension, got field names \(fieldNames)")
    guard !bytes.isEmpty else { throw .emptyFile(file: fileName) }
    if bytes.count >= 2, bytes[0] == 0x1F, bytes[1] == 0x8B { throw .compressedFile(file: fileName) }
    let headerSize = 4 + 4 * rank
    guard bytes.count >= 4 else {
      throw .truncatedFile(file: fileName, expectedBytes: headerSize, actualBytes: bytes.count)
    }
    let magic = IDXHeader.bigEndianWord(bytes, at: 0)
    let expectedMagic = IDXHeader.magicNumber(rank: rank)
    guard magic == expectedMagic else {
      throw .wrongMagicNumber(file: fileName, expected: expectedMagic, found: magic)
    }
    guard bytes.count >= headerSize else {
      throw .truncatedFile(file: fileName, expectedBytes: headerSize, actualBytes: bytes.count)
    }
    let dimensions = (0..<rank).map { Int(IDXHeader.bigEndianWord(bytes, at: 4 + 4 * $0)) }

    // One item's size, bounded at every step (zeros counted as 1 for the bound).
    var itemSize = 1
    var boundedSize = 1
    for axis in 1..<max(rank, 1) {
      let extent = dimensions[axis]
      let (bounded, overflow) = boundedSize.multipliedReportingOverflow(by: max(extent, 1))
      guard !overflow, bounded <= IDXHeader.maximumItemSize else {
        let shape = dimensions.dropFirst().map(String.init).joined(separator: " × ")
        throw .invalidHeaderField(
          file: fileName, field: fieldNames[axis], value: extent,
          reason: "\(itemName)s of \(shape) elements exceed the limit of \(IDXHeader.maximumItemSize) elements per \(itemName)")
      }
      boundedSize = bounded
      itemSize *= extent  // at most boundedSize: cannot overflow
    }
    let (elementCount, countOverflow) = dimensions[0].multipliedReportingOverflow(by: itemSize)
    let (expectedBytes, sizeOverflow) = elementCount.addingReportingOverflow(headerSize)
    guard !countOverflow, !sizeOverflow else {
      throw .invalidHeaderField(
        file: fileName, field: fieldNames[0], value: dimensions[0],
        reason: "\(dimensions[0]) \(itemName)s of \(itemSize) elements overflow a 64-bit file size")
    }
    if bytes.count < expectedBytes {
      throw .truncatedFile(file: fileName, expectedBytes: expectedBytes, actualBytes: bytes.count)
    }
    if bytes.count > expectedBytes {
      throw .trailingBytes(file: fileName, expectedBytes: expectedBytes, actualBytes: bytes.count)
    }
    self.dimensions = dimensions
    self.dataOffset = headerSize
    self.itemSize = itemSize
  }

  /// The big-endian 32-bit word at `offset`.
  static func bigEndianWord(_ bytes: [UInt8], at offset: Int) -> UInt32 {
    UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8
      | UInt32(bytes[offset + 3])
  }
}
