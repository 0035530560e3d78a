/// Inverted dropout: while training, each element is zeroed with probability p and the survivors are
/// scaled by 1 / (1 − p); in inference the layer is the identity.
///
/// The scaling keeps the expected value of every element unchanged, so nothing needs rescaling at inference
/// (Srivastava et al. 2014; the "inverted" form is PyTorch's `nn.Dropout`). The mask is a constant of the
/// recording, so the tape derives the backward pass: the gradient flows through the kept elements, scaled
/// the same way.
///
/// ```swift
/// let dropout = Dropout(probability: 0.5, generator: SplitMix64(seed: 7))
/// dropout(Tensor.ones([1, 6]))            // e.g. [[2, 0, 2, 2, 0, 0]]
/// dropout.phase = .inference
/// dropout(Tensor.ones([1, 6]))            // [[1, 1, 1, 1, 1, 1]]
/// ```
///
/// A `Dropout` is an object: it owns its generator, which advances on every call while training.
public final class Dropout<Generator: RandomNumberGenerator>: Layer {
  /// The probability p of zeroing each element while training, in [0, 1).
  public let probability: Double
  /// Training (draw a mask) or inference (the identity). Starts as `.training`, as in PyTorch.
  public var phase: LearningPhase = .training
  /// The source of the masks.
  private var generator: Generator

  /// Creates a dropout layer drawing its masks from `generator` (pass a seeded `SplitMix64` for repeatable
  /// runs).
  ///
  /// - Precondition: 0 ≤ probability < 1.
  public init(probability: Double, generator: Generator) {
    checkPrecondition(
      probability >= 0 && probability < 1, "Dropout: probability must be in [0, 1), got \(probability)")
    self.probability = probability
    self.generator = generator
  }

  /// While training, x ⊙ m / (1 − p) with m a fresh mask of independent Bernoulli(1 − p) draws; in
  /// inference, x.
  ///
  /// - Complexity: O(count of the input).
  public func callAsFunction(_ input: Variable<Tensor>) -> Variable<Tensor> {
    guard phase == .training, probability > 0 else { return input }
    let scale = 1 / (1 - probability)
    let p = probability
    let mask = Tensor(shape: input.value.shape) { m in
      for i in 0..<m.count { m[i] = Double.random(in: 0..<1, using: &generator) < p ? 0 : scale }
    }
    return input * Variable(mask)
  }

  /// None.
  public var parameters: [Parameter] { [] }

  /// Sets `phase`.
  public func setLearningPhase(_ phase: LearningPhase) {
    self.phase = phase
  }
}

extension Dropout where Generator == SystemRandomNumberGenerator {
  /// Creates a dropout layer drawing its masks from the system's generator (not repeatable).
  ///
  /// - Precondition: 0 ≤ probability < 1.
  public convenience init(probability: Double) {
    self.init(probability: probability, generator: SystemRandomNumberGenerator())
  }
}
