import AdjointNN
import Foundation

/// `adjoint evaluate MODEL [--data CSV | --mnist DIR]`: the accuracy, mean loss and confusion matrix of a
/// saved model on labelled data (by default the test split of the bundled digits it was trained on).
enum EvaluateCommand {
  static let summary = "Prints the accuracy, loss and confusion matrix of a saved model on labelled data."

  static let modelPath = Positional<String>("model", help: "The model file (from adjoint train --save).")
  static let data = Option<String?>(
    "data", placeholder: "PATH.csv", default: nil, help: "Evaluate on every row of this labelled CSV file.")
  static let mnist = Option<String?>(
    "mnist", placeholder: "DIR", default: nil, help: "Evaluate on MNIST's test files (t10k-…) in this directory.")

  static var parser: ArgumentParser {
    ArgumentParser(
      command: "adjoint evaluate",
      summary: summary + " Without --data or --mnist: the bundled digits' test split of the seed the model was trained with.",
      arguments: [modelPath, data, mnist, DataArguments.separator, DataArguments.labelColumn, DataArguments.header])
  }

  static func run(_ arguments: [String]) -> Int32 {
    let parsed: ParsedArguments
    switch parseOrExit(parser, arguments) {
    case .success(let p): parsed = p
    case .failure(let status): return status.code
    }
    if parsed[data] != nil && parsed[mnist] != nil {
      printError("adjoint evaluate: --data and --mnist cannot be used together")
      return 2
    }
    let path = parsed[modelPath]
    do {
      let checkpoint = try ModelCheckpoint(contentsOf: URL(fileURLWithPath: path))
      let model = checkpoint.model
      let classes = outputSize(of: model.architecture)
      let dataset: LabeledDataset
      let source: String
      if let directory = parsed[mnist] {
        let dir = URL(fileURLWithPath: directory)
        dataset = try MNIST.load(
          images: dir.appendingPathComponent("t10k-images-idx3-ubyte"), labels: dir.appendingPathComponent("t10k-labels-idx1-ubyte"))
        source = "MNIST test (\(directory))"
      } else if let csv = parsed[data] {
        dataset = try DataArguments.readLabeled(csv, parsed, classCount: classes)
        source = csv
      } else {
        guard checkpoint.metadata["train.data"] == nil || checkpoint.metadata["train.data"] == "digits" else {
          printError("adjoint evaluate: \(path) was not trained on the bundled digits; give --data or --mnist")
          return 2
        }
        let seed = checkpoint.metadata["train.seed"].flatMap { UInt64($0) } ?? 0
        var rng = SplitMix64(seed: seed)
        // A model file of adjoint train 0.1 (no train.* metadata) expects pixels ÷16; newer ones scale raw pixels themselves.
        let isLegacy = checkpoint.metadata["train.data"] == nil
        dataset = try Digits.load(scaled: isLegacy).split(trainingFraction: 0.8, using: &rng).test
        source = "the bundled digits' test split (seed \(seed))"
      }
      guard dataset.count > 0 else {
        printError("adjoint evaluate: \(source) has no examples")
        return 1
      }
      try checkFit(model, dataset, source: source, file: path)
      model.setLearningPhase(.inference)
      let logits = model(dataset.features)
      let loss = softmaxCrossEntropy(logits: Variable(logits), labels: dataset.labels).value.scalar
      let matrix = ConfusionMatrix(logits: logits, labels: dataset.labels)
      let correct = (0..<matrix.classCount).reduce(0) { $0 + matrix[$1, $1] }
      print("\(path) on \(source): \(dataset.count) examples")
      print("accuracy: \(TrainCommand.format(100 * matrix.accuracy, 2)) % (\(correct) of \(dataset.count))")
      print("top-2 accuracy: \(TrainCommand.format(100 * topKAccuracy(logits: logits, labels: dataset.labels, k: 2), 2)) %")
      print("loss: \(TrainCommand.format(loss, 4))")
      print("confusion matrix (rows: true class, columns: predicted class):")
      print(matrix)
      return 0
    } catch let failure as TrainFailure {
      printError("adjoint evaluate: \(failure.message)")
      return failure.status
    } catch {
      printError("adjoint evaluate: \(error)")
      return 1
    }
  }
}
