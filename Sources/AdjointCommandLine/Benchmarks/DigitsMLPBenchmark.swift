import AdjointNN
import Foundation

/// Workload W3 (digits MLP): 64-128-10 ReLU network, softmax cross-entropy, batch 32, plain SGD 0.1, 20
/// epochs over the 1,437 training rows in the peers' order, from the peers' initial weights — so the loss
/// trajectory is the same arithmetic as NumPy's, PyTorch's and JAX's. Reports the median epoch time, the final
/// test accuracy and the final mean losses.
enum DigitsMLPBenchmark {
  static let workload = "W3-digits-mlp"
  static let epochs = 20
  static let batchSize = 32

  struct Setup {
    var batches: [(features: Tensor, labels: [Int])]
    var training: LabeledDataset
    var test: LabeledDataset
    var initial: [String: Tensor]
  }

  static func load() throws -> Setup {
    let url = BenchmarkData.directory.appendingPathComponent("digits.csv")
    let all = try LabeledDataset.readCSV(from: url, labelColumn: .last, header: .present)
    let split = try BenchmarkData.json("digits_split.json")
    guard let trainRows = split["train"] as? [Int], let testRows = split["test"] as? [Int] else {
      throw BenchmarkData.MissingFile(path: "digits_split.json", reason: "expected train and test row lists")
    }
    let training = all.rows(trainRows)
    let test = all.rows(testRows)
    let batches = MiniBatches(inOrder: training, batchSize: batchSize).map { $0 }
    let weights = try BenchmarkData.json("digits_init.json")
    let initial = [
      "W1": try BenchmarkData.matrix(weights["W1"], "W1"), "b1": try BenchmarkData.vector(weights["b1"], "b1"),
      "W2": try BenchmarkData.matrix(weights["W2"], "W2"), "b2": try BenchmarkData.vector(weights["b2"], "b2"),
    ]
    return Setup(batches: batches, training: training, test: test, initial: initial)
  }

  /// The peers' model from the shared initial weights.
  static func model(_ initial: [String: Tensor]) -> Sequential {
    Sequential(
      Dense(weight: initial["W1"] ?? Tensor.zeros([0]), bias: initial["b1"] ?? Tensor.zeros([0]), activation: .relu),
      Dense(weight: initial["W2"] ?? Tensor.zeros([0]), bias: initial["b2"] ?? Tensor.zeros([0])))
  }

  static func run() throws -> [String] {
    let setup = try load()
    // A throw-away warm-up epoch, as the peers do.
    let warm = model(setup.initial)
    var warmOptimizer = SGD(learningRate: 0.1)
    for batch in setup.batches { trainingStep(warm, &warmOptimizer, features: batch.features, labels: batch.labels) }

    let net = model(setup.initial)
    var optimizer = SGD(learningRate: 0.1)
    var times: [Double] = []
    for _ in 0..<epochs {
      times.append(
        measureSeconds {
          for batch in setup.batches { trainingStep(net, &optimizer, features: batch.features, labels: batch.labels) }
        })
    }
    let (trainLoss, trainAccuracy) = lossAndAccuracy(of: net, on: setup.training)
    let (testLoss, testAccuracy) = lossAndAccuracy(of: net, on: setup.test)
    let ms = median(times) * 1e3
    return [
      jsonLine(
        workload: workload, system: "adjoint", metric: "epoch_ms", value: ms, unit: "ms/epoch",
        extra: [
          "stat": .string("median"), "epochs": .int(epochs), "batches_per_epoch": .int(setup.batches.count),
          "mean_ms": .double(times.reduce(0, +) / Double(times.count) * 1e3), "min_ms": .double((times.min() ?? 0) * 1e3),
          "step_us": .double(ms * 1e3 / Double(setup.batches.count)), "isa": .string(Tensor.matrixProductInstructionSet),
        ]),
      jsonLine(workload: workload, system: "adjoint", metric: "final_test_accuracy", value: testAccuracy, unit: "fraction"),
      jsonLine(
        workload: workload, system: "adjoint", metric: "final_train_loss", value: trainLoss, unit: "",
        extra: ["train_accuracy": .double(trainAccuracy)]),
      jsonLine(workload: workload, system: "adjoint", metric: "final_test_loss", value: testLoss, unit: ""),
    ]
  }
}
