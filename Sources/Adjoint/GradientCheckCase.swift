/// One row of a gradient-check table: an operation, the shapes of its inputs, the interval its inputs are
/// drawn from, and the function to check.
///
/// Tables of cases drive both the test suite and `adjoint gradcheck`, so every primitive is checked the same
/// way everywhere:
///
/// ```swift
/// let row = GradientCheckCase("tanh", shapes: [[3, 4]], domain: -2...2) { x in tanh(x[0]) }
/// row.check(seed: 1).passed   // true
/// ```
public struct GradientCheckCase: Sendable {
  /// What is checked: a function of scalar variables or of tensor variables.
  public enum Function: Sendable {
    /// A function of `arity` scalar variables.
    case scalars(arity: Int, @Sendable ([Variable<Double>]) -> Variable<Double>)
    /// A function of tensor variables of the given shapes.
    case tensors(shapes: [[Int]], @Sendable ([Variable<Tensor>]) -> Variable<Tensor>)
  }

  /// The operation's name, as a table shows it.
  public let name: String
  /// Where the inputs are drawn from (uniformly): chosen to avoid kinks and poles, where central differences
  /// do not measure the derivative.
  public let domain: ClosedRange<Double>
  /// The function to check.
  public let function: Function
  /// Tolerances and step (PyTorch gradcheck's defaults unless a row says otherwise).
  public let tolerance: GradientCheckTolerance

  /// A case of tensor inputs.
  public init(
    _ name: String, shapes: [[Int]], domain: ClosedRange<Double> = -2...2,
    tolerance: GradientCheckTolerance = .init(), _ function: @escaping @Sendable ([Variable<Tensor>]) -> Variable<Tensor>
  ) {
    self.name = name
    self.domain = domain
    self.function = .tensors(shapes: shapes, function)
    self.tolerance = tolerance
  }

  /// A case of scalar inputs.
  public init(
    _ name: String, arity: Int, domain: ClosedRange<Double> = -2...2,
    tolerance: GradientCheckTolerance = .init(), _ function: @escaping @Sendable ([Variable<Double>]) -> Variable<Double>
  ) {
    self.name = name
    self.domain = domain
    self.function = .scalars(arity: arity, function)
    self.tolerance = tolerance
  }

  /// The input shapes as a table shows them: `[3, 4] [4]`, or `scalar ×2`.
  public var shapeDescription: String {
    switch function {
    case .scalars(let arity, _): return arity == 1 ? "scalar" : "scalar ×\(arity)"
    case .tensors(let shapes, _): return shapes.map { "\($0)" }.joined(separator: " ")
    }
  }

  /// Draws inputs from `domain` with `SplitMix64(seed:)` and compares the tape's gradient with central
  /// differences.
  public func check(seed: UInt64) -> GradientCheckReport {
    var rng = SplitMix64(seed: seed)
    switch function {
    case .scalars(let arity, let f):
      let inputs = (0..<arity).map { _ in Double.random(in: domain, using: &rng) }
      return checkGradient(at: inputs, tolerance: tolerance, in: f)
    case .tensors(let shapes, let f):
      let inputs = shapes.map { shape in
        Tensor(shape: shape, scalars: (0..<shape.reduce(1, *)).map { _ in Double.random(in: domain, using: &rng) })
      }
      return checkGradient(at: inputs, tolerance: tolerance, in: f)
    }
  }
}
