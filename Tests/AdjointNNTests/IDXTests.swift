import Foundation
import Testing

@testable import AdjointNN

/// Runs `body` with a new, empty directory under the temporary directory, and removes it afterwards.
func withDataTemporaryDirectory(_ body: (URL) throws -> Void) throws {
  let directory = FileManager.default.temporaryDirectory.appendingPathComponent("adjoint-data-tests-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false)
  defer { try? FileManager.default.removeItem(at: directory) }
  try body(directory)
}

/// The bytes of an IDX file of unsigned bytes: magic `00 00 08 rank`, big-endian dimensions, then the data.
private func idxBytes(dimensions: [UInt32], data: [UInt8], magic: UInt32? = nil) -> [UInt8] {
  var bytes: [UInt8] = []
  for word in [magic ?? (0x0800 | UInt32(dimensions.count))] + dimensions {
    bytes += [UInt8(word >> 24), UInt8((word >> 16) & 0xFF), UInt8((word >> 8) & 0xFF), UInt8(word & 0xFF)]
  }
  return bytes + data
}

/// Five 3×3 images: image `i` has pixel `j` equal to `51 × ((i + j) % 6)`, so pixels are 0, 0.2, …, 1 after
/// scaling by 255. Labels 3, 1, 4, 1, 5.
private let images = idxBytes(dimensions: [5, 3, 3], data: (0..<5).flatMap { i in (0..<9).map { j in UInt8(51 * ((i + j) % 6)) } })
private let labels = idxBytes(dimensions: [5], data: [3, 1, 4, 1, 5])

/// Writes the four MNIST files into `directory`, with the test files two images shorter.
private func writeMNIST(into directory: URL, trainingImages: [UInt8] = images, trainingLabels: [UInt8] = labels) throws {
  try Data(trainingImages).write(to: directory.appendingPathComponent("train-images-idx3-ubyte"))
  try Data(trainingLabels).write(to: directory.appendingPathComponent("train-labels-idx1-ubyte"))
  let testImages = idxBytes(dimensions: [2, 3, 3], data: [UInt8](repeating: 255, count: 18))
  try Data(testImages).write(to: directory.appendingPathComponent("t10k-images-idx3-ubyte"))
  try Data(idxBytes(dimensions: [2], data: [9, 0])).write(to: directory.appendingPathComponent("t10k-labels-idx1-ubyte"))
}

@Suite struct IDXTests {
  @Test func loadsTrainingAndTestSetsScaledToUnitInterval() throws {
    try withDataTemporaryDirectory { directory in
      try writeMNIST(into: directory)
      let (training, test) = try MNIST.load(from: directory)
      #expect(training.features.shape == [5, 9])
      #expect(training.labels == [3, 1, 4, 1, 5])
      #expect(training.classCount == 10)
      // Image 1: pixels 51 × ((1 + j) % 6) / 255 = 0.2, 0.4, 0.6, 0.8, 1, 0, 0.2, 0.4, 0.6.
      let expected = [0.2, 0.4, 0.6, 0.8, 1, 0, 0.2, 0.4, 0.6]
      for (j, value) in expected.enumerated() {
        #expect(abs(training.features[1, j] - value) <= 1e-15)
      }
      #expect(test.features == Tensor(repeating: 1, shape: [2, 9]))
      #expect(test.labels == [9, 0])
    }
  }

  @Test func wrongMagicNumberIsRejected() throws {
    try withDataTemporaryDirectory { directory in
      try writeMNIST(into: directory, trainingImages: labels)  // a labels file where images should be
      let error = DataError.wrongMagicNumber(file: "train-images-idx3-ubyte", expected: 0x0803, found: 0x0801)
      #expect(throws: error) { try MNIST.load(from: directory) }
      #expect(error.description == "train-images-idx3-ubyte: expected magic number 0x00000803, found 0x00000801")
    }
  }

  @Test func truncatedFileNamesExpectedAndActualSizes() throws {
    try withDataTemporaryDirectory { directory in
      // 16 header bytes + 45 pixels = 61 bytes expected; drop the last 4.
      try writeMNIST(into: directory, trainingImages: Array(images.dropLast(4)))
      let error = DataError.truncatedFile(file: "train-images-idx3-ubyte", expectedBytes: 61, actualBytes: 57)
      #expect(throws: error) { try MNIST.load(from: directory) }
      #expect(error.description == "train-images-idx3-ubyte: the file is truncated: expected 61 bytes, found 57")

      try writeMNIST(into: directory, trainingImages: Array(images.prefix(10)))  // inside the header
      #expect(throws: DataError.truncatedFile(file: "train-images-idx3-ubyte", expectedBytes: 16, actualBytes: 10)) {
        try MNIST.load(from: directory)
      }
      try writeMNIST(into: directory, trainingLabels: labels + [7])
      #expect(throws: DataError.trailingBytes(file: "train-labels-idx1-ubyte", expectedBytes: 13, actualBytes: 14)) {
        try MNIST.load(from: directory)
      }
      try writeMNIST(into: directory, trainingLabels: [])
      #expect(throws: DataError.emptyFile(file: "train-labels-idx1-ubyte")) { try MNIST.load(from: directory) }
    }
  }

  @Test func imageAndLabelCountsMustAgree() throws {
    try withDataTemporaryDirectory { directory in
      try writeMNIST(into: directory, trainingLabels: idxBytes(dimensions: [4], data: [3, 1, 4, 1]))
      let error = DataError.countMismatch(
        imagesFile: "train-images-idx3-ubyte", imageCount: 5, labelsFile: "train-labels-idx1-ubyte", labelCount: 4)
      #expect(throws: error) { try MNIST.load(from: directory) }
      #expect(error.description == "train-images-idx3-ubyte holds 5 images but train-labels-idx1-ubyte holds 4 labels")
    }
  }

  @Test func labelsAboveNineAreRejected() throws {
    try withDataTemporaryDirectory { directory in
      try writeMNIST(into: directory, trainingLabels: idxBytes(dimensions: [5], data: [3, 1, 10, 1, 5]))
      #expect(
        throws: DataError.labelOutOfRange(file: "train-labels-idx1-ubyte", position: "index 2", label: 10, classCount: 10)
      ) { try MNIST.load(from: directory) }
    }
  }

  @Test func testImagesMustMatchTrainingImageSize() throws {
    try withDataTemporaryDirectory { directory in
      try writeMNIST(into: directory)
      let fourByFour = idxBytes(dimensions: [2, 4, 4], data: [UInt8](repeating: 0, count: 32))
      try Data(fourByFour).write(to: directory.appendingPathComponent("t10k-images-idx3-ubyte"))
      #expect(throws: DataError.shapeMismatch(file: "t10k-images-idx3-ubyte", expected: [9], found: [16])) {
        try MNIST.load(from: directory)
      }
    }
  }

  @Test func compressedFilesAskToBeDecompressed() throws {
    try withDataTemporaryDirectory { directory in
      try writeMNIST(into: directory)
      let images = directory.appendingPathComponent("train-images-idx3-ubyte")
      try FileManager.default.moveItem(at: images, to: directory.appendingPathComponent("train-images-idx3-ubyte.gz"))
      let error = DataError.compressedFile(file: "train-images-idx3-ubyte.gz")
      #expect(throws: error) { try MNIST.load(from: directory) }
      #expect(error.description == "train-images-idx3-ubyte.gz: the file is gzip-compressed; decompress it first (gunzip)")

      // Gzip content under the plain name is recognised by its magic bytes 1f 8b.
      try Data([0x1F, 0x8B, 0x08, 0x00]).write(to: images)
      #expect(throws: DataError.compressedFile(file: "train-images-idx3-ubyte")) { try MNIST.load(from: directory) }
      #expect(throws: DataError.compressedFile(file: "x.gz")) {
        try MNIST.load(images: directory.appendingPathComponent("x.gz"), labels: directory.appendingPathComponent("y"))
      }
    }
  }

  @Test func missingFileIsUnreadable() throws {
    try withDataTemporaryDirectory { directory in
      let path = directory.appendingPathComponent("train-images-idx3-ubyte").path
      #expect(throws: DataError.unreadableFile(path: path, reason: "No such file or directory")) {
        try MNIST.load(from: directory)
      }
    }
  }
}
