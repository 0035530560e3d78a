// The reader fuzz harness as a libFuzzer target: build and run it with Tests/Fuzz/run-libfuzzer.sh (see
// Docs/Data.md). It is compiled together with Tests/AdjointNNTests/Fuzzing/*.swift, whose checks it shares with
// the seeded pass in the tests, against an AdjointNN built with coverage instrumentation.
//
// An input is one selector byte and a body. Selector % 3: 0 — IDX: the body's first byte is the labels file's
// length (capped at the body), the labels file follows, then the images file; 1 — CSV, with the second selector
// bit pattern choosing the options; 2 — a tensor archive. A trap, or an invariant that a parsed result breaks,
// is a crash for libFuzzer; typed errors are ordinary outcomes.

@testable import AdjointNN

/// The reader and the files an input stands for.
private enum Decoded {
  case idx(images: [UInt8], labels: [UInt8])
  case csv([UInt8], optionSeed: UInt64)
  case archive([UInt8])

  init(_ input: [UInt8]) {
    guard let selector = input.first else {
      self = .archive([])
      return
    }
    let body = Array(input.dropFirst())
    switch selector % 3 {
    case 0:
      let labelCount = min(Int(body.first ?? 0), max(body.count - 1, 0))
      self = .idx(images: Array(body.dropFirst(1 + labelCount)), labels: Array(body.dropFirst().prefix(labelCount)))
    case 1: self = .csv(body, optionSeed: UInt64(selector / 3))
    default: self = .archive(body)
    }
  }

  /// The input's bytes again, selector first.
  func encoded(selector: UInt8) -> [UInt8] {
    switch self {
    case .idx(let images, let labels): return [selector, UInt8(min(labels.count, 255))] + labels.prefix(255) + images
    case .csv(let bytes, _), .archive(let bytes): return [selector] + bytes
    }
  }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReaders(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let outcome: FuzzOutcome
  switch Decoded(Array(UnsafeBufferPointer(start: data, count: size))) {
  case .idx(let images, let labels): outcome = ReaderFuzzTarget.checkIDX(images: images, labels: labels)
  case .csv(let bytes, let optionSeed):
    var options = FuzzMutator(seed: optionSeed)
    outcome = ReaderFuzzTarget.checkCSV(bytes, options: &options)
  case .archive(let bytes): outcome = ReaderFuzzTarget.checkArchive(bytes)
  }
  if case .violation(let message) = outcome { fatalError("reader fuzz violation: \(message)") }
  return 0
}

@_silgen_name("LLVMFuzzerMutate")
private func libFuzzerMutate(_ data: UnsafeMutablePointer<UInt8>, _ size: Int, _ maxSize: Int) -> Int

/// Half of the mutations are the harness's structure-aware ones (header fields at interesting values, fitted
/// IDX lengths, fresh archive trailers, CSV tokens); the other half are libFuzzer's own byte-level ones.
@_cdecl("LLVMFuzzerCustomMutator")
public func mutateReaderInput(
  _ data: UnsafeMutablePointer<UInt8>, _ size: Int, _ maxSize: Int, _ seed: CUnsignedInt
) -> Int {
  var mutator = FuzzMutator(seed: UInt64(seed))
  if mutator.below(2) == 0 { return libFuzzerMutate(data, size, maxSize) }
  let input = Array(UnsafeBufferPointer(start: data, count: size))
  let selector = input.first ?? UInt8(mutator.below(256))
  var mutated: Decoded
  switch Decoded(input.isEmpty ? [selector] : input) {
  case .idx(var images, var labels):
    if images.count < 16 { images = ReaderFuzzTarget.images }
    if labels.count < 8 { labels = ReaderFuzzTarget.labels }
    images = mutator.mutateBinary(images, fields: ReaderFuzzTarget.imageFields)
    labels = mutator.mutateBinary(labels, fields: ReaderFuzzTarget.labelFields)
    if mutator.below(2) == 0 { ReaderFuzzTarget.fitLength(&images, rank: 3, using: &mutator) }
    if mutator.below(2) == 0 { ReaderFuzzTarget.fitLength(&labels, rank: 1, using: &mutator) }
    mutated = .idx(images: images, labels: labels)
  case .csv(let bytes, let optionSeed):
    let text = bytes.isEmpty ? ReaderFuzzTarget.csvSeeds[mutator.below(ReaderFuzzTarget.csvSeeds.count)]
      : String(decoding: bytes, as: UTF8.self)
    mutated = .csv(mutator.mutateCSV(text), optionSeed: optionSeed)
  case .archive(let bytes):
    let base = bytes.count < 32 ? ReaderFuzzTarget.archiveSeed : bytes
    var payload = mutator.mutateBinary(Array(base.dropLast(16)), fields: ReaderFuzzTarget.archiveFields)
    withUnsafeBytes(of: UInt64(payload.count).littleEndian) { payload += $0 }
    withUnsafeBytes(of: CRC32.checksum(of: payload).littleEndian) { payload += $0 }
    mutated = .archive(payload + TensorArchiveFormat.endMarker)
  }
  let result = mutated.encoded(selector: selector).prefix(maxSize)
  for (i, byte) in result.enumerated() { data[i] = byte }
  return result.count
}
