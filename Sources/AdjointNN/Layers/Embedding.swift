/// A lookup table of learned vectors (PyTorch's `nn.Embedding`): an input of integer indices of any
/// shape S gives the rows of the weight at those indices, of shape S + [embeddingSize].
///
/// Computed as `weight.gathering(flatIndices:shape:)`, so the gradient of a row is the sum of the adjoints
/// of its uses (the scatter-add).
///
/// ```swift
/// let embedding = Embedding(weight: Tensor([[1, 2], [3, 4], [5, 6]]))
/// embedding(Tensor([2, 0, 2])).scalars   // [5.0, 6.0, 1.0, 2.0, 5.0, 6.0]
/// ```
public struct Embedding: Layer {
  /// The table, of shape `[vocabularySize, embeddingSize]`.
  public let weight: Parameter

  /// Creates a table of N(0, 1) draws from `generator` (PyTorch's initialisation).
  ///
  /// - Precondition: both sizes are positive.
  public init(vocabularySize: Int, embeddingSize: Int, using generator: inout some RandomNumberGenerator) {
    checkPrecondition(
      vocabularySize > 0 && embeddingSize > 0,
      "Embedding: sizes must be positive, got vocabularySize \(vocabularySize), embeddingSize \(embeddingSize)")
    self.init(weight: Tensor.randomNormal(shape: [vocabularySize, embeddingSize], using: &generator))
  }

  /// Creates a layer with the given table.
  ///
  /// - Precondition: `weight` has rank 2.
  public init(weight: Tensor) {
    checkPrecondition(weight.rank == 2, "Embedding: the weight must have rank 2 [vocabularySize, embeddingSize], got \(weight.shape)")
    self.weight = Parameter(weight, name: "weight")
  }

  /// The number of rows of the table.
  public var vocabularySize: Int { weight.shape[0] }
  /// The length of each vector.
  public var embeddingSize: Int { weight.shape[1] }

  /// The rows at the input's indices. The input is data (its gradient is zero).
  ///
  /// - Precondition: every input element is an integer in `0..<vocabularySize`.
  /// - Complexity: O(count of the input · embeddingSize).
  public func callAsFunction(_ input: Variable<Tensor>) -> Variable<Tensor> {
    let d = embeddingSize
    var offsets: [Int] = []
    offsets.reserveCapacity(input.value.count * d)
    for (k, index) in input.value.scalars.enumerated() {
      checkPrecondition(
        index == index.rounded() && index >= 0 && index < Double(vocabularySize),
        "Embedding: index \(index) at position \(k) of input \(input.value.shape) is not an integer in 0..<\(vocabularySize)")
      let row = Int(index) * d
      for j in 0..<d { offsets.append(row + j) }
    }
    return weight.variable(alongside: input).gathering(flatIndices: offsets, shape: input.value.shape + [d])
  }

  /// The table.
  public var parameters: [Parameter] { [weight] }
}
