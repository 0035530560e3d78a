/// Why a model file could not be written or loaded as a ``Model``.
public enum ModelFileError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The archive itself could not be written or read (unreadable, damaged, a newer format version).
  case archive(TensorArchiveError)
  /// The file is a valid archive but not a model: `reason` says what is missing and what to do.
  case notAModel(file: String, reason: String)
  /// The recorded architecture, preprocessing or optimizer cannot be decoded or built.
  case invalidDescription(file: String, reason: String)
  /// The stored tensors do not fit the recorded architecture (a missing, extra or misshapen tensor).
  case mismatch(file: String, CheckpointError)

  /// One line naming the file and what went wrong.
  public var description: String {
    switch self {
    case .archive(let error): return "\(error)"
    case .notAModel(let file, let reason): return "\(file): not a model file: \(reason)"
    case .invalidDescription(let file, let reason): return "\(file): invalid model description: \(reason)"
    case .mismatch(let file, let error): return "\(file): the tensors do not fit the architecture: \(error)"
    }
  }
}
