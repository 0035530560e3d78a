import AdjointNN

/// Workload W4 (MNIST-size MLP): 784-256-10 ReLU network, softmax cross-entropy, batch 128, SGD 0.1, on
/// synthetic standard-normal data of MNIST's shape. 5 warm-up steps on a throw-away model, then 60 steps each
/// timed on its own; median ms per step and GFLOP/s of the useful work (104.7 MFLOP per step). Measured with
/// one thread and with the matrix products allowed two.
///
/// The peers draw their data with NumPy's generator; this draws the same shapes and distribution with
/// `SplitMix64`. The work per step does not depend on the values, so the times compare; the losses do not.
enum MNISTSizeMLPBenchmark {
  static let workload = "W4-mnist-size-mlp"
  static let steps = 60
  static let batch = 128
  static let sizes = (input: 784, hidden: 256, output: 10)
  static let flopsPerStep = Double(
    2 * batch * (sizes.input * sizes.hidden + sizes.hidden * sizes.output)
      + 2 * batch * (sizes.input * sizes.hidden + 2 * sizes.hidden * sizes.output))

  static func run() -> [String] {
    var rng = SplitMix64(seed: 0)
    let batches = (0..<steps).map { _ in
      (
        features: Tensor.randomNormal(shape: [batch, sizes.input], using: &rng),
        labels: (0..<batch).map { _ in Int.random(in: 0..<sizes.output, using: &rng) }
      )
    }
    var weights = SplitMix64(seed: 1)
    let w1 = Tensor.randomNormal(shape: [sizes.input, sizes.hidden], using: &weights) * (2.0 / Double(sizes.input)).squareRoot()
    let w2 = Tensor.randomNormal(shape: [sizes.hidden, sizes.output], using: &weights) * (2.0 / Double(sizes.hidden)).squareRoot()
    func freshModel() -> Sequential {
      Sequential(
        Dense(weight: w1, bias: Tensor.zeros([sizes.hidden]), activation: .relu),
        Dense(weight: w2, bias: Tensor.zeros([sizes.output])))
    }
    var lines: [String] = []
    for threads in [1, 2] {
      let times = withMatrixProductThreads(threads) { () -> [Double] in
        let warm = freshModel()
        var warmOptimizer = SGD(learningRate: 0.1)
        for k in 0..<5 { trainingStep(warm, &warmOptimizer, features: batches[k].features, labels: batches[k].labels) }
        let net = freshModel()
        var optimizer = SGD(learningRate: 0.1)
        return batches.map { b in measureSeconds { trainingStep(net, &optimizer, features: b.features, labels: b.labels) } }
      }
      let step = median(times)
      lines.append(
        jsonLine(
          workload: workload, system: threads == 1 ? "adjoint" : "adjoint-2threads", threads: threads,
          metric: "step_ms", value: step * 1e3, unit: "ms/step",
          extra: [
            "stat": .string("median"), "steps": .int(steps), "mean_ms": .double(times.reduce(0, +) / Double(steps) * 1e3),
            "min_ms": .double((times.min() ?? 0) * 1e3), "gflops": .double(flopsPerStep / step / 1e9),
            "isa": .string(Tensor.matrixProductInstructionSet),
          ]))
    }
    return lines
  }
}
