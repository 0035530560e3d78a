import AdjointNN
import Foundation

/// `adjoint train`: trains a classifier with softmax cross-entropy on the bundled handwritten digits (or a
/// CSV file, or MNIST), printing loss, accuracy and time per epoch and, last, `test accuracy: 98.1 %`;
/// optionally saves a model file, resumes from one, logs JSON lines and draws the curve as SVG.
enum TrainCommand {
  static let summary = "Trains a classifier (a 64-128-10 ReLU network by default) on the bundled digits, a CSV file or MNIST."

  enum OptimizerName: String, ArgumentChoice { case sgd, adam, adamw, rmsprop }
  enum ModelName: String, ArgumentChoice { case mlp, cnn }
  enum ScheduleName: String, ArgumentChoice { case constant, step, cosine }
  enum Scaling: String, ArgumentChoice { case standardize, pixels, none }

  static let epochs = Option<Int>("epochs", default: 20, help: "Passes over the training data.") {
    $0 >= 1 ? nil : "must be at least 1"
  }
  static let model = Option<ModelName>(
    "model", default: .mlp,
    help: "The architecture: mlp (features-hidden-classes, ReLU) or cnn (conv 3×3·32, batch norm, ReLU, conv 3×3·64, batch norm, ReLU, max-pool 2×2, dense; square images).")
  static let hidden = Option<Int>("hidden", default: 128, help: "Units in the hidden layer of the mlp.") {
    $0 >= 1 ? nil : "must be at least 1"
  }
  static let learningRate = Option<Double?>(
    "learning-rate", placeholder: "X", default: nil,
    help: "Step size (default: 0.1 for sgd, 0.001 for adam and adamw, 0.01 for rmsprop; on --resume, the saved one)."
  ) { ($0 ?? 1) > 0 ? nil : "must be positive" }
  static let batchSize = Option<Int>("batch-size", default: 32, help: "Examples per mini-batch.") {
    $0 >= 1 ? nil : "must be at least 1"
  }
  static let optimizer = Option<OptimizerName>(
    "optimizer", default: .sgd, help: "The update rule: sgd (momentum 0.9; the mlp's default), adam (the cnn's default), adamw or rmsprop.")
  static let weightDecay = Option<Double>(
    "weight-decay", default: 0, help: "Weight decay of the weight matrices (biases are not decayed); AdamW's is decoupled."
  ) { $0 >= 0 ? nil : "must be ≥ 0" }
  static let schedule = Option<ScheduleName>(
    "schedule", default: .constant,
    help: "Learning rate per epoch: constant, step (×0.1 every third of the run) or cosine (to 0 at the end).")
  static let warmup = Option<Int>("warmup", placeholder: "N", default: 0, help: "Epochs of linear warm-up before the schedule.") {
    $0 >= 0 ? nil : "must be ≥ 0"
  }
  static let clipNorm = Option<Double?>(
    "clip-norm", placeholder: "X", default: nil, help: "Clip the gradients to this global L2 norm at every step."
  ) { ($0 ?? 1) > 0 ? nil : "must be positive" }
  static let seed = Option<UInt64>("seed", default: 0, help: "Seed of the split, the initial weights and the shuffling.")
  static let data = Option<String?>(
    "data", placeholder: "PATH.csv", default: nil, help: "Train on a numeric CSV file instead (80/20 split).")
  static let scaling = Option<Scaling?>(
    "scaling", placeholder: "standardize|pixels|none", default: nil,
    help: "Input scaling stored in the model: standardize (mean and std of the training split; the default for --data), "
      + "pixels (÷16; the default for the bundled digits) or none (MNIST's loader already scales to [0, 1]).")
  static let mnist = Option<String?>(
    "mnist", placeholder: "DIR", default: nil,
    help: "Train on MNIST: a directory with the four uncompressed IDX files (train-images-idx3-ubyte, …).")
  static let save = Option<String?>(
    "save", placeholder: "PATH", default: nil, help: "Save the model (architecture, scaling, parameters, optimizer state) here.")
  static let resume = Option<String?>(
    "resume", placeholder: "MODEL", default: nil,
    help: "Continue training a saved model with its optimizer state; saves back to MODEL unless --save is given.")
  static let log = Option<String?>("log", placeholder: "PATH", default: nil, help: "Write one JSON line per epoch here.")
  static let plot = Option<String?>(
    "plot", placeholder: "PATH.svg", default: nil, help: "Draw loss and train/test accuracy per epoch as SVG here.")

  static var parser: ArgumentParser {
    ArgumentParser(
      command: "adjoint train", summary: summary,
      arguments: [
        epochs, model, hidden, learningRate, batchSize, optimizer, weightDecay, schedule, warmup, clipNorm, seed, data,
        DataArguments.separator, DataArguments.labelColumn, DataArguments.header, scaling, mnist, save, resume, log, plot,
      ])
  }

  static func run(_ arguments: [String]) -> Int32 {
    let parsed: ParsedArguments
    switch parseOrExit(parser, arguments) {
    case .success(let p): parsed = p
    case .failure(let status): return status.code
    }
    do {
      return try train(parsed)
    } catch let failure as TrainFailure {
      printError("adjoint train: \(failure.message)")
      return failure.status
    } catch {
      printError("adjoint train: \(error)")
      return 1
    }
  }

  static func train(_ parsed: ParsedArguments) throws -> Int32 {
    var setup = try TrainingSetup(parsed)
    var rng = setup.rng
    var session = setup.session
    print(setup.banner)
    if let hint = setup.scalingHint { print(hint) }
    let logFile = try parsed[log].map { try LogFile(path: $0) }
    let progress = ProgressBar(isEnabled: isatty(STDOUT_FILENO) == 1)
    var history: [EpochRecord] = []
    var last = session.evaluate()
    let lastEpoch = setup.firstEpoch + parsed[epochs] - 1
    for epoch in setup.firstEpoch...lastEpoch {
      let rate = setup.schedule.learningRate(at: epoch - 1)
      session.optimizer.learningRate = rate
      let seconds = measureSeconds {
        session.trainEpoch(using: &rng) { done, total in progress.show(epoch: epoch, step: done, of: total) }
      }
      progress.clear()
      last = session.evaluate()
      let record = EpochRecord(
        epoch: epoch, loss: last.trainingLoss, trainAccuracy: last.trainingAccuracy, testLoss: last.testLoss,
        testAccuracy: last.testAccuracy, learningRate: rate, seconds: seconds)
      history.append(record)
      try logFile?.append(record.jsonLine)
      print(
        "epoch \(pad(epoch, to: lastEpoch))  loss \(format(last.trainingLoss, 4))  "
          + "train \(format(100 * last.trainingAccuracy, 1)) %  test \(format(100 * last.testAccuracy, 1)) %  "
          + (setup.schedule.isConstant ? "" : "lr \(format(rate, 5))  ")
          + "\(format(seconds * 1000, 0)) ms")
    }
    if let path = parsed[plot] {
      let svg = TrainingCurve(records: history, title: setup.title).svg
      do {
        try svg.write(to: URL(fileURLWithPath: path), atomically: true, encoding: .utf8)
      } catch {
        throw TrainFailure("cannot write the plot to \(path): \(error.localizedDescription)")
      }
      print("wrote the training curve to \(path)")
    }
    if let path = setup.savePath {
      setup.metadata["train.epochs"] = "\(lastEpoch)"
      try session.model.write(to: URL(fileURLWithPath: path), optimizer: session.optimizer, metadata: setup.metadata)
      print("saved the model to \(path)")
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

/// A failure of `adjoint train` with its message and exit status.
struct TrainFailure: Error {
  let message: String
  let status: Int32
  init(_ message: String, status: Int32 = 1) {
    self.message = message
    self.status = status
  }
}

/// A file of JSON lines, created (or emptied) when opened and appended to line by line.
final class LogFile {
  let path: String
  private let handle: FileHandle

  init(path: String) throws {
    guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
      throw TrainFailure("cannot write the log to \(path): \(String(cString: strerror(errno)))")
    }
    self.path = path
    self.handle = handle
  }

  func append(_ line: String) throws {
    do {
      try handle.write(contentsOf: Data((line + "\n").utf8))
    } catch {
      throw TrainFailure("cannot write the log to \(path): \(error.localizedDescription)")
    }
  }

  deinit { try? handle.close() }
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
