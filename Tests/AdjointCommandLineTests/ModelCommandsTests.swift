import Foundation
import Testing

import AdjointNN
@testable import AdjointCommandLine

/// A fresh temporary directory for one test, removed afterwards.
func withCommandTemporaryDirectory(_ body: (URL) throws -> Void) throws {
  let directory = FileManager.default.temporaryDirectory.appendingPathComponent("adjoint-cli-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: directory) }
  try body(directory)
}

/// `adjoint train --save/--resume/--log/--plot`, `evaluate`, `predict`, `help` and `--version`, run in-process.
@Suite(.serialized) struct ModelCommandsTests {
  @Test func trainSavesAModelThatEvaluateAndPredictLoad() throws {
    try withCommandTemporaryDirectory { directory in
      let model = directory.appendingPathComponent("digits.adjt").path
      let log = directory.appendingPathComponent("log.jsonl").path
      let plot = directory.appendingPathComponent("curve.svg").path
      #expect(runAdjointCommand(["train", "--epochs", "2", "--hidden", "16", "--save", model, "--log", log, "--plot", plot]) == 0)

      let checkpoint = try ModelCheckpoint(contentsOf: URL(fileURLWithPath: model))
      #expect(checkpoint.model.architecture == LayerSpec.multilayerPerceptron(sizes: [64, 16, 10]))
      #expect(checkpoint.metadata["train.epochs"] == "2")
      #expect(checkpoint.optimizer?.configuration.name == "sgd")
      #expect(checkpoint.model.standardization?.standardDeviation == Tensor(repeating: 16, shape: [64]))

      let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
      #expect(lines.count == 2)
      let first = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
      #expect(first?["epoch"] as? Int == 1)
      #expect((first?["test_accuracy"] as? Double ?? 0) > 0.5)

      let svg = try String(contentsOfFile: plot, encoding: .utf8)
      #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
      #expect(svg.components(separatedBy: "<polyline").count == 4)  // loss, train and test accuracy
      #expect(svg.contains(">test accuracy</text>") && svg.contains(">epoch</text>"))

      #expect(runAdjointCommand(["evaluate", model]) == 0)
      let rows = directory.appendingPathComponent("rows.csv")
      try "0,0,5,13,9,1,0,0,0,0,13,15,10,15,5,0,0,3,15,2,0,11,8,0,0,4,12,0,0,8,8,0,0,5,8,0,0,9,8,0,0,4,11,0,1,12,7,0,0,2,14,5,10,12,0,0,0,0,6,13,10,0,0,0\n"
        .write(to: rows, atomically: true, encoding: .utf8)
      #expect(runAdjointCommand(["predict", model, rows.path]) == 0)
      // The first row of digits.csv is a 0: raw pixels go through the model's own ÷16 scaling.
      let probabilities = checkpoint.model.probabilities(try CSVTable.read(from: rows).values)
      #expect(predictedClasses(probabilities) == [0])
    }
  }

  @Test func resumeContinuesTheEpochsAndTheOptimizerState() throws {
    try withCommandTemporaryDirectory { directory in
      let model = directory.appendingPathComponent("m.adjt").path
      #expect(runAdjointCommand(["train", "--epochs", "1", "--hidden", "8", "--optimizer", "adam", "--save", model]) == 0)
      let before = try ModelCheckpoint(contentsOf: URL(fileURLWithPath: model))
      #expect(runAdjointCommand(["train", "--resume", model, "--epochs", "2"]) == 0)
      let after = try ModelCheckpoint(contentsOf: URL(fileURLWithPath: model))
      #expect(after.metadata["train.epochs"] == "3")
      #expect(after.optimizer?.configuration == before.optimizer?.configuration)
      #expect(after.model.parameters[0].value != before.model.parameters[0].value)
    }
  }

  @Test func csvOptionsReadOtherLayouts() throws {
    try withCommandTemporaryDirectory { directory in
      let csv = directory.appendingPathComponent("points.tsv")
      var text = "label\tx\ty\n"
      var rng = SplitMix64(seed: 4)
      for i in 0..<40 {
        let label = i % 2
        text += "\(label)\t\(Double(label) * 50 + Double.random(in: 0..<1, using: &rng))\t\(Double.random(in: 0..<1, using: &rng))\n"
      }
      try text.write(to: csv, atomically: true, encoding: .utf8)
      let model = directory.appendingPathComponent("p.adjt").path
      #expect(
        runAdjointCommand([
          "train", "--data", csv.path, "--separator", "\\t", "--label-column", "first", "--header", "yes", "--epochs", "3",
          "--hidden", "4", "--save", model,
        ]) == 0)
      let saved = try Model(contentsOf: URL(fileURLWithPath: model))
      #expect(saved.standardization?.featureCount == 2)  // --data standardises by default
      #expect(
        runAdjointCommand([
          "evaluate", model, "--data", csv.path, "--separator", "\\t", "--label-column", "first", "--header", "yes",
        ]) == 0)
      #expect(runAdjointCommand(["train", "--data", csv.path, "--separator", "ab"]) == 2)
      #expect(runAdjointCommand(["train", "--data", csv.path, "--separator", "\\t", "--label-column", "first", "--model", "cnn"]) == 1)
    }
  }

  @Test func anUnwritableSavePathFailsBeforeTraining() throws {
    #expect(runAdjointCommand(["train", "--epochs", "50", "--save", "/nonexistent/dir/m.adjt"]) == 1)
    try withCommandTemporaryDirectory { directory in
      #expect(runAdjointCommand(["train", "--epochs", "50", "--save", directory.path]) == 1)  // a directory
      #expect(runAdjointCommand(["train", "--epochs", "50", "--plot", directory.path]) == 1)
      let contents = try FileManager.default.contentsOfDirectory(atPath: directory.path)
      #expect(contents.isEmpty)
    }
  }

  @Test func aOneRowDataSetIsAnError() throws {
    try withCommandTemporaryDirectory { directory in
      let csv = directory.appendingPathComponent("one.csv")
      try "1,2,0\n".write(to: csv, atomically: true, encoding: .utf8)
      #expect(runAdjointCommand(["train", "--data", csv.path]) == 1)
    }
  }

  @Test func evaluateAndPredictRejectBadInputs() throws {
    try withCommandTemporaryDirectory { directory in
      let notAModel = directory.appendingPathComponent("x.csv")
      try "1,2,3\n".write(to: notAModel, atomically: true, encoding: .utf8)
      #expect(runAdjointCommand(["evaluate", notAModel.path]) == 1)
      #expect(runAdjointCommand(["evaluate"]) == 2)
      #expect(runAdjointCommand(["predict", "/nonexistent.adjt", notAModel.path]) == 1)
      let model = directory.appendingPathComponent("m.adjt").path
      #expect(runAdjointCommand(["train", "--epochs", "1", "--hidden", "4", "--save", model]) == 0)
      #expect(runAdjointCommand(["predict", model, notAModel.path]) == 1)  // 3 columns, the model takes 64
      #expect(runAdjointCommand(["evaluate", model, "--data", notAModel.path, "--mnist", "d"]) == 2)
    }
  }

  @Test func helpAndVersion() {
    #expect(runAdjointCommand(["--version"]) == 0)
    #expect(AdjointVersion.current == "0.2.0")
    #expect(runAdjointCommand(["help"]) == 0)
    #expect(runAdjointCommand(["help", "train"]) == 0)
    #expect(runAdjointCommand(["help", "evaluate"]) == 0)
    #expect(runAdjointCommand(["help", "trian"]) == 2)
    #expect(overview.contains("evaluate") && overview.contains("predict") && overview.contains("help"))
    #expect(TrainCommand.parser.helpText.contains("--resume") && TrainCommand.parser.helpText.contains("--plot"))
  }

  /// The schedules the command line offers, per epoch: cosine over 10 epochs after 2 of warm-up.
  @Test func epochSchedulesFollowTheirClosedForms() {
    let cosine = EpochSchedule(name: .cosine, rate: 0.1, warmup: 2, lastEpoch: 12)
    #expect(cosine.learningRate(at: 0) == 0.05)
    #expect(cosine.learningRate(at: 2) == 0.1)
    #expect(abs(cosine.learningRate(at: 7) - 0.05) < 1e-15)
    let step = EpochSchedule(name: .step, rate: 1, warmup: 0, lastEpoch: 9)
    #expect((0..<9).map { step.learningRate(at: $0) }.map { ($0 * 100).rounded() } == [100, 100, 100, 10, 10, 10, 1, 1, 1])
    #expect(EpochSchedule(name: .constant, rate: 0.3, warmup: 0, lastEpoch: 5).isConstant)
  }
}
