import AdjointNN

/// A classifier being trained: a two-layer ReLU network, its optimizer and its data.
///
/// Every step records a fresh tape: the batch enters as a constant (no gradient is computed for the input),
/// the loss is differentiated once, the gradients are accumulated into the parameters, the optimizer
/// updates them, and the gradients are zeroed for the next step.
struct TrainingSession {
  let model: Sequential
  var optimizer: any Optimizer
  let training: LabeledDataset
  let test: LabeledDataset
  let batchSize: Int

  /// Accuracy and mean loss on both sets.
  struct Evaluation {
    var trainingLoss: Double
    var trainingAccuracy: Double
    var testLoss: Double
    var testAccuracy: Double
  }

  init(
    training: LabeledDataset, test: LabeledDataset, hiddenUnits: Int, batchSize: Int, optimizer: any Optimizer,
    using rng: inout SplitMix64
  ) {
    model = Sequential(
      Dense(inputSize: training.featureCount, outputSize: hiddenUnits, activation: .relu, using: &rng),
      Dense(inputSize: hiddenUnits, outputSize: training.classCount, using: &rng))
    self.optimizer = optimizer
    self.training = training
    self.test = test
    self.batchSize = batchSize
  }

  /// One pass over the training set in a fresh random order; `progress(done, total)` after each step.
  mutating func trainEpoch(using rng: inout SplitMix64, progress: (Int, Int) -> Void) {
    let batches = MiniBatches(of: training, batchSize: batchSize, using: &rng)
    for (k, batch) in batches.enumerated() {
      step(features: batch.features, labels: batch.labels)
      progress(k + 1, batches.count)
    }
  }

  /// One optimisation step on a batch.
  mutating func step(features: Tensor, labels: [Int]) {
    trainingStep(model, &optimizer, features: features, labels: labels)
  }

  /// Loss and accuracy on the training and test sets (inference: nothing is recorded).
  func evaluate() -> Evaluation {
    let (trainingLoss, trainingAccuracy) = lossAndAccuracy(of: model, on: training)
    let (testLoss, testAccuracy) = lossAndAccuracy(of: model, on: test)
    return Evaluation(
      trainingLoss: trainingLoss, trainingAccuracy: trainingAccuracy, testLoss: testLoss, testAccuracy: testAccuracy)
  }
}

/// One optimisation step of a classifier with softmax cross-entropy: record, differentiate once, accumulate
/// the gradients into the parameters, update, zero the gradients. Returns the batch's loss.
@discardableResult
func trainingStep(_ model: some Layer, _ optimizer: inout some Optimizer, features: Tensor, labels: [Int]) -> Double {
  let tape = Tape()
  let loss = softmaxCrossEntropy(logits: model(tape.constant(features)), labels: labels)
  let gradients = loss.backward()
  let parameters = model.parameters
  parameters.accumulateGradients(from: gradients)
  optimizer.update(parameters)
  parameters.zeroGradients()
  return loss.value.scalar
}

/// Mean softmax cross-entropy and accuracy of a classifier on a dataset (inference: nothing is recorded).
func lossAndAccuracy(of model: some Layer, on dataset: LabeledDataset) -> (loss: Double, accuracy: Double) {
  guard dataset.count > 0 else { return (.nan, .nan) }
  let logits = model(dataset.features)
  let loss = softmaxCrossEntropy(logits: Variable(logits), labels: dataset.labels).value.scalar
  let correct = zip(logits.argmax(alongAxis: 1), dataset.labels).filter { $0 == $1 }.count
  return (loss, Double(correct) / Double(dataset.count))
}
