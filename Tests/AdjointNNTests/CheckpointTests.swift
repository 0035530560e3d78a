import Foundation
import Testing

import AdjointNN

@Suite struct CheckpointTests {
  func model(seed: UInt64) -> Sequential {
    var rng = SplitMix64(seed: seed)
    return Sequential(
      Dense(inputSize: 3, outputSize: 4, activation: .relu, using: &rng), Dense(inputSize: 4, outputSize: 2, using: &rng))
  }

  func temporaryFile() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("adjoint-nn-\(UUID().uuidString).adjt")
  }

  @Test func savedParametersLoadIntoAnotherModelExactly() throws {
    let trained = model(seed: 1)
    let fresh = model(seed: 2)
    let url = temporaryFile()
    defer { try? FileManager.default.removeItem(at: url) }
    try trained.saveParameters(to: url)
    #expect(fresh.parameters[0].value != trained.parameters[0].value)
    try fresh.loadParameters(from: url)
    for (a, b) in zip(fresh.parameters, trained.parameters) { #expect(a.value == b.value) }
    let x = Tensor([[0.5, -1, 2]])
    #expect(fresh(x) == trained(x))
  }

  @Test func archiveNamesAreTheCheckpointNames() {
    #expect(model(seed: 1).parameterArchive.names == ["0.weight", "0.bias", "1.weight", "1.bias"])
  }

  @Test func shapeMismatchIsReportedAndNothingChanges() {
    let target = model(seed: 1)
    let before = target.parameters.map(\.value)
    var archive = model(seed: 2).parameterArchive
    archive = TensorArchive(archive.entries.map { $0.name == "1.bias" ? ($0.name, Tensor([1, 2, 3])) : $0 })
    #expect(throws: CheckpointError.shapeMismatch(name: "1.bias", expected: [2], found: [3])) {
      try target.loadParameters(from: archive)
    }
    #expect(target.parameters.map(\.value) == before)
  }

  @Test func missingAndUnexpectedNamesAreReported() {
    let target = model(seed: 1)
    let entries = model(seed: 2).parameterArchive.entries
    #expect(throws: CheckpointError.missingParameter(name: "1.bias")) {
      try target.loadParameters(from: TensorArchive(Array(entries.dropLast())))
    }
    #expect(throws: CheckpointError.unexpectedTensor(name: "2.weight")) {
      try target.loadParameters(from: TensorArchive(entries + [(name: "2.weight", tensor: Tensor([1]))]))
    }
  }

  @Test func unreadableFileIsAnArchiveError() {
    let url = temporaryFile()
    #expect {
      try model(seed: 1).loadParameters(from: url)
    } throws: { error in
      guard case .archive(.unreadableFile)? = error as? CheckpointError else { return false }
      return "\(error)".contains(url.lastPathComponent)
    }
  }
}
