import AdjointNN
import Foundation

/// Workload W7 (cnn-train-step, `Tests/Benchmarks/peers/WORKLOADS.md`): a LeNet-style network on batches of 64
/// 28×28 images, one SGD step (learning rate 0.05) per batch, float64, from the peers' seeded data and
/// initial weights (`make_data.py w7` writes them), so the loss trajectory is the same arithmetic as
/// NumPy's, PyTorch's and JAX's:
///
///     conv 1→8 5×5 + b, relu, maxpool 2 → conv 8→16 5×5 + b, relu, maxpool 2 → flatten 256 → dense 10
///
/// 5 warm-up steps (batches 0–4) on a throw-away copy, then 40 steps (batches 0–39) from the initial weights,
/// each timed on its own; with one thread and with the matrix products allowed two. Reports the median
/// ms/step, GFLOP/s of the useful work (109.1 MFLOP per step), the losses at steps 0 and 39, their mean,
/// and the loss on batch 0 after the 40 updates.
enum CNNTrainStepBenchmark {
  static let workload = "W7-cnn-train-step"
  static let steps = 40
  static let warmUpSteps = 5
  static let batch = 64
  static let learningRate = 0.05
  /// Useful multiply-adds × 2 per step (WORKLOADS.md): the two convolutions and the dense layer forward;
  /// backward dW of both convolutions, dX of the second, dW and dX of the dense layer.
  static let flopsPerStep = Double(
    2 * batch * (8 * 24 * 24 * 1 * 25 + 16 * 8 * 8 * 8 * 25 + 256 * 10)
      + 2 * batch * (8 * 24 * 24 * 1 * 25 + 2 * 16 * 8 * 8 * 8 * 25 + 2 * 256 * 10))

  struct Setup {
    var batches: [(features: Tensor, labels: [Int])]
    var initial: [String: Tensor]
  }

  /// The raw little-endian files written by `Tests/Benchmarks/peers/py/make_data.py w7`.
  static func load() throws -> Setup {
    let images = try raw("w7_X.f64", count: steps * batch * 28 * 28)
    let labels = try rawIntegers("w7_labels.i64", count: steps * batch)
    let batches = (0..<steps).map { k in
      (
        features: Tensor(shape: [batch, 1, 28, 28], scalars: Array(images[(k * batch * 784)..<((k + 1) * batch * 784)])),
        labels: Array(labels[(k * batch)..<((k + 1) * batch)])
      )
    }
    let initial = [
      "W1": Tensor(shape: [8, 1, 5, 5], scalars: try raw("w7_W1.f64", count: 200)), "b1": Tensor.zeros([8]),
      "W2": Tensor(shape: [16, 8, 5, 5], scalars: try raw("w7_W2.f64", count: 3200)), "b2": Tensor.zeros([16]),
      "W3": Tensor(shape: [256, 10], scalars: try raw("w7_W3.f64", count: 2560)), "b3": Tensor.zeros([10]),
    ]
    return Setup(batches: batches, initial: initial)
  }

  /// The peers' network from the shared initial weights.
  static func model(_ p: [String: Tensor]) -> Sequential {
    func get(_ name: String) -> Tensor { p[name] ?? Tensor.zeros([0]) }
    return Sequential(
      Conv2D(weight: get("W1"), bias: get("b1"), activation: .relu), MaxPool2D(kernelSize: 2),
      Conv2D(weight: get("W2"), bias: get("b2"), activation: .relu), MaxPool2D(kernelSize: 2),
      Flatten(), Dense(weight: get("W3"), bias: get("b3")))
  }

  static func run() throws -> [String] {
    let setup = try load()
    var lines: [String] = []
    for threads in [1, 2] {
      let (times, losses, after) = withMatrixProductThreads(threads) { () -> ([Double], [Double], Double) in
        let warm = model(setup.initial)
        var warmOptimizer = SGD(learningRate: learningRate)
        for b in setup.batches.prefix(warmUpSteps) { trainingStep(warm, &warmOptimizer, features: b.features, labels: b.labels) }
        let net = model(setup.initial)
        var optimizer = SGD(learningRate: learningRate)
        var losses: [Double] = []
        let times = setup.batches.map { b in
          measureSeconds { losses.append(trainingStep(net, &optimizer, features: b.features, labels: b.labels)) }
        }
        let first = setup.batches[0]
        let after = softmaxCrossEntropy(logits: Variable(net(first.features)), labels: first.labels).value.scalar
        return (times, losses, after)
      }
      let step = median(times)
      lines.append(
        jsonLine(
          workload: workload, system: threads == 1 ? "adjoint" : "adjoint-2threads", threads: threads,
          metric: "step_ms", value: step * 1e3, unit: "ms/step",
          extra: [
            "stat": .string("median"), "steps": .int(steps), "warmup_steps": .int(warmUpSteps),
            "mean_ms": .double(times.reduce(0, +) / Double(steps) * 1e3), "min_ms": .double((times.min() ?? 0) * 1e3),
            "max_ms": .double((times.max() ?? 0) * 1e3), "gflops": .double(flopsPerStep / step / 1e9),
            "loss_step0": .double(losses[0]), "loss_step39": .double(losses[steps - 1]),
            "loss_mean_40": .double(losses.reduce(0, +) / Double(steps)), "loss_batch0_after": .double(after),
            "isa": .string(Tensor.matrixProductInstructionSet),
          ]))
    }
    return lines
  }

  /// `count` float64 values from a raw little-endian file of the data directory.
  static func raw(_ name: String, count: Int) throws -> [Double] {
    try bytes(name, count: count).withUnsafeBytes { buffer in
      (0..<count).map { Double(bitPattern: UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: 8 * $0, as: UInt64.self))) }
    }
  }

  /// `count` int64 values from a raw little-endian file of the data directory.
  static func rawIntegers(_ name: String, count: Int) throws -> [Int] {
    try bytes(name, count: count).withUnsafeBytes { buffer in
      (0..<count).map { Int(Int64(littleEndian: buffer.loadUnaligned(fromByteOffset: 8 * $0, as: Int64.self))) }
    }
  }

  /// The file's bytes, checked to hold exactly `count` 8-byte values.
  private static func bytes(_ name: String, count: Int) throws -> Data {
    let url = BenchmarkData.directory.appendingPathComponent(name)
    let hint = "generate it with: python Tests/Benchmarks/peers/py/make_data.py w7"
    guard let data = try? Data(contentsOf: url) else {
      throw BenchmarkData.MissingFile(path: url.path, reason: "missing; \(hint)")
    }
    guard data.count == 8 * count else {
      throw BenchmarkData.MissingFile(path: url.path, reason: "\(data.count) bytes, expected \(8 * count); \(hint)")
    }
    return data
  }
}
