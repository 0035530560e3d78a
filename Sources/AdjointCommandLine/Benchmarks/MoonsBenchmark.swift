import AdjointNN

/// Workload W2 (micrograd's demo): MLP 2-16-16-1 on 100 two-moons points, hinge loss + 1e-4·Σp², full-batch
/// SGD with learning rate 1 − 0.9·k/100, from micrograd's initial weights — once with the tensor API
/// (`adjoint-tensor`) and once micrograd's way, one scalar node per multiply and add (`adjoint-scalar`).
/// Each step (forward, backward, update) is timed; 3 warm-up steps run on a throw-away copy first.
enum MoonsBenchmark {
  static let workload = "W2-micrograd-demo"
  static let steps = 100
  static let alpha = 1e-4

  struct Setup {
    var points: [[Double]]
    var labels: [Double]
    /// Per layer: W[out][in] flattened row by row, and b.
    var layers: [(weight: [Double], bias: [Double], outputs: Int)]
  }

  static func load() throws -> Setup {
    let data = try BenchmarkData.json("moons.json")
    let initial = try BenchmarkData.json("moons_init.json")
    guard let points = data["X"] as? [[Double]], let labels = data["y"] as? [Double],
      let layers = initial["layers"] as? [[String: Any]]
    else { throw BenchmarkData.MissingFile(path: "moons.json / moons_init.json", reason: "unexpected layout") }
    let parsed = try layers.map { layer -> (weight: [Double], bias: [Double], outputs: Int) in
      guard let w = layer["W"] as? [[Double]], let b = layer["b"] as? [Double] else {
        throw BenchmarkData.MissingFile(path: "moons_init.json", reason: "a layer without W and b")
      }
      return (w.flatMap { $0 }, b, b.count)
    }
    return Setup(points: points, labels: labels, layers: parsed)
  }

  static func learningRate(atStep k: Int) -> Double { 1.0 - 0.9 * Double(k) / 100 }

  /// Runs `step` (which returns the loss before its update) `steps` times, timing each; returns the times
  /// and the losses.
  static func timed(_ step: (Int) -> Double) -> (times: [Double], losses: [Double]) {
    var losses: [Double] = []
    let times = (0..<steps).map { k in measureSeconds { losses.append(step(k)) } }
    return (times, losses)
  }

  // MARK: Tensor API

  static func tensorModel(_ setup: Setup) -> Sequential {
    Sequential(
      setup.layers.enumerated().map { index, layer in
        let inputs = layer.weight.count / layer.outputs
        let w = Tensor(shape: [layer.outputs, inputs], scalars: layer.weight).transposed()
        return Dense(weight: w, bias: Tensor(layer.bias), activation: index < setup.layers.count - 1 ? .relu : .identity)
      })
  }

  /// One full-batch step of the tensor network; returns the loss before the update and the scores.
  static func tensorStep(_ model: Sequential, _ sgd: inout SGD, x: Tensor, y: Tensor, rate: Double?) -> (Double, Tensor) {
    let tape = Tape()
    let parameters = model.parameters
    let scores = model(tape.constant(x))
    let penalty = parameters.map { p in
      let v = p.variable(on: tape)
      return (v * v).sum()
    }.reduce(Variable(Tensor(0)), +)
    let loss = hingeLoss(predicted: scores, expected: y) + alpha * penalty
    guard let rate else { return (loss.value.scalar, scores.value) }
    parameters.accumulateGradients(from: loss.backward())
    sgd.learningRate = rate
    sgd.update(parameters)
    parameters.zeroGradients()
    return (loss.value.scalar, scores.value)
  }

  static func runTensor(_ setup: Setup) -> (times: [Double], losses: [Double], final: Double, accuracy: Double) {
    let x = Tensor(setup.points)
    let y = Tensor(shape: [setup.labels.count, 1], scalars: setup.labels)
    let warm = tensorModel(setup)
    var sgd = SGD(learningRate: 1)
    for k in 0..<3 { _ = tensorStep(warm, &sgd, x: x, y: y, rate: learningRate(atStep: k)) }
    let model = tensorModel(setup)
    let (times, losses) = timed { k in tensorStep(model, &sgd, x: x, y: y, rate: learningRate(atStep: k)).0 }
    let (final, scores) = tensorStep(model, &sgd, x: x, y: y, rate: nil)
    return (times, losses, final, accuracy(scores.scalars, setup.labels))
  }

  // MARK: Scalar variables, micrograd's way

  static func scalarModel(_ setup: Setup) -> ScalarMLP {
    var parameters: [Double] = []
    for layer in setup.layers {
      let fanIn = layer.weight.count / layer.outputs
      for j in 0..<layer.outputs { parameters += layer.weight[j * fanIn..<(j + 1) * fanIn] + [layer.bias[j]] }
    }
    return ScalarMLP(inputSize: 2, layerSizes: setup.layers.map(\.outputs), parameters: parameters)
  }

  /// micrograd's loss: `sum(relu(1 − yᵢ·sᵢ)) * (1/100) + α·Σ p·p`; returns it and the scores.
  static func scalarLoss(_ model: ScalarMLP, _ p: [Variable<Double>], _ setup: Setup) -> (Variable<Double>, [Double]) {
    let scores = setup.points.map { model($0, parameters: p)[0] }
    var dataLoss = Variable(0.0)
    for (score, label) in zip(scores, setup.labels) { dataLoss = dataLoss + relu(score * -label + 1) }
    var penalty = Variable(0.0)
    for v in p { penalty = penalty + v * v }
    return (dataLoss * (1.0 / Double(scores.count)) + penalty * alpha, scores.map(\.value))
  }

  static func scalarStep(_ model: inout ScalarMLP, _ setup: Setup, rate: Double) -> Double {
    let tape = Tape()
    let p = tape.variables(model.parameters)
    let (loss, _) = scalarLoss(model, p, setup)
    let gradient = loss.backward()[p]
    model.parameters = zip(model.parameters, gradient).map { $0 - rate * $1 }
    return loss.value
  }

  static func runScalar(_ setup: Setup) -> (times: [Double], losses: [Double], final: Double, accuracy: Double) {
    var warm = scalarModel(setup)
    for k in 0..<3 { _ = scalarStep(&warm, setup, rate: learningRate(atStep: k)) }
    var model = scalarModel(setup)
    let (times, losses) = timed { k in scalarStep(&model, setup, rate: learningRate(atStep: k)) }
    let (final, scores) = scalarLoss(model, model.parameters.map { Variable($0) }, setup)
    return (times, losses, final.value, accuracy(scores, setup.labels))
  }

  static func accuracy(_ scores: [Double], _ labels: [Double]) -> Double {
    Double(zip(scores, labels).filter { ($0 > 0) == ($1 > 0) }.count) / Double(labels.count)
  }

  static func run() throws -> [String] {
    let setup = try load()
    var lines: [String] = []
    for (system, result) in [("adjoint-tensor", runTensor(setup)), ("adjoint-scalar", runScalar(setup))] {
      lines.append(
        jsonLine(
          workload: workload, system: system, metric: "step_ms", value: median(result.times) * 1e3, unit: "ms/step",
          extra: [
            "stat": .string("median"), "steps": .int(steps),
            "mean_ms": .double(result.times.reduce(0, +) / Double(steps) * 1e3),
            "loss_step0": .double(result.losses[0]), "loss_step99": .double(result.losses[steps - 1]),
            "final_loss": .double(result.final), "final_accuracy": .double(result.accuracy),
          ]))
    }
    return lines
  }
}
