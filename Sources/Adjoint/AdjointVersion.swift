/// The version of the Adjoint package, as `adjoint --version` prints it and model files record it.
///
/// ```swift
/// AdjointVersion.current   // "0.2.0"
/// ```
public enum AdjointVersion {
  /// The release this build is: major.minor.patch, in the sense of Semantic Versioning.
  public static let current = "0.2.0"
}
