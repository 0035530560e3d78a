import AdjointNN
import Foundation

/// `adjoint train`: trains a ReLU network with softmax cross-entropy on the bundled handwritten digits (or a
/// CSV file, or MNIST), printing loss, accuracy and time per epoch and, last, `test accuracy: 98.1 %`.
enum TrainCommand {
  static let summary = "Trains a 64-128-10 ReLU network on the bundled handwritten digits and reports test accuracy."

  enum OptimizerName: String, ArgumentChoice { case sgd, adam }

  static let epochs = Option<Int>("epochs", default: 20, help: "Passes over the training data.") {
    $0 >= 1 ? nil : "must be at least 1"
  }
  static let hidden = Option<Int>("hidden", default: 128, help: "Units in the hidden layer.") {
    $0 >= 1 ? nil : "must be at least 1"
  }
  static let learningRate = Option<Double?>(
    "learning-rate", placeholder: "X", default: nil, help: "Step size (default: 0.1 for sgd, 0.001 for adam)."
  ) { ($0 ?? 1) > 0 ? nil : "must be positive" }
  static let batchSize = Option<Int>("batch-size", default: 32, help: "Examples per mini-batch.") {
    $0 >= 1 ? nil : "must be at least 1"
  }
  static let optimizer = Option<OptimizerName>(
    "optimizer", default: .sgd, help: "The update rule: sgd (with momentum 0.9) or adam.")
  static let seed = Option<UInt64>("seed", default: 0, help: "Seed of the split, the initial weights and the shuffling.")
  static let data = Option<String?>(
    "data", placeholder: "PATH.csv", default: nil,
    help: "Train on a numeric CSV file instead (label in the last column; 80/20 split).")
  static let mnist = Option<String?>(
    "mnist", placeholder: "DIR", default: nil,
    help: "Train on MNIST: a directory with the four uncompressed IDX files (train-images-idx3-ubyte, …).")
  static let save = Option<String?>("save", placeholder: "PATH", default: nil, help: "Save the trained parameters here.")

  static var parser: ArgumentParser {
    ArgumentParser(
      command: "adjoint train", summary: summary,
      arguments: [epochs, hidden, learningRate, batchSize, optimizer, seed, data, mnist, save])
  }

  static func run(_ arguments: [String]) -> Int32 {
    let parsed: ParsedArguments
    switch parseOrExit(parser, arguments) {
    case .success(let p): parsed = p
    case .failure(let status): return status.code
    }
    if parsed[data] != nil && parsed[mnist] != nil {
      printError("adjoint train: --data and --mnist cannot be used together")
      return 2
    }
    var rng = SplitMix64(seed: parsed[seed])
    let split: (training: LabeledDataset, test: LabeledDataset)
    let source: String
    do {
      if let path = parsed[mnist] {
        split = try MNIST.load(from: URL(fileURLWithPath: path))
        source = "MNIST (\(path))"
      } else if let path = parsed[data] {
        split = try LabeledDataset.readCSV(from: URL(fileURLWithPath: path)).split(trainingFraction: 0.8, using: &rng)
        source = path
      } else {
        split = try Digits.load().split(trainingFraction: 0.8, using: &rng)
        source = "the bundled 8×8 digits"
      }
    } catch {
      printError("adjoint train: \(error)")
      return 1
    }
    let name = parsed[optimizer]
    let rate = parsed[learningRate] ?? (name == .sgd ? 0.1 : 0.001)
    var session = TrainingSession(
      training: split.training, test: split.test, hiddenUnits: parsed[hidden], batchSize: parsed[batchSize],
      optimizer: name == .sgd ? SGD(learningRate: rate, momentum: 0.9) : Adam(learningRate: rate), using: &rng)
    print(
      "Training \(split.training.featureCount)-\(parsed[hidden])-\(split.training.classCount) ReLU network on \(source): "
        + "\(split.training.count) training and \(split.test.count) test examples, \(name.rawValue) with learning rate \(rate), "
        + "batch size \(parsed[batchSize])")
    let progress = ProgressBar(isEnabled: isatty(STDOUT_FILENO) == 1)
    var last = session.evaluate()
    for epoch in 1...parsed[epochs] {
      let seconds = measureSeconds {
        session.trainEpoch(using: &rng) { done, total in progress.show(epoch: epoch, step: done, of: total) }
      }
      progress.clear()
      last = session.evaluate()
      print(
        "epoch \(pad(epoch, to: parsed[epochs]))  loss \(format(last.trainingLoss, 4))  "
          + "train \(format(100 * last.trainingAccuracy, 1)) %  test \(format(100 * last.testAccuracy, 1)) %  "
          + "\(format(seconds * 1000, 0)) ms")
    }
    if let path = parsed[save] {
      do {
        try session.model.saveParameters(to: URL(fileURLWithPath: path))
        print("saved the parameters to \(path)")
      } catch {
        printError("adjoint train: \(error)")
        return 1
      }
    }
    print("test accuracy: \(format(100 * last.testAccuracy, 1)) %")
    return 0
  }

  static func format(_ x: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", x) }

  static func pad(_ epoch: Int, to last: Int) -> String {
    let text = "\(epoch)"
    return String(repeating: " ", count: max(0, "\(last)".count - text.count)) + text
  }
}

/// A one-line progress bar redrawn in place on a terminal; silent otherwise.
struct ProgressBar {
  let isEnabled: Bool

  func show(epoch: Int, step: Int, of total: Int) {
    guard isEnabled, total > 0 else { return }
    let width = 30
    let filled = width * step / total
    let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
    FileHandle.standardOutput.write(Data("\repoch \(epoch) \(bar) \(step)/\(total)".utf8))
  }

  func clear() {
    guard isEnabled else { return }
    FileHandle.standardOutput.write(Data("\r\u{1B}[2K".utf8))
  }
}
