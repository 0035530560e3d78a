@testable import AdjointNN

/// What one fuzz input did to a reader.
enum FuzzOutcome: Equatable {
  /// It parsed, and the result passed the target's invariants.
  case parsed
  /// It was rejected with a typed error of the reader's; `kind` is the case name (`"truncatedFile"`).
  case rejected(kind: String)
  /// Something a reader must never do: an untyped error, or a result that breaks an invariant.
  case violation(String)
}

/// The counts of a fuzz run: inputs tried, parsed, rejected by error kind, and any violations.
struct FuzzReport {
  var target: String
  var tried = 0
  var parsed = 0
  var rejections: [String: Int] = [:]
  var violations: [String] = []

  mutating func record(_ outcome: FuzzOutcome, input: Int) {
    tried += 1
    switch outcome {
    case .parsed: parsed += 1
    case .rejected(let kind): rejections[kind, default: 0] += 1
    case .violation(let message): violations.append("input \(input): \(message)")
    }
  }

  /// One line: `fuzz idx: 3000 inputs, 412 parsed, 2588 rejected (truncatedFile 1201, …), 0 violations`.
  var summary: String {
    let kinds = rejections.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
      .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    return "fuzz \(target): \(tried) inputs, \(parsed) parsed, \(tried - parsed - violations.count) rejected "
      + "(\(kinds)), \(violations.count) violations"
  }
}

/// The case name of an enum error: `truncatedFile` for `DataError.truncatedFile(…)`.
private func caseName(_ error: some Error) -> String {
  Mirror(reflecting: error).children.first?.label ?? String(describing: error)
}

/// Classifies what a reader threw: its own typed error is a rejection; anything else is a violation.
private func classify<E: Error>(_ error: any Error, expecting _: E.Type) -> FuzzOutcome {
  guard let typed = error as? E else { return .violation("untyped error \(type(of: error)): \(error)") }
  return .rejected(kind: caseName(typed))
}

/// The readers under fuzzing, each with its seeds, its mutations and its invariants.
enum ReaderFuzzTarget: String, CaseIterable {
  case idx, csv, archive

  /// Makes input `index` of a run with `seed` (the same pair always gives the same input) and runs the reader.
  func run(seed: UInt64, index: Int) -> FuzzOutcome {
    var mutator = FuzzMutator(seed: seed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15)
    switch self {
    case .idx: return runIDX(&mutator)
    case .csv: return runCSV(&mutator)
    case .archive: return runArchive(&mutator)
    }
  }

  // MARK: IDX

  private static func idx(_ dimensions: [UInt32], data: [UInt8]) -> [UInt8] {
    ([0x0800 | UInt32(dimensions.count)] + dimensions).flatMap { word in
      [UInt8(word >> 24), UInt8((word >> 16) & 0xFF), UInt8((word >> 8) & 0xFF), UInt8(word & 0xFF)]
    } + data
  }
  static let images = idx([4, 3, 2], data: (0..<24).map { UInt8($0 * 10) })
  static let labels = idx([4], data: [3, 1, 4, 1])
  static let imageFields = (0..<4).map { FuzzField(offset: 4 * $0, width: 4, isBigEndian: true) }
  static let labelFields = (0..<2).map { FuzzField(offset: 4 * $0, width: 4, isBigEndian: true) }

  /// Pads or cuts an IDX file to the length its header gives, when that is at most 64 KiB.
  static func fitLength(_ bytes: inout [UInt8], rank: Int, using mutator: inout FuzzMutator) {
    let headerSize = 4 + 4 * rank
    guard bytes.count >= headerSize else { return }
    var size = 1
    for axis in 0..<rank {
      let (product, overflow) = size.multipliedReportingOverflow(by: Int(IDXHeader.bigEndianWord(bytes, at: 4 + 4 * axis)))
      guard !overflow, product <= 1 << 16 else { return }
      size = product
    }
    let length = headerSize + size
    if bytes.count > length { bytes.removeLast(bytes.count - length) }
    while bytes.count < length { bytes.append(UInt8(mutator.below(12))) }
  }

  private func runIDX(_ mutator: inout FuzzMutator) -> FuzzOutcome {
    var images = ReaderFuzzTarget.images
    var labels = ReaderFuzzTarget.labels
    let choice = mutator.below(5)
    if choice != 4 { images = mutator.mutateBinary(images, fields: ReaderFuzzTarget.imageFields) }
    if choice >= 3 { labels = mutator.mutateBinary(labels, fields: ReaderFuzzTarget.labelFields) }
    // Half the time, make the file as long as its (mutated) header says, so that mutations reach the checks
    // after the length check: counts that differ, labels above 9.
    if mutator.below(2) == 0 { ReaderFuzzTarget.fitLength(&images, rank: 3, using: &mutator) }
    if mutator.below(2) == 0 { ReaderFuzzTarget.fitLength(&labels, rank: 1, using: &mutator) }
    return ReaderFuzzTarget.checkIDX(images: images, labels: labels)
  }

  /// Runs the MNIST reader on a pair of IDX files and checks what it returns.
  static func checkIDX(images: [UInt8], labels: [UInt8]) -> FuzzOutcome {
    do {
      let data = try MNIST.dataset(images: images, imagesName: "images", labels: labels, labelsName: "labels")
      let rows = Int(IDXHeader.bigEndianWord(images, at: 8)) * Int(IDXHeader.bigEndianWord(images, at: 12))
      guard data.features.shape == [data.labels.count, rows], images.count == 16 + data.labels.count * rows,
        data.labels.allSatisfy({ (0..<10).contains($0) }), data.classCounts.reduce(0, +) == data.count
      else { return .violation("a parsed IDX pair breaks an invariant: shape \(data.features.shape)") }
      return .parsed
    } catch {
      return classify(error, expecting: DataError.self)
    }
  }

  // MARK: CSV

  static let csvSeeds = [
    "a,b,label\n0.25,1,1\n0.5,2,0\n-3,4e2,2\n",
    "1,0.1,0.2\n0,0.3,0.4\n1,0.5,0.6\n2,0.7,0.8\n",
    "5.1,3.5,1.4,0.2,0\r\n4.9,3.0,1.4,0.2,0\r\n7.0,3.2,4.7,1.4,1\r\n6.3,3.3,6.0,2.5,2\r\n",
    "x;y;class\n1;2;0\n3;4;1\n",
  ]

  private func runCSV(_ mutator: inout FuzzMutator) -> FuzzOutcome {
    let bytes = mutator.mutateCSV(ReaderFuzzTarget.csvSeeds[mutator.below(ReaderFuzzTarget.csvSeeds.count)])
    return ReaderFuzzTarget.checkCSV(bytes, options: &mutator)
  }

  /// Runs a CSV reader on `bytes`, with options drawn from `options`, and checks what it returns.
  static func checkCSV(_ bytes: [UInt8], options mutator: inout FuzzMutator) -> FuzzOutcome {
    let labelColumn = [LabelColumn.last, .first, .index(mutator.below(6) - 1)][mutator.below(3)]
    let header = [CSVHeader.automatic, .present, .absent][mutator.below(3)]
    let separator: Character = mutator.below(8) == 0 ? ";" : ","
    let classCount: Int? = mutator.below(4) == 0 ? mutator.below(12) : nil
    do {
      if mutator.below(5) == 0 {
        let table = try CSVTable.parse(bytes, fileName: "t.csv", header: header, separator: separator)
        guard table.values.rank == 2, table.values.scalars.allSatisfy(\.isFinite) else {
          return .violation("a parsed CSV table breaks an invariant: shape \(table.values.shape)")
        }
        return .parsed
      }
      let data = try LabeledDataset.parseCSV(
        bytes, fileName: "t.csv", labelColumn: labelColumn, header: header, separator: separator,
        classCount: classCount)
      let limit = classCount ?? LabeledDataset.maximumInferredClassCount
      guard data.features.rank == 2, data.labels.count == data.count, data.classCount <= limit,
        data.labels.allSatisfy({ (0..<data.classCount).contains($0) }),
        data.classCounts.reduce(0, +) == data.count, data.features.scalars.allSatisfy(\.isFinite)
      else { return .violation("a parsed CSV data set breaks an invariant: classCount \(data.classCount)") }
      return .parsed
    } catch {
      return classify(error, expecting: DataError.self)
    }
  }

  // MARK: Archives

  static let archiveSeed = TensorArchive([
    (name: "w", tensor: Tensor([[1, 2, 3], [4, 5, 6]])),
    (name: "b", tensor: Tensor([0.5, -0.5])),
    (name: "s", tensor: Tensor(2.0)),
    (name: "e", tensor: Tensor(shape: [0, 3], scalars: [])),
  ]).encoded()

  /// The archive's header fields: version, entry count, and each entry's name length, rank and dimensions.
  static let archiveFields: [FuzzField] = {
    var fields = [FuzzField(offset: 8, width: 4, isBigEndian: false), FuzzField(offset: 12, width: 4, isBigEndian: false)]
    var offset = 16
    let bytes = archiveSeed
    for _ in 0..<4 {
      fields.append(FuzzField(offset: offset, width: 4, isBigEndian: false))
      offset += 4 + Int(ArchiveReader.littleEndian(bytes, at: offset, as: UInt32.self))
      fields.append(FuzzField(offset: offset, width: 4, isBigEndian: false))
      let rank = Int(ArchiveReader.littleEndian(bytes, at: offset, as: UInt32.self))
      offset += 4
      var count = 1
      for axis in 0..<rank {
        fields.append(FuzzField(offset: offset + 8 * axis, width: 8, isBigEndian: false))
        count *= Int(ArchiveReader.littleEndian(bytes, at: offset + 8 * axis, as: UInt64.self))
      }
      offset += 8 * rank + 8 * count
    }
    return fields
  }()

  private func runArchive(_ mutator: inout FuzzMutator) -> FuzzOutcome {
    let seed = ReaderFuzzTarget.archiveSeed
    var bytes: [UInt8]
    if mutator.below(4) != 0 {
      // Mutate the payload and give it a fresh, valid trailer, so that the mutation passes the checksum.
      bytes = mutator.mutateBinary(Array(seed.dropLast(16)), fields: ReaderFuzzTarget.archiveFields)
      var trailer: [UInt8] = []
      withUnsafeBytes(of: UInt64(bytes.count).littleEndian) { trailer += $0 }
      bytes += trailer
      withUnsafeBytes(of: CRC32.checksum(of: bytes).littleEndian) { bytes += $0 }
      bytes += TensorArchiveFormat.endMarker
    } else {
      let trailerFields = [
        FuzzField(offset: seed.count - 16, width: 8, isBigEndian: false),
        FuzzField(offset: seed.count - 8, width: 4, isBigEndian: false),
      ]
      bytes = mutator.mutateBinary(seed, fields: ReaderFuzzTarget.archiveFields + trailerFields)
    }
    return ReaderFuzzTarget.checkArchive(bytes)
  }

  /// Decodes `bytes` as an archive and checks what it returns.
  static func checkArchive(_ bytes: [UInt8]) -> FuzzOutcome {
    do {
      let archive = try TensorArchive(decoding: bytes, fileName: "m.adjt")
      guard archive.encoded() == bytes else { return .violation("a decoded archive does not re-encode to its bytes") }
      for (name, tensor) in archive.entries {
        // The size of the shape with zeros counted as 1, without trapping on overflow (nil) itself.
        let size = tensor.shape.reduce(Optional(1)) { size, extent in
          size.flatMap { $0.multipliedReportingOverflow(by: max(extent, 1)) }.flatMap { $0.overflow ? nil : $0.partialValue }
        }
        guard let size, size <= max(1 << 32, bytes.count / 8), tensor.count <= bytes.count / 8,
          tensor.count == (tensor.shape.contains(0) ? 0 : size)
        else { return .violation("tensor \"\(name)\" has shape \(tensor.shape) and \(tensor.count) scalars") }
        // What used to trap later: reductions and transposes, where their results are small enough to make.
        if size <= 1 << 16 {
          _ = tensor.sum()
          if tensor.rank >= 1 { _ = tensor.sum(alongAxes: [0]) }
          if tensor.rank == 2 { _ = tensor.transposed() }
        }
      }
      return .parsed
    } catch {
      return classify(error, expecting: TensorArchiveError.self)
    }
  }
}
