import Foundation

/// Everything a model file holds: the model, the optimizer with its state (when it was saved with one), and
/// the metadata.
///
/// ```swift
/// let checkpoint = try ModelCheckpoint(contentsOf: URL(filePath: "digits.adjt"))
/// checkpoint.model.architecture      // [.dense(inputSize: 64, …), .dense(…)]
/// var optimizer = checkpoint.optimizer   // to continue training where it stopped
/// checkpoint.metadata["adjoint.version"] // "0.2.0"
/// ```
public struct ModelCheckpoint {
  /// The model, with the stored parameters.
  public let model: Model
  /// The optimizer rebuilt from the stored settings, with its stored per-parameter state; `nil` when the
  /// file was written without one.
  public let optimizer: (any CheckpointableOptimizer)?
  /// The file's metadata: the `adjoint.*` keys and whatever the writer added.
  public let metadata: [String: String]

  /// Reads a model file.
  ///
  /// A format-1 archive (parameters only, as `adjoint train --save` of Adjoint 0.1 wrote) loads when its
  /// tensors are exactly `k.weight` (rank 2) and `k.bias` (rank 1) of dense layers whose sizes chain, which is
  /// what that command saved: it is read as that network (ReLU between the layers, no standardisation).
  /// Any other archive without an architecture is rejected with ``ModelFileError/notAModel(file:reason:)``.
  ///
  /// - Throws: ``ModelFileError``.
  public init(contentsOf url: URL) throws(ModelFileError) {
    let archive: TensorArchive
    do {
      archive = try TensorArchive.read(from: url)
    } catch let error as TensorArchiveError {
      throw .archive(error)
    } catch {
      throw .archive(.unreadableFile(path: url.path, reason: "\(error)"))
    }
    try self.init(archive: archive, fileName: url.lastPathComponent)
  }

  /// Decodes a model from an archive (see ``init(contentsOf:)``); `fileName` names it in errors.
  ///
  /// - Throws: ``ModelFileError``.
  public init(archive: TensorArchive, fileName: String) throws(ModelFileError) {
    guard let architectureText = archive.metadata[ModelFileKey.architecture] else {
      guard let legacy = legacyArchitecture(of: archive) else {
        throw .notAModel(
          file: fileName,
          reason: "it records no architecture (a parameters-only archive, format version 1): build the network "
            + "in code and call loadParameters(from:), or save it again with Model.write(to:)")
      }
      let model = try makeModel(legacy, standardization: nil, file: fileName)
      do {
        try model.network.loadParameters(from: archive)
      } catch {
        throw .mismatch(file: fileName, error)
      }
      self.init(model: model, optimizer: nil, metadata: archive.metadata)
      return
    }
    if let format = archive.metadata[ModelFileKey.format], format != "1" {
      throw .invalidDescription(
        file: fileName, reason: "model format \(format) is newer than this build reads (1); it was written by Adjoint \(archive.metadata[ModelFileKey.version] ?? "?")")
    }
    let architecture: [LayerSpec] = try decodeJSON(architectureText, what: "the architecture", file: fileName)
    let standardization = try readStandardization(archive, file: fileName)
    let model = try makeModel(architecture, standardization: standardization, file: fileName)
    var parameters = TensorArchive()
    var optimizerSlots: [String: [String: Tensor]] = [:]
    var layerState: [String: Tensor] = [:]
    let parameterNames = Set(model.namedParameters.map(\.name))
    for (name, tensor) in archive.entries {
      if name.hasPrefix(ModelFileKey.parameterPrefix) {
        parameters.append(tensor, named: String(name.dropFirst(ModelFileKey.parameterPrefix.count)))
      } else if name.hasPrefix(ModelFileKey.optimizerPrefix) {
        let rest = name.dropFirst(ModelFileKey.optimizerPrefix.count)
        guard let dot = rest.lastIndex(of: "."), parameterNames.contains(String(rest[..<dot])) else {
          throw .mismatch(file: fileName, .unexpectedTensor(name: name))
        }
        optimizerSlots[String(rest[..<dot]), default: [:]][String(rest[rest.index(after: dot)...])] = tensor
      } else if name.hasPrefix(ModelFileKey.statePrefix) {
        layerState[name] = tensor
      } else if name != ModelFileKey.mean && name != ModelFileKey.standardDeviation {
        throw .mismatch(file: fileName, .unexpectedTensor(name: name))
      }
    }
    do {
      try model.network.loadParameters(from: parameters)
    } catch {
      throw .mismatch(file: fileName, error)
    }
    try restoreLayerState(model, layerState, file: fileName)
    var optimizer: (any CheckpointableOptimizer)?
    if let text = archive.metadata[ModelFileKey.optimizer] {
      let configuration: OptimizerConfiguration = try decodeJSON(text, what: "the optimizer", file: fileName)
      if let problem = configuration.validationError {
        throw .invalidDescription(file: fileName, reason: "the optimizer: \(problem)")
      }
      var rebuilt = configuration.makeOptimizer()
      for (name, parameter) in model.namedParameters {
        do {
          try rebuilt.restoreState(optimizerSlots[name] ?? [:], of: parameter, named: ModelFileKey.optimizerPrefix + name)
        } catch {
          throw .mismatch(file: fileName, error)
        }
      }
      optimizer = rebuilt
    } else if let name = optimizerSlots.keys.sorted().first {
      throw .mismatch(file: fileName, .unexpectedTensor(name: ModelFileKey.optimizerPrefix + name))
    }
    self.init(model: model, optimizer: optimizer, metadata: archive.metadata)
  }

  /// Bundles the parts.
  init(model: Model, optimizer: (any CheckpointableOptimizer)?, metadata: [String: String]) {
    self.model = model
    self.optimizer = optimizer
    self.metadata = metadata
  }
}

/// The model of `architecture`, after checking every spec and that the dense sizes chain.
private func makeModel(
  _ architecture: [LayerSpec], standardization: Standardization?, file: String
) throws(ModelFileError) -> Model {
  guard !architecture.isEmpty else { throw .invalidDescription(file: file, reason: "the architecture has no layers") }
  for (index, spec) in architecture.enumerated() {
    if let problem = spec.validationError { throw .invalidDescription(file: file, reason: "layer \(index): \(problem)") }
  }
  var generator = SplitMix64(seed: 0)  // the stored parameters replace these values
  return Model(architecture: architecture, standardization: standardization, using: &generator)
}

/// The standardisation stored in the archive, if any.
private func readStandardization(_ archive: TensorArchive, file: String) throws(ModelFileError) -> Standardization? {
  let mean = archive[ModelFileKey.mean]
  let deviation = archive[ModelFileKey.standardDeviation]
  guard mean != nil || deviation != nil else { return nil }
  guard let mean, let deviation, mean.rank == 1, deviation.shape == mean.shape,
    deviation.scalars.allSatisfy({ $0 > 0 && $0.isFinite })
  else {
    throw .invalidDescription(
      file: file, reason: "the preprocessing needs a mean and a positive, finite standard deviation of one rank-1 shape")
  }
  return Standardization(mean: mean, standardDeviation: deviation)
}

/// Decodes JSON text, naming `what` on failure.
private func decodeJSON<T: Decodable>(_ text: String, what: String, file: String) throws(ModelFileError) -> T {
  do {
    return try JSONDecoder().decode(T.self, from: Data(text.utf8))
  } catch {
    throw .invalidDescription(file: file, reason: "\(what) cannot be decoded (\(error))")
  }
}

/// The architecture of a parameters-only archive from `adjoint train` 0.1: `k.weight`/`k.bias` of chained
/// dense layers, ReLU between them; `nil` for anything else.
private func legacyArchitecture(of archive: TensorArchive) -> [LayerSpec]? {
  let count = archive.entries.count / 2
  guard count >= 1, archive.entries.count == 2 * count else { return nil }
  var sizes: [Int] = []
  for k in 0..<count {
    guard let w = archive["\(k).weight"], let b = archive["\(k).bias"], w.rank == 2, b.shape == [w.shape[1]],
      w.shape.allSatisfy({ $0 >= 1 }), sizes.last.map({ $0 == w.shape[0] }) ?? true
    else { return nil }
    if sizes.isEmpty { sizes.append(w.shape[0]) }
    sizes.append(w.shape[1])
  }
  return LayerSpec.multilayerPerceptron(sizes: sizes)
}

/// Sets each `BatchNorm`'s running statistics from `state`, which must hold exactly those of the model.
private func restoreLayerState(_ model: Model, _ state: [String: Tensor], file: String) throws(ModelFileError) {
  var used = Set<String>()
  for (index, layer) in model.network.layers.enumerated() {
    guard let norm = layer as? BatchNorm else { continue }
    var values: [Tensor] = []
    for slot in ["running-mean", "running-variance"] {
      let name = "\(ModelFileKey.statePrefix)\(index).\(slot)"
      guard let tensor = state[name] else { throw .mismatch(file: file, .missingParameter(name: name)) }
      guard tensor.shape == [norm.featureCount] else {
        throw .mismatch(file: file, .shapeMismatch(name: name, expected: [norm.featureCount], found: tensor.shape))
      }
      values.append(tensor)
      used.insert(name)
    }
    norm.runningMean = values[0]
    norm.runningVariance = values[1]
  }
  if let extra = state.keys.sorted().first(where: { !used.contains($0) }) {
    throw .mismatch(file: file, .unexpectedTensor(name: extra))
  }
}
