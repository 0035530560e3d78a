import Foundation

/// A network that knows its architecture and its input preprocessing, and can be saved and loaded whole.
///
/// ```swift
/// var rng = SplitMix64(seed: 0)
/// let data = try Digits.load()
/// let model = Model(
///   architecture: LayerSpec.multilayerPerceptron(sizes: [64, 128, 10]),
///   standardization: Standardization(fitting: data.features), using: &rng)
/// // … train model.parameters …
/// try model.write(to: URL(filePath: "digits.adjt"))
///
/// let loaded = try Model(contentsOf: URL(filePath: "digits.adjt"))   // no architecture rebuilt by hand
/// loaded(data.features).shape                                          // [1797, 10]: logits of raw rows
/// ```
///
/// Besides the parameters, the file keeps each ``BatchNorm``'s running statistics (its inference state).
///
/// Applying the model standardises the input (when it has a ``Standardization``) and then runs the
/// ``network``; the preprocessing is part of the model, so it is the same in training and after loading.
/// A copy shares the parameters (a `Parameter` is an object).
public struct Model: Layer {
  /// The layers, in order, as the file records them.
  public let architecture: [LayerSpec]
  /// The layers built from `architecture`.
  public let network: Sequential
  /// The feature scaling applied before the first layer, if any.
  public let standardization: Standardization?

  /// Builds the architecture with fresh parameters drawn from `generator`.
  ///
  /// - Precondition: every spec is valid (``LayerSpec/validationError`` is `nil`).
  public init(
    architecture: [LayerSpec], standardization: Standardization? = nil,
    using generator: inout some RandomNumberGenerator
  ) {
    self.architecture = architecture
    self.network = LayerSpec.makeNetwork(architecture, using: &generator)
    self.standardization = standardization
  }

  /// Loads a model file written by ``write(to:optimizer:metadata:)`` (or a parameters-only file of an older
  /// `adjoint train`; see ``ModelCheckpoint/init(contentsOf:)``).
  ///
  /// - Throws: ``ModelFileError``.
  public init(contentsOf url: URL) throws(ModelFileError) {
    self = try ModelCheckpoint(contentsOf: url).model
  }

  /// The standardised input through the network.
  public func callAsFunction(_ input: Variable<Tensor>) -> Variable<Tensor> {
    network(standardization.map { $0(input) } ?? input)
  }

  /// The network's parameters.
  public var parameters: [Parameter] { network.parameters }
  /// The network's parameters under their checkpoint names (`"0.weight"`).
  public var namedParameters: [(name: String, parameter: Parameter)] { network.namedParameters }

  /// Sets the phase of every layer.
  public func setLearningPhase(_ phase: LearningPhase) { network.setLearningPhase(phase) }

  /// The class probabilities of each row, softmax(model(x)) (inference: nothing is recorded).
  public func probabilities(_ features: Tensor) -> Tensor {
    setLearningPhase(.inference)
    return self(features).softmax(alongAxis: 1)
  }

  /// The model as an archive: its parameters, its preprocessing, the optimizer's state if given, and the
  /// metadata (architecture, optimizer settings, the package version, and `metadata`).
  public func archive(optimizer: (any CheckpointableOptimizer)? = nil, metadata: [String: String] = [:]) -> TensorArchive {
    var archive = TensorArchive(metadata: metadata)
    archive.metadata[ModelFileKey.format] = "1"
    archive.metadata[ModelFileKey.version] = AdjointVersion.current
    archive.metadata[ModelFileKey.architecture] = jsonText(architecture)
    if let standardization {
      archive.append(standardization.mean, named: ModelFileKey.mean)
      archive.append(standardization.standardDeviation, named: ModelFileKey.standardDeviation)
    }
    for (name, parameter) in namedParameters { archive.append(parameter.value, named: ModelFileKey.parameterPrefix + name) }
    for (index, layer) in network.layers.enumerated() {
      guard let norm = layer as? BatchNorm else { continue }
      archive.append(norm.runningMean, named: "\(ModelFileKey.statePrefix)\(index).running-mean")
      archive.append(norm.runningVariance, named: "\(ModelFileKey.statePrefix)\(index).running-variance")
    }
    if let optimizer {
      archive.metadata[ModelFileKey.optimizer] = jsonText(optimizer.configuration)
      for (name, parameter) in namedParameters {
        for (slot, tensor) in optimizer.state(of: parameter).sorted(by: { $0.key < $1.key }) {
          archive.append(tensor, named: "\(ModelFileKey.optimizerPrefix)\(name).\(slot)")
        }
      }
    }
    return archive
  }

  /// Writes the model file atomically (format version 2 of the tensor archive; layout in `Docs/Data.md`).
  ///
  /// - Parameters:
  ///   - url: Where to write.
  ///   - optimizer: An optimizer whose settings and state to store, so training can resume.
  ///   - metadata: Extra text to store (`adjoint train` records its epochs and seed).
  /// - Throws: ``ModelFileError/archive(_:)`` when the file cannot be written.
  public func write(
    to url: URL, optimizer: (any CheckpointableOptimizer)? = nil, metadata: [String: String] = [:]
  ) throws(ModelFileError) {
    do {
      try archive(optimizer: optimizer, metadata: metadata).write(to: url)
    } catch let error as TensorArchiveError {
      throw .archive(error)
    } catch {
      throw .archive(.unwritableFile(path: url.path, reason: "\(error)"))
    }
  }
}

/// The names a model file uses for its metadata and tensors.
enum ModelFileKey {
  static let format = "adjoint.model-format"
  static let version = "adjoint.version"
  static let architecture = "adjoint.architecture"
  static let optimizer = "adjoint.optimizer"
  static let mean = "preprocessing.mean"
  static let standardDeviation = "preprocessing.standard-deviation"
  static let parameterPrefix = "parameter."
  static let optimizerPrefix = "optimizer."
  /// Layer state that is not a parameter: `state.<layer index>.running-mean` of a `BatchNorm`.
  static let statePrefix = "state."
}

/// `value` as compact JSON with sorted keys.
func jsonText(_ value: some Encodable) -> String {
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
  // Encoding enums of numbers, strings and arrays cannot fail; a NaN setting would, and is rejected by the
  // optimizers' initialisers.
  guard let data = try? encoder.encode(value) else { return "null" }
  return String(decoding: data, as: UTF8.self)
}
