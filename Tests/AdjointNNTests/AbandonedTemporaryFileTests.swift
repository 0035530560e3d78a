import Foundation
import Testing

@testable import AdjointNN

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The archive every test here saves.
private let archive = TensorArchive([(name: "w", tensor: Tensor([1, 2, 3]))])

/// The sorted names in `directory`.
private func listing(_ directory: URL) throws -> [String] {
  try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
}

/// Starts `/bin/sh` holding an exclusive `flock` on `path` (as a writer in the middle of `save` does) and
/// returns it once the lock is held.
private func startLockHolder(on path: String) throws -> Process {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/bin/sh")
  process.arguments = ["-c", "exec 9>>\"$0\"; flock -x 9; echo locked; exec sleep 60", path]
  let output = Pipe()
  process.standardOutput = output
  try process.run()
  let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
  #expect(line == "locked\n")
  return process
}

@Suite struct AbandonedTemporaryFileTests {
  @Test func theNextSaveRemovesATemporaryFileThatNoProcessHolds() throws {
    try withDataTemporaryDirectory { directory in
      let url = directory.appendingPathComponent("model.adjt")
      try archive.write(to: url)
      // What a writer killed before its rename leaves: a half-written, unlocked temporary file.
      let debris = directory.appendingPathComponent(".model.adjt.tmp-3f9a0c2e17b4d568")
      try Data(archive.encoded().prefix(20)).write(to: debris)
      #expect(try listing(directory) == [".model.adjt.tmp-3f9a0c2e17b4d568", "model.adjt"])
      try archive.write(to: url)
      #expect(try listing(directory) == ["model.adjt"])
      #expect(try TensorArchive.read(from: url) == archive)
    }
  }

  @Test func aLiveWritersTemporaryFileSurvivesUntilItsProcessIsKilled() throws {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/flock") else { return }  // util-linux
    try withDataTemporaryDirectory { directory in
      let url = directory.appendingPathComponent("model.adjt")
      let temporary = directory.appendingPathComponent(".model.adjt.tmp-1")
      let writer = try startLockHolder(on: temporary.path)
      try archive.write(to: url)
      #expect(try listing(directory) == [".model.adjt.tmp-1", "model.adjt"], "a concurrent writer's file is kept")
      kill(writer.processIdentifier, SIGKILL)
      writer.waitUntilExit()
      #expect(writer.terminationReason == .uncaughtSignal)
      try archive.write(to: url)
      #expect(try listing(directory) == ["model.adjt"], "the killed writer's file is removed by the next save")
    }
  }

  @Test func theWriterHoldsItsTemporaryFileLockedWhileWriting() throws {
    try withDataTemporaryDirectory { directory in
      let url = directory.appendingPathComponent("model.adjt")
      try writeAtomically(to: url) { file in
        let names = try listing(directory)
        #expect(names.count == 1 && names[0].hasPrefix(".model.adjt.tmp-"))
        // Another save to the same path, meanwhile, must leave this file alone.
        #expect(removeAbandonedTemporaryFiles(of: url) == 0)
        #expect(try listing(directory) == names)
        try file.writeAll(archive.encoded())
      }
      #expect(try listing(directory) == ["model.adjt"])
    }
  }

  @Test func onlyThisTargetsTemporaryNamesAreConsidered() throws {
    try withDataTemporaryDirectory { directory in
      let url = directory.appendingPathComponent("model.adjt")
      let kept = [
        ".model.adjt.tmp-", ".model.adjt.tmp-XYZ", ".model.adjt.tmp-00000000000000000", ".other.adjt.tmp-ab",
        "model.adjt.tmp-ab", ".model.adjt.tmp-ab.tmp-cd",
      ]
      for name in kept { try Data([1]).write(to: directory.appendingPathComponent(name)) }
      try FileManager.default.createDirectory(
        at: directory.appendingPathComponent(".model.adjt.tmp-d1"), withIntermediateDirectories: false)
      try FileManager.default.createSymbolicLink(
        atPath: directory.appendingPathComponent(".model.adjt.tmp-5").path, withDestinationPath: "model.adjt.tmp-ab")
      try Data([1]).write(to: directory.appendingPathComponent(".model.adjt.tmp-0123456789abcdef"))
      #expect(removeAbandonedTemporaryFiles(of: url) == 1)
      #expect(try listing(directory) == (kept + [".model.adjt.tmp-d1", ".model.adjt.tmp-5"]).sorted())
    }
  }
}
