import Foundation
import Testing

@testable import AdjointNN

/// The big-endian bytes of an IDX header of unsigned bytes with these dimensions (magic `00 00 08 rank`).
private func idxHeader(_ dimensions: [UInt32]) -> [UInt8] {
  ([0x0800 | UInt32(dimensions.count)] + dimensions).flatMap { word in
    [UInt8(word >> 24), UInt8((word >> 16) & 0xFF), UInt8((word >> 8) & 0xFF), UInt8(word & 0xFF)]
  }
}

/// Decodes an images file with the given header (and no pixels) beside an empty labels file.
private func loadImages(_ dimensions: [UInt32]) throws {
  _ = try MNIST.dataset(
    images: idxHeader(dimensions), imagesName: "train-images-idx3-ubyte", labels: idxHeader([0]),
    labelsName: "train-labels-idx1-ubyte")
}

/// The 65-byte archive found by the fuzzer: one tensor `"a"` of shape `[0, Int.max, Int.max]` and no scalars,
/// with a correct payload length and CRC-32.
private func archiveOfShape(_ shape: [UInt64], name: String = "a") -> [UInt8] {
  var bytes: [UInt8] = [0x89, 0x41, 0x44, 0x4A, 0x0D, 0x0A, 0x1A, 0x0A]
  func append(_ value: some FixedWidthInteger) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
  append(UInt32(1))
  append(UInt32(1))
  append(UInt32(name.utf8.count))
  bytes += name.utf8
  append(UInt32(shape.count))
  for extent in shape { append(extent) }
  append(UInt64(bytes.count))
  append(CRC32.checksum(of: bytes))
  bytes += Array("END!".utf8)
  return bytes
}

/// Parses `text` as `t.csv` with the default options.
private func parseCSV(_ text: String, classCount: Int? = nil) throws -> LabeledDataset {
  try LabeledDataset.parseCSV(Array(text.utf8), fileName: "t.csv", classCount: classCount)
}

/// The inputs with which a structure-aware fuzzer crashed the readers; each now throws an error naming the field.
@Suite struct CraftedInputTests {
  @Test func idxDimensionsWhoseProductIsIntMaxAreRejectedNamingTheField() {
    // 454279 × 31252369 × 649657 = 2⁶³ − 1: the size check used to trap adding the 16 header bytes.
    let error = DataError.invalidHeaderField(
      file: "train-images-idx3-ubyte", field: "columns", value: 649657,
      reason: "images of 31252369 × 649657 elements exceed the limit of 2147483647 elements per image")
    #expect(throws: error) { try loadImages([454279, 31252369, 649657]) }
    #expect(
      error.description
        == "train-images-idx3-ubyte: header field columns = 649657 is impossible: images of 31252369 × 649657 "
        + "elements exceed the limit of 2147483647 elements per image")
  }

  @Test func zeroImagesOfFourBillionSquaredPixelsAreRejected() {
    // 0 × 0xFFFFFFFF × 0xFFFFFFFF passed the size check (0 bytes) and then trapped computing the feature count.
    #expect(
      throws: DataError.invalidHeaderField(
        file: "train-images-idx3-ubyte", field: "rows", value: 4_294_967_295,
        reason: "images of 4294967295 × 4294967295 elements exceed the limit of 2147483647 elements per image")
    ) { try loadImages([0, 0xFFFF_FFFF, 0xFFFF_FFFF]) }
  }

  @Test func zeroImagesWithTwoToTheSixtySecondFeaturesAreRejected() {
    // 0 × 2³¹ × 2³¹ used to load, with featureCount 2⁶².
    #expect(
      throws: DataError.invalidHeaderField(
        file: "train-images-idx3-ubyte", field: "rows", value: 2_147_483_648,
        reason: "images of 2147483648 × 2147483648 elements exceed the limit of 2147483647 elements per image")
    ) { try loadImages([0, 0x8000_0000, 0x8000_0000]) }
  }

  @Test func idxZeroDimensionsCannotHideAnImpossibleOne() {
    // A zero row count makes the image empty, but 2³² − 1 columns is still no image a file can hold.
    #expect(
      throws: DataError.invalidHeaderField(
        file: "train-images-idx3-ubyte", field: "columns", value: 4_294_967_295,
        reason: "images of 0 × 4294967295 elements exceed the limit of 2147483647 elements per image")
    ) { try loadImages([0, 0, 0xFFFF_FFFF]) }
  }

  @Test func idxImagesAtTheLimitAreStillMeasuredAgainstTheFile() {
    // 1 image of 2³¹ − 1 pixels is allowed by the header rule, and the file is then too short for it.
    #expect(
      throws: DataError.truncatedFile(file: "train-images-idx3-ubyte", expectedBytes: 2_147_483_663, actualBytes: 16)
    ) {
      _ = try MNIST.dataset(
        images: idxHeader([1, 1, 0x7FFF_FFFF]), imagesName: "train-images-idx3-ubyte", labels: idxHeader([1]) + [0],
        labelsName: "train-labels-idx1-ubyte")
    }
  }

  @Test func emptyImageFilesOfAPlausibleSizeStillLoad() throws {
    let empty = try MNIST.dataset(
      images: idxHeader([0, 28, 28]), imagesName: "i", labels: idxHeader([0]), labelsName: "l")
    #expect(empty.features.shape == [0, 784])
  }

  @Test func archiveShapeWithAZeroAndIntMaxDimensionsIsRejectedNamingTheTensor() throws {
    let bytes = archiveOfShape([0, UInt64(Int.max), UInt64(Int.max)])
    #expect(bytes.count == 65)
    let error = TensorArchiveError.corrupted(
      file: "m.adjt", offset: 49,
      reason: "tensor \"a\" dimension 1 = 9223372036854775807 is impossible: the shape [0, 9223372036854775807, "
        + "9223372036854775807] has more than 4294967296 elements, even counting zero dimensions as 1")
    #expect(throws: error) { try TensorArchive(decoding: bytes, fileName: "m.adjt") }
    #expect(
      error.description
        == "m.adjt: the archive is corrupted at byte 49: tensor \"a\" dimension 1 = 9223372036854775807 is impossible: "
        + "the shape [0, 9223372036854775807, 9223372036854775807] has more than 4294967296 elements, even "
        + "counting zero dimensions as 1")
  }

  @Test func archiveShapesThatOverflowOrExceedTheLimitAreRejectedWhereverTheZeroIs() {
    for shape: [UInt64] in [[1 << 31, 1 << 31, 0, 1 << 31], [0, 1 << 61], [UInt64.max], [1 << 32, 1 << 32, 0], [0, 1 << 17, 1 << 16]] {
      #expect {
        try TensorArchive(decoding: archiveOfShape(shape), fileName: "m.adjt")
      } throws: { error in
        guard case .corrupted(_, _, let reason) = error as? TensorArchiveError else { return false }
        return reason.hasPrefix("tensor \"a\" dimension ")
      }
    }
    // An empty shape of up to 2³² elements (zeros counted as 1) still decodes.
    #expect((try? TensorArchive(decoding: archiveOfShape([0, 1 << 16, 1 << 16]), fileName: "m.adjt"))?["a"]?.shape
      == [0, 1 << 16, 1 << 16])
  }

  @Test func csvLabelOfTwoToTheFiftyThreeMinusOneIsRejectedBeforeAllocating() {
    let error = DataError.tooManyClasses(file: "t.csv", line: 2, column: 3, label: 9_007_199_254_740_991, limit: 1_000_000)
    #expect(throws: error) { try parseCSV("1,2,0\n3,4,9007199254740991\n") }
    #expect(
      error.description
        == "t.csv line 2, column 3: label 9007199254740991 implies 9007199254740992 classes, more than the 1000000 a "
        + "file may imply without classCount; pass classCount to allow more")
  }

  @Test func csvLabelOfNinetyNineMillionIsRejected() {
    #expect(throws: DataError.tooManyClasses(file: "t.csv", line: 1, column: 3, label: 99_999_999, limit: 1_000_000)) {
      try parseCSV("1,2,99999999\n3,4,0\n")
    }
  }

  @Test func csvLabelOfOneHundredThousandOnATinyFileIsSparse() {
    let error = DataError.sparseLabels(file: "t.csv", line: 3, column: 3, label: 100_000, presentClasses: 3)
    #expect(throws: error) { try parseCSV("1,2,0\n3,4,1\n5,6,100000\n") }
    #expect(
      error.description
        == "t.csv line 3, column 3: label 100000 implies 100001 classes but only 3 of them occur; without classCount, "
        + "at least half of the classes 0 to 100000 must occur: number the labels 0, 1, 2, … or pass classCount")
  }

  @Test func csvClassRuleAcceptsHalfPresentAndAStatedCount() throws {
    #expect(try parseCSV("1,0\n2,1\n3,3\n").classCount == 4)  // 3 of 4 classes occur
    #expect(throws: DataError.sparseLabels(file: "t.csv", line: 2, column: 2, label: 4, presentClasses: 2)) {
      try parseCSV("1,0\n2,4\n")  // 2 of 5
    }
    let stated = try parseCSV("1,0\n2,100000\n", classCount: 100_001)
    #expect(stated.classCount == 100_001)
    #expect(stated.classCounts.count == 100_001)
    #expect(LabeledDataset.inferredClassCount(ofLabels: [0, 1, 3]) == 4)
    #expect(LabeledDataset.inferredClassCount(ofLabels: [0, 1, 100_000]) == nil)
    #expect(LabeledDataset.inferredClassCount(ofLabels: []) == 0)
  }
}
