/// The header of an IDX file of unsigned bytes (the format of the MNIST files), checked against the file's size.
///
/// Layout, big-endian: two zero bytes, the element type (`0x08` for unsigned bytes), the rank *r*; then *r*
/// 32-bit dimensions; then the product of the dimensions in bytes, one per element, row-major.
struct IDXHeader: Equatable {
  /// The extent of each dimension, outermost (the item count) first.
  var dimensions: [Int]
  /// The offset of the first element: `4 + 4 × rank`.
  var dataOffset: Int

  /// The magic number of an IDX file of unsigned bytes with the given rank: `0x00000800 | rank`.
  static func magicNumber(rank: Int) -> UInt32 { 0x0000_0800 | UInt32(rank) }

  /// Reads and checks the header of `bytes`, which must hold an IDX file of unsigned bytes of rank `rank`.
  ///
  /// - Throws: ``DataError/emptyFile(file:)``, ``DataError/compressedFile(file:)`` (gzip magic `1f 8b`),
  ///   ``DataError/wrongMagicNumber(file:expected:found:)``, ``DataError/truncatedFile(file:expectedBytes:actualBytes:)``
  ///   or ``DataError/trailingBytes(file:expectedBytes:actualBytes:)``.
  init(parsing bytes: [UInt8], rank: Int, fileName: String) throws(DataError) {
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
    var dimensions: [Int] = []
    var total = headerSize
    var overflow = false
    for d in 0..<rank {
      let extent = Int(IDXHeader.bigEndianWord(bytes, at: 4 + 4 * d))
      dimensions.append(extent)
      if d == 0 {
        total = extent
      } else {
        let (product, didOverflow) = total.multipliedReportingOverflow(by: extent)
        total = product
        overflow = overflow || didOverflow
      }
    }
    let expectedBytes = overflow ? Int.max : headerSize + total
    if bytes.count < expectedBytes {
      throw .truncatedFile(file: fileName, expectedBytes: expectedBytes, actualBytes: bytes.count)
    }
    if bytes.count > expectedBytes {
      throw .trailingBytes(file: fileName, expectedBytes: expectedBytes, actualBytes: bytes.count)
    }
    self.dimensions = dimensions
    self.dataOffset = headerSize
  }

  /// The big-endian 32-bit word at `offset`.
  static func bigEndianWord(_ bytes: [UInt8], at offset: Int) -> UInt32 {
    UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8
      | UInt32(bytes[offset + 3])
  }
}
