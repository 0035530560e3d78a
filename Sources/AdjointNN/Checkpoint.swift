import Foundation

// Saving and loading a layer's parameters through `TensorArchive`: each parameter is stored under its
// checkpoint name (`Layer.namedParameters`), and loading checks that the archive holds exactly those names
// with the same shapes before it changes anything.

/// Why a checkpoint could not be saved or loaded.
public enum CheckpointError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The archive file could not be written or read (see the wrapped error).
  case archive(TensorArchiveError)
  /// The model has a parameter that the archive does not hold.
  case missingParameter(name: String)
  /// The archive holds a tensor that is not a parameter of the model.
  case unexpectedTensor(name: String)
  /// The archive's tensor for a parameter has another shape than the parameter.
  case shapeMismatch(name: String, expected: [Int], found: [Int])

  /// One line naming the parameter (or the file) and what went wrong.
  public var description: String {
    switch self {
    case .archive(let error):
      return "checkpoint: \(error)"
    case .missingParameter(let name):
      return "checkpoint: the archive has no tensor for parameter \"\(name)\""
    case .unexpectedTensor(let name):
      return "checkpoint: the archive holds \"\(name)\", which is not a parameter of this model"
    case .shapeMismatch(let name, let expected, let found):
      return "checkpoint: parameter \"\(name)\" has shape \(expected), the archive's tensor has shape \(found)"
    }
  }
}

extension Layer {
  /// The parameters' current values as an archive, under their checkpoint names (`namedParameters`).
  ///
  /// - Precondition: the checkpoint names are unique (true of `Dense` and `Sequential`).
  public var parameterArchive: TensorArchive {
    TensorArchive(namedParameters.map { (name: $0.name, tensor: $0.parameter.value) })
  }

  /// Writes the parameters' values to a tensor archive file at `url` (atomically: an existing file is
  /// replaced only by a complete new one).
  ///
  /// ```swift
  /// try model.saveParameters(to: URL(filePath: "model.adjt"))
  /// try restored.loadParameters(from: URL(filePath: "model.adjt"))
  /// ```
  ///
  /// - Throws: `CheckpointError.archive` if the file cannot be written.
  public func saveParameters(to url: URL) throws(CheckpointError) {
    do {
      try parameterArchive.write(to: url)
    } catch let error as TensorArchiveError {
      throw .archive(error)
    } catch {
      throw .archive(.unwritableFile(path: url.path, reason: "\(error)"))
    }
  }

  /// Reads a tensor archive file and sets the parameters' values from it (see `loadParameters(from:)`
  /// with an archive).
  ///
  /// - Throws: `CheckpointError`: the file is unreadable or damaged, or does not match the model. On error
  ///   no parameter is changed.
  public func loadParameters(from url: URL) throws(CheckpointError) {
    let archive: TensorArchive
    do {
      archive = try TensorArchive.read(from: url)
    } catch let error as TensorArchiveError {
      throw .archive(error)
    } catch {
      throw .archive(.unreadableFile(path: url.path, reason: "\(error)"))
    }
    try loadParameters(from: archive)
  }

  /// Sets the parameters' values from an archive holding exactly the model's checkpoint names, with the
  /// parameters' shapes. Gradients and optimizer state are not touched.
  ///
  /// - Throws: `CheckpointError.missingParameter`, `.unexpectedTensor` or `.shapeMismatch` for the first
  ///   mismatch found (parameters in order, then the archive's extra names). On error no parameter is
  ///   changed.
  public func loadParameters(from archive: TensorArchive) throws(CheckpointError) {
    let named = namedParameters
    var values: [Tensor] = []
    values.reserveCapacity(named.count)
    for (name, parameter) in named {
      guard let tensor = archive[name] else { throw .missingParameter(name: name) }
      guard tensor.shape == parameter.shape else {
        throw .shapeMismatch(name: name, expected: parameter.shape, found: tensor.shape)
      }
      values.append(tensor)
    }
    let expected = Set(named.map(\.name))
    if let extra = archive.names.first(where: { !expected.contains($0) }) {
      throw .unexpectedTensor(name: extra)
    }
    for ((_, parameter), value) in zip(named, values) { parameter.value = value }
  }
}
