import Foundation

/// Reads the MNIST handwritten-digit files (LeCun, Cortes and Burges) in their IDX format.
///
/// The four files must be decompressed first (`gunzip *.gz`): Adjoint has no dependencies, so no gzip. Each image
/// becomes one row of `rows × columns` features (784 for MNIST), each pixel divided by 255 so that it lies in
/// `[0, 1]`; labels are 0–9.
///
/// ```swift
/// let (training, test) = try MNIST.load(from: URL(filePath: "/data/mnist"))
/// training.features.shape   // [60000, 784]
/// test.count                // 10000
/// ```
///
/// The full training set takes 60,000 × 784 × 8 bytes ≈ 376 MB as `Double`s.
public enum MNIST {
  /// The file names `load(from:)` looks for.
  public static let trainingImagesFileName = "train-images-idx3-ubyte"
  /// The training labels' file name.
  public static let trainingLabelsFileName = "train-labels-idx1-ubyte"
  /// The test images' file name.
  public static let testImagesFileName = "t10k-images-idx3-ubyte"
  /// The test labels' file name.
  public static let testLabelsFileName = "t10k-labels-idx1-ubyte"
  /// The number of classes (the digits 0–9).
  public static let classCount = 10

  /// Loads the training and test sets from the four standard files in `directory`.
  ///
  /// - Parameter directory: A directory holding `train-images-idx3-ubyte`, `train-labels-idx1-ubyte`,
  ///   `t10k-images-idx3-ubyte` and `t10k-labels-idx1-ubyte`, uncompressed.
  /// - Returns: Both sets; features have shape `[count, rows × columns]` with values in `[0, 1]`.
  /// - Throws: ``DataError``: a missing file (``DataError/compressedFile(file:)`` when only its `.gz` is there),
  ///   a wrong magic number, an impossible header (an image of more than 2³¹ − 1 pixels), a truncated or overlong file, different image and label counts, labels above 9, or
  ///   test images of another size than the training images.
  /// - Complexity: O(*n*) in the size of the files.
  public static func load(from directory: URL) throws -> (training: LabeledDataset, test: LabeledDataset) {
    let training = try load(
      images: file(trainingImagesFileName, in: directory), labels: file(trainingLabelsFileName, in: directory))
    let test = try load(
      images: file(testImagesFileName, in: directory), labels: file(testLabelsFileName, in: directory))
    guard test.featureCount == training.featureCount else {
      throw DataError.shapeMismatch(
        file: testImagesFileName, expected: [training.featureCount], found: [test.featureCount])
    }
    return (training, test)
  }

  /// Loads one set from an IDX images file (rank 3: count, rows, columns) and an IDX labels file (rank 1).
  ///
  /// - Parameters:
  ///   - images: The images file, uncompressed.
  ///   - labels: The labels file, uncompressed.
  /// - Returns: One row of `rows × columns` pixels in `[0, 1]` per image, and its label.
  /// - Throws: ``DataError``.
  public static func load(images: URL, labels: URL) throws -> LabeledDataset {
    let imagesName = displayName(of: images)
    let labelsName = displayName(of: labels)
    let imageBytes = try contents(of: images)
    let labelBytes = try contents(of: labels)
    return try dataset(images: imageBytes, imagesName: imagesName, labels: labelBytes, labelsName: labelsName)
  }

  /// Decodes one set from the bytes of an IDX images file and an IDX labels file.
  ///
  /// - Throws: ``DataError``, naming `imagesName` or `labelsName`.
  /// - Complexity: O(*n*) in the size of the files; the features take 8 bytes per pixel.
  static func dataset(
    images imageBytes: [UInt8], imagesName: String, labels labelBytes: [UInt8], labelsName: String
  ) throws(DataError) -> LabeledDataset {
    let imageHeader = try IDXHeader(
      parsing: imageBytes, fieldNames: ["image count", "rows", "columns"], itemName: "image", fileName: imagesName)
    let labelHeader = try IDXHeader(
      parsing: labelBytes, fieldNames: ["label count"], itemName: "label", fileName: labelsName)

    let count = imageHeader.dimensions[0]
    guard labelHeader.dimensions[0] == count else {
      throw .countMismatch(
        imagesFile: imagesName, imageCount: count, labelsFile: labelsName, labelCount: labelHeader.dimensions[0])
    }
    var labelValues: [Int] = []
    labelValues.reserveCapacity(count)
    for index in 0..<count {
      let label = Int(labelBytes[labelHeader.dataOffset + index])
      guard label < classCount else {
        throw .labelOutOfRange(file: labelsName, position: "index \(index)", label: label, classCount: classCount)
      }
      labelValues.append(label)
    }

    // The header checked that 16 + count × pixelCount bytes, computed without overflow, is the file's length.
    let pixelCount = imageHeader.itemSize
    let offset = imageHeader.dataOffset
    let features = imageBytes.withUnsafeBufferPointer { source in
      Tensor(shape: [count, pixelCount]) { destination in
        for i in 0..<(count * pixelCount) {
          destination.initializeElement(at: i, to: Double(source[offset + i]) / 255)
        }
      }
    }
    return LabeledDataset(uncheckedFeatures: features, labels: labelValues, classCount: classCount)
  }

  /// The URL of `name` in `directory`, or an error that says to decompress it when only `name.gz` is there.
  private static func file(_ name: String, in directory: URL) throws -> URL {
    let url = directory.appendingPathComponent(name)
    let compressed = directory.appendingPathComponent(name + ".gz")
    let fileManager = FileManager.default
    if !fileManager.fileExists(atPath: url.path) && fileManager.fileExists(atPath: compressed.path) {
      throw DataError.compressedFile(file: compressed.lastPathComponent)
    }
    return url
  }

  /// The bytes of the file at `url`; a `.gz` name is refused before reading.
  private static func contents(of url: URL) throws -> [UInt8] {
    if url.pathExtension == "gz" { throw DataError.compressedFile(file: displayName(of: url)) }
    do {
      return try readFileBytes(at: url)
    } catch {
      throw DataError.unreadableFile(path: error.path, reason: error.reason)
    }
  }
}
