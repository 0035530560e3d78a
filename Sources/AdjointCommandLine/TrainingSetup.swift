import AdjointNN
import Foundation

/// Everything `adjoint train` prepares before its first epoch, with every check that can fail done first:
/// the output paths are writable, the data loads and is large enough for both splits, and a resumed model
/// fits the data.
struct TrainingSetup {
  var rng: SplitMix64
  var session: TrainingSession
  var banner: String
  var scalingHint: String?
  /// The number of the first epoch of this run (after the epochs of a resumed model).
  var firstEpoch: Int
  /// The learning rate of each epoch, by epoch index from 0.
  var schedule: EpochSchedule
  var savePath: String?
  var metadata: [String: String]
  var title: String

  init(_ parsed: ParsedArguments) throws {
    typealias C = TrainCommand
    if parsed[C.data] != nil && parsed[C.mnist] != nil {
      throw TrainFailure("--data and --mnist cannot be used together", status: 2)
    }
    let checkpoint = try parsed[C.resume].map { path in
      do {
        return try ModelCheckpoint(contentsOf: URL(fileURLWithPath: path))
      } catch {
        throw TrainFailure("cannot resume from \(path): \(error)")
      }
    }
    let recorded = checkpoint?.metadata ?? [:]
    savePath = parsed[C.save] ?? parsed[C.resume]
    for (option, path) in [("--save", savePath), ("--log", parsed[C.log]), ("--plot", parsed[C.plot])] {
      if let path, let problem = whyUnwritable(path) {
        throw TrainFailure("cannot write \(option) \(path): \(problem) (checked before training)")
      }
    }

    let seedValue = parsed.isGiven(C.seed) ? parsed[C.seed] : recorded["train.seed"].flatMap { UInt64($0) } ?? parsed[C.seed]
    rng = SplitMix64(seed: seedValue)
    var source: String
    let split: (training: LabeledDataset, test: LabeledDataset)
    metadata = ["train.seed": "\(seedValue)"]
    let dataPath = parsed[C.data] ?? (parsed[C.mnist] == nil && recorded["train.data"] == "csv" ? recorded["train.data-path"] : nil)
    let mnistPath = parsed[C.mnist] ?? (parsed[C.data] == nil && recorded["train.data"] == "mnist" ? recorded["train.data-path"] : nil)
    if let path = mnistPath {
      split = try MNIST.load(from: URL(fileURLWithPath: path))
      source = "MNIST (\(path))"
      metadata["train.data"] = "mnist"
      metadata["train.data-path"] = path
    } else if let path = dataPath {
      split = try DataArguments.readLabeled(path, parsed).split(trainingFraction: 0.8, using: &rng)
      source = path
      metadata["train.data"] = "csv"
      metadata["train.data-path"] = path
    } else {
      // Raw pixels 0…16: the default scaling ÷16 (μ = 0, σ = 16) is part of the model, so predict takes raw rows.
      split = try Digits.load(scaled: false).split(trainingFraction: 0.8, using: &rng)
      source = "the bundled 8×8 digits"
      metadata["train.data"] = "digits"
    }
    let all = split.training.count + split.test.count
    guard split.training.count >= 1, split.test.count >= 1 else {
      throw TrainFailure(
        "\(source) has \(all) example\(all == 1 ? "" : "s"): too few for a training and a test split "
          + "(80/20 needs at least 3 rows, one of them for the test split)")
    }

    let model: Model
    if let checkpoint {
      model = checkpoint.model
      try checkFit(model, split.training, source: source, file: parsed[C.resume] ?? "")
    } else {
      let isDigits = metadata["train.data"] == "digits"
      let scale = parsed[C.scaling] ?? (dataPath != nil ? .standardize : isDigits ? .pixels : .none)
      let features = split.training.featureCount
      let standardization: Standardization? =
        switch scale {
        case .standardize: Standardization(fitting: split.training.features)
        case .pixels:
          Standardization(
            mean: Tensor.zeros([features]), standardDeviation: Tensor(repeating: Digits.maximumPixelValue, shape: [features]))
        case .none: nil
        }
      let architecture: [LayerSpec]
      switch parsed[C.model] {
      case .mlp:
        architecture = LayerSpec.multilayerPerceptron(sizes: [features, parsed[C.hidden], split.training.classCount])
      case .cnn:
        let side = Int(Double(features).squareRoot().rounded())
        guard side * side == features, side >= 4 else {
          throw TrainFailure("--model cnn needs square one-channel images, but \(source) has \(features) features per row")
        }
        architecture = LayerSpec.smallConvolutionalNetwork(side: side, classes: split.training.classCount)
      }
      model = Model(architecture: architecture, standardization: standardization, using: &rng)
      if standardization == nil, let largest = split.training.features.scalars.map(abs).max(), largest > 5 {
        scalingHint = "hint: features reach \(TrainCommand.format(largest, 0)) unscaled; --scaling standardize usually trains much better"
      }
    }

    // The cnn trains best with Adam (its batch norms make SGD's rate 0.1 unstable): its default optimizer.
    let defaultOptimizer = parsed[C.model] == .cnn ? "adam" : parsed[C.optimizer].rawValue
    let optimizerName =
      parsed.isGiven(C.optimizer) ? parsed[C.optimizer].rawValue : checkpoint?.optimizer == nil ? defaultOptimizer : nil
    let optimizer: any CheckpointableOptimizer
    if optimizerName == nil, let resumed = checkpoint?.optimizer {
      optimizer = resumed
    } else {
      optimizer = makeOptimizer(named: optimizerName ?? defaultOptimizer, weightDecay: parsed[C.weightDecay])
    }
    let rate = parsed[C.learningRate] ?? (optimizerName == nil ? recorded["train.base-learning-rate"].flatMap(Double.init) : nil)
      ?? defaultLearningRate(optimizer.configuration.name)
    metadata["train.base-learning-rate"] = "\(rate)"
    firstEpoch = (recorded["train.epochs"].flatMap { Int($0) } ?? 0) + 1
    let lastEpoch = firstEpoch + parsed[C.epochs] - 1
    schedule = EpochSchedule(name: parsed[C.schedule], rate: rate, warmup: parsed[C.warmup], lastEpoch: lastEpoch)
    session = TrainingSession(
      model: model, training: split.training, test: split.test, batchSize: parsed[C.batchSize], optimizer: optimizer,
      clipNorm: parsed[C.clipNorm])

    let shape = describe(model.architecture)
    title = "\(shape) on \(source)"
    banner = (checkpoint == nil ? "Training " : "Resuming \(parsed[C.resume] ?? "") at epoch \(firstEpoch): ")
      + "\(shape) network on \(source): "
      + "\(split.training.count) training and \(split.test.count) test examples, \(optimizer.configuration.name) with learning rate \(rate)"
      + (parsed[C.schedule] == .constant ? "" : " (\(parsed[C.schedule].rawValue) schedule)")
      + ", batch size \(parsed[C.batchSize])" + scalingDescription(model.standardization)
  }
}

/// The learning rate of each epoch from a schedule named on the command line, with optional warm-up.
struct EpochSchedule: LearningRateSchedule {
  let isConstant: Bool
  private let rateAt: @Sendable (Int) -> Double

  init(name: TrainCommand.ScheduleName, rate: Double, warmup: Int, lastEpoch: Int) {
    let decaySteps = max(1, lastEpoch - warmup)
    let base: any LearningRateSchedule =
      switch name {
      case .constant: ConstantLearningRate(rate)
      case .step: StepDecay(initial: rate, stepSize: max(1, decaySteps / 3), factor: 0.1)
      case .cosine: CosineDecay(initial: rate, steps: decaySteps)
      }
    let warmed = LinearWarmup(steps: warmup, then: AnySchedule(base))
    isConstant = name == .constant && warmup == 0
    rateAt = { warmed.learningRate(at: $0) }
  }

  func learningRate(at step: Int) -> Double { rateAt(step) }
}

/// A schedule behind an existential, so it can be the base of a `LinearWarmup`.
private struct AnySchedule: LearningRateSchedule {
  let base: any LearningRateSchedule
  init(_ base: any LearningRateSchedule) { self.base = base }
  func learningRate(at step: Int) -> Double { base.learningRate(at: step) }
}

/// A fresh optimizer of the command line's name; weight decay applies to weight matrices only.
func makeOptimizer(named name: String, weightDecay: Double) -> any CheckpointableOptimizer {
  let rate = defaultLearningRate(name)
  switch name {
  case "adam":
    var adam = Adam(learningRate: rate, weightDecay: weightDecay)
    adam.decaying = .weightsOnly
    return adam
  case "adamw": return AdamW(learningRate: rate, weightDecay: weightDecay, decaying: .weightsOnly)
  case "rmsprop": return RMSProp(learningRate: rate, weightDecay: weightDecay, decaying: .weightsOnly)
  default:
    var sgd = SGD(learningRate: rate, momentum: 0.9, weightDecay: weightDecay)
    sgd.decaying = .weightsOnly
    return sgd
  }
}

/// The default step size of each optimizer.
func defaultLearningRate(_ name: String) -> Double {
  switch name {
  case "adam", "adamw": 0.001
  case "rmsprop": 0.01
  default: 0.1
  }
}

/// `64-128-10 ReLU` for an MLP; the layer names otherwise.
func describe(_ architecture: [LayerSpec]) -> String {
  var sizes: [Int] = []
  for spec in architecture {
    guard case .dense(let input, let output, _) = spec else {
      return "CNN " + architecture.compactMap(shortName).joined(separator: " → ")
    }
    if sizes.isEmpty { sizes.append(input) }
    sizes.append(output)
  }
  return sizes.map(String.init).joined(separator: "-") + " ReLU"
}

/// Checks that a loaded model takes the data's features and has an output for each class.
func checkFit(_ model: Model, _ data: LabeledDataset, source: String, file: String) throws {
  guard data.count > 0 else { return }
  if let inputs = inputSize(of: model.architecture), inputs != data.featureCount {
    throw TrainFailure("\(file) takes \(inputs) features, but \(source) has \(data.featureCount)")
  }
  if let outputs = outputSize(of: model.architecture), outputs < data.classCount {
    throw TrainFailure("\(file) has \(outputs) outputs, but \(source) has \(data.classCount) classes")
  }
}

/// The number of input features of an architecture, when its first sized layer says.
func inputSize(of architecture: [LayerSpec]) -> Int? {
  for spec in architecture {
    switch spec {
    case .dense(let input, _, _): return input
    case .reshape(let shape): return shape.reduce(1, *)
    default: continue
    }
  }
  return nil
}

/// The number of outputs of an architecture, when its last dense layer says.
func outputSize(of architecture: [LayerSpec]) -> Int? {
  for spec in architecture.reversed() {
    if case .dense(_, let output, _) = spec { return output }
  }
  return nil
}

/// How the banner describes a model's input scaling.
func scalingDescription(_ standardization: Standardization?) -> String {
  guard let standardization else { return "" }
  let isPixelScaling = standardization.mean.scalars.allSatisfy { $0 == 0 }
    && Set(standardization.standardDeviation.scalars).count == 1
  return isPixelScaling ? ", pixels ÷ \(TrainCommand.format(standardization.standardDeviation.scalars[0], 0))" : ", standardized features"
}

/// A few characters for a layer in the banner: `conv16`, `pool`, `64`.
private func shortName(_ spec: LayerSpec) -> String? {
  switch spec {
  case .reshape(let shape): shape.map(String.init).joined(separator: "×")
  case .conv2d(_, let outputs, let kernel, _, _, _, _, _): "conv\(kernel[0])×\(kernel[1])·\(outputs)"
  case .maxPool2d: "maxpool"
  case .avgPool2d: "avgpool"
  case .dense(_, let outputs, _): "\(outputs)"
  case .batchNorm: "batchnorm"
  case .layerNorm: "layernorm"
  case .dropout(let p): "dropout \(p)"
  default: nil
  }
}
