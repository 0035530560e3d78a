/// A multilayer perceptron built from scalar variables, one node per multiply and add: micrograd's `MLP`,
/// written with Adjoint's `Variable<Double>`.
///
/// Each neuron computes `relu(b + Σᵢ wᵢ·xᵢ)` (the sum taken from the bias, left to right, as micrograd's
/// `sum(…, self.b)`); the last layer is linear. The parameters are plain numbers, in micrograd's order
/// (layer by layer, neuron by neuron: the weights, then the bias); a training step puts them on a tape:
///
/// ```swift
/// var rng = SplitMix64(seed: 1)
/// var model = ScalarMLP(inputSize: 2, layerSizes: [16, 16, 1], using: &rng)
/// let tape = Tape()
/// let p = tape.variables(model.parameters)
/// let score = model([0.5, -1.0], parameters: p)[0]
/// let loss = relu(1 - score)
/// let g = loss.backward()
/// model.parameters = zip(model.parameters, g[p]).map { $0 - 0.1 * $1 }
/// ```
///
/// The tensor `Dense` layers compute the same function with one node per layer; this form exists to
/// compare with micrograd node for node (the W2 benchmark) and to show the scalar engine at work.
public struct ScalarMLP: Sendable {
  /// The number of inputs.
  public let inputSize: Int
  /// The number of neurons of each layer; the last is the number of outputs.
  public let layerSizes: [Int]
  /// Every weight and bias, layer by layer, neuron by neuron: the neuron's weights, then its bias.
  ///
  /// - Precondition (on assignment): the count stays `parameterCount`.
  public var parameters: [Double] {
    didSet {
      checkPrecondition(
        parameters.count == oldValue.count,
        "ScalarMLP: assigned \(parameters.count) parameters to a network of \(oldValue.count)")
    }
  }

  /// Creates a network with weights uniform in [−1, 1] and zero biases (micrograd's initialisation).
  ///
  /// - Precondition: every size is positive.
  public init(inputSize: Int, layerSizes: [Int], using generator: inout some RandomNumberGenerator) {
    let count = ScalarMLP.parameterCount(inputSize: inputSize, layerSizes: layerSizes)
    var values: [Double] = []
    values.reserveCapacity(count)
    var fanIn = inputSize
    for size in layerSizes {
      for _ in 0..<size {
        for _ in 0..<fanIn { values.append(Double.random(in: -1...1, using: &generator)) }
        values.append(0)
      }
      fanIn = size
    }
    self.init(inputSize: inputSize, layerSizes: layerSizes, parameters: values)
  }

  /// Creates a network with the given parameters, in micrograd's order.
  ///
  /// - Precondition: every size is positive and `parameters.count` is the network's parameter count.
  public init(inputSize: Int, layerSizes: [Int], parameters: [Double]) {
    let count = ScalarMLP.parameterCount(inputSize: inputSize, layerSizes: layerSizes)
    checkPrecondition(
      parameters.count == count, "ScalarMLP: the network has \(count) parameters, got \(parameters.count)")
    self.inputSize = inputSize
    self.layerSizes = layerSizes
    self.parameters = parameters
  }

  /// The number of weights and biases of a network of these sizes.
  ///
  /// - Precondition: every size is positive, and there is at least one layer.
  public static func parameterCount(inputSize: Int, layerSizes: [Int]) -> Int {
    checkPrecondition(
      inputSize > 0 && !layerSizes.isEmpty && layerSizes.allSatisfy { $0 > 0 },
      "ScalarMLP: sizes must be positive, got inputSize \(inputSize), layerSizes \(layerSizes)")
    var count = 0
    var fanIn = inputSize
    for size in layerSizes {
      count += size * (fanIn + 1)
      fanIn = size
    }
    return count
  }

  /// The outputs for one example, with the parameters given as variables (in `parameters`' order).
  ///
  /// - Precondition: `input.count == inputSize` and `parameters.count == self.parameters.count`.
  /// - Complexity: one multiply and one add node per weight, one relu node per hidden neuron.
  public func callAsFunction(_ input: [Double], parameters p: [Variable<Double>]) -> [Variable<Double>] {
    checkPrecondition(input.count == inputSize, "ScalarMLP: expected \(inputSize) inputs, got \(input.count)")
    checkPrecondition(
      p.count == parameters.count, "ScalarMLP: expected \(parameters.count) parameter variables, got \(p.count)")
    // The first layer multiplies by the inputs as constants (no node for an input).
    var offset = 0
    var activations: [Variable<Double>] = []
    activations.reserveCapacity(layerSizes[0])
    for _ in 0..<layerSizes[0] {
      var sum = p[offset + inputSize] + p[offset] * input[0]
      for i in 1..<inputSize { sum = sum + p[offset + i] * input[i] }
      activations.append(layerSizes.count > 1 ? relu(sum) : sum)
      offset += inputSize + 1
    }
    for (layer, size) in layerSizes.enumerated().dropFirst() {
      let x = activations
      let isLast = layer == layerSizes.count - 1
      activations.removeAll(keepingCapacity: true)
      for _ in 0..<size {
        var sum = p[offset + x.count] + p[offset] * x[0]
        for i in 1..<x.count { sum = sum + p[offset + i] * x[i] }
        activations.append(isLast ? sum : relu(sum))
        offset += x.count + 1
      }
    }
    return activations
  }
}
