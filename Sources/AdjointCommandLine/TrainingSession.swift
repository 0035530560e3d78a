import AdjointNN

/// A classifier being trained: a model, its optimizer and its data.
///
/// Every step records a fresh tape: the batch enters as a constant (no gradient is computed for the input),
/// the loss is differentiated once, the gradients are accumulated into the parameters, optionally clipped
/// by their global norm, the optimizer updates them, and the gradients are zeroed for the next step.
struct TrainingSession {
  let model: Model
  var optimizer: any CheckpointableOptimizer
  let training: LabeledDataset
  let test: LabeledDataset
  let batchSize: Int
  /// The largest global gradient norm allowed, or `nil` for no clipping.
  var clipNorm: Double? = nil

  /// Accuracy and mean loss on both sets.
  struct Evaluation {
    var trainingLoss: Double
    var trainingAccuracy: Double
    var testLoss: Double
    var testAccuracy: Double
  }

  /// A session for `model`.
  init(
    model: Model, training: LabeledDataset, test: LabeledDataset, batchSize: Int,
    optimizer: any CheckpointableOptimizer, clipNorm: Double? = nil
  ) {
    self.model = model
    self.optimizer = optimizer
    self.training = training
    self.test = test
    self.batchSize = batchSize
    self.clipNorm = clipNorm
  }

  /// A session for a two-layer ReLU network `features-hiddenUnits-classes` (no standardisation).
  init(
    training: LabeledDataset, test: LabeledDataset, hiddenUnits: Int, batchSize: Int,
    optimizer: any CheckpointableOptimizer, using rng: inout SplitMix64
  ) {
    let architecture = LayerSpec.multilayerPerceptron(sizes: [training.featureCount, hiddenUnits, training.classCount])
    self.init(
      model: Model(architecture: architecture, using: &rng), training: training, test: test, batchSize: batchSize,
      optimizer: optimizer)
  }

  /// One pass over the training set in a fresh random order; `progress(done, total)` after each step.
  /// Returns the mean of the batches' losses.
  @discardableResult
  mutating func trainEpoch(using rng: inout SplitMix64, progress: (Int, Int) -> Void) -> Double {
    model.setLearningPhase(.training)
    defer { model.setLearningPhase(.inference) }
    let batches = MiniBatches(of: training, batchSize: batchSize, using: &rng)
    var total = 0.0
    for (k, batch) in batches.enumerated() {
      total += step(features: batch.features, labels: batch.labels)
      progress(k + 1, batches.count)
    }
    return total / Double(max(batches.count, 1))
  }

  /// One optimisation step on a batch; returns its loss.
  @discardableResult
  mutating func step(features: Tensor, labels: [Int]) -> Double {
    trainingStep(model, &optimizer, features: features, labels: labels, clipNorm: clipNorm)
  }

  /// Loss and accuracy on the training and test sets (inference: nothing is recorded).
  func evaluate() -> Evaluation {
    model.setLearningPhase(.inference)
    let (trainingLoss, trainingAccuracy) = lossAndAccuracy(of: model, on: training)
    let (testLoss, testAccuracy) = lossAndAccuracy(of: model, on: test)
    return Evaluation(
      trainingLoss: trainingLoss, trainingAccuracy: trainingAccuracy, testLoss: testLoss, testAccuracy: testAccuracy)
  }
}

/// One optimisation step of a classifier with softmax cross-entropy: record, differentiate once, accumulate
/// the gradients into the parameters, clip them if asked, update, zero the gradients. Returns the batch's loss.
///
/// The recording (tape, loss, gradients) ends before the update: the tape holds each parameter's value as a
/// leaf, and while it lives the optimizer's in-place update of the value would have to copy the storage.
@discardableResult
func trainingStep(
  _ model: some Layer, _ optimizer: inout some Optimizer, features: Tensor, labels: [Int], clipNorm: Double? = nil
) -> Double {
  let parameters = model.parameters
  let lossValue = recordAndAccumulate(model, parameters, features: features, labels: labels)
  if let clipNorm { parameters.clipGradientNorm(maxNorm: clipNorm) }
  optimizer.update(parameters)
  parameters.zeroGradients()
  return lossValue
}

/// Records the loss of one batch, differentiates it and accumulates the gradients into `parameters`;
/// returns the loss. The tape and the gradients are freed when it returns.
private func recordAndAccumulate(
  _ model: some Layer, _ parameters: [Parameter], features: Tensor, labels: [Int]
) -> Double {
  let tape = Tape()
  let loss = softmaxCrossEntropy(logits: model(tape.constant(features)), labels: labels)
  parameters.accumulateGradients(from: loss.backward())
  return loss.value.scalar
}

/// Mean softmax cross-entropy and accuracy of a classifier on a dataset (inference: nothing is recorded),
/// evaluated in chunks of `chunk` rows so that large sets need little memory.
func lossAndAccuracy(of model: some Layer, on dataset: LabeledDataset, chunk: Int = 2048) -> (loss: Double, accuracy: Double) {
  guard dataset.count > 0 else { return (.nan, .nan) }
  var lossSum = 0.0
  var correct = 0
  for start in stride(from: 0, to: dataset.count, by: chunk) {
    let part = dataset.count <= chunk ? dataset : dataset.rows(start..<min(start + chunk, dataset.count))
    let logits = model(part.features)
    lossSum += softmaxCrossEntropy(logits: Variable(logits), labels: part.labels).value.scalar * Double(part.count)
    correct += zip(predictedClasses(logits), part.labels).filter { $0 == $1 }.count
  }
  return (lossSum / Double(dataset.count), Double(correct) / Double(dataset.count))
}
