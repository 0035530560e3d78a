import Foundation

/// The bundled handwritten-digits data set: 1,797 images of 8×8 pixels, each labelled 0–9.
///
/// The test part of Alpaydin and Kaynak's "Optical Recognition of Handwritten Digits" (UCI; the copy distributed
/// with scikit-learn). Each pixel is a count from 0 to 16; the classes hold 178, 182, 177, 183, 181, 182, 181,
/// 179, 174 and 180 examples. The licence and attribution are in `Resources/DIGITS-LICENSE.md`.
///
/// ```swift
/// var rng = SplitMix64(seed: 7)
/// let digits = try Digits.load()
/// digits.features.shape   // [1797, 64], values in [0, 1]
/// let (training, test) = digits.split(trainingFraction: 0.8, using: &rng)
/// ```
public enum Digits {
  /// The number of examples.
  public static let count = 1797
  /// The side of each square image, in pixels.
  public static let imageSide = 8
  /// The largest pixel value in the file.
  public static let maximumPixelValue = 16.0

  /// Loads the bundled data set.
  ///
  /// - Parameter scaled: When `true` (the default), each pixel is divided by 16 so that features lie in
  ///   `[0, 1]`; when `false`, they are the file's whole numbers 0…16.
  /// - Returns: 1,797 rows of 64 features (the image row by row) and labels 0–9, in the file's order.
  /// - Throws: ``DataError`` if the resource is missing or damaged (which a correct build never produces).
  /// - Complexity: O(*n*) in the size of the file (about 260 kB).
  public static func load(scaled: Bool = true) throws -> LabeledDataset {
    guard let url = Bundle.module.url(forResource: "digits", withExtension: "csv") else {
      throw DataError.unreadableFile(path: "digits.csv", reason: "the resource is missing from the AdjointNN bundle")
    }
    let raw = try LabeledDataset.readCSV(from: url, labelColumn: .last, header: .absent, classCount: 10)
    guard raw.featureCount == imageSide * imageSide else {
      throw DataError.shapeMismatch(file: "digits.csv", expected: [imageSide * imageSide], found: [raw.featureCount])
    }
    guard scaled else { return raw }
    var features = raw.features
    features.withUnsafeMutableBufferPointer { pixels in
      for i in pixels.indices { pixels[i] /= maximumPixelValue }
    }
    return LabeledDataset(uncheckedFeatures: features, labels: raw.labels, classCount: raw.classCount)
  }
}
