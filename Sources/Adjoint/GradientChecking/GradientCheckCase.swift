/// One row of a gradient-check table: an operation, the shapes it is checked at, where its inputs are drawn
/// from, and the function to check.
///
/// The rows of `GradientCheckCatalog` drive both the test suite and `adjoint gradcheck`, so every
/// primitive is checked the same way everywhere. A row is checked at each of its shape sets and at several
/// seeds; a seed fixes the inputs, drawn uniformly from the row's ranges by `SplitMix64(seed:)`:
///
/// ```swift
/// let row = GradientCheckCase("tanh", shapeSets: [[[3, 4]], [[5]]], in: [-3...3]) { x in tanh(x[0]) }
/// row.check(shapes: [[3, 4]], seed: 1).passed     // true
/// row.instances(seeds: 1...2).count               // 4: two shape sets × two seeds
/// ```
///
/// Ranges and `gap` keep the inputs away from kinks and poles (relu and abs at 0, log and 1/x at 0, tan at
/// π/2), where a central difference does not measure the derivative; the conventions at those points are
/// tested with explicit expected values instead.
public struct GradientCheckCase: Sendable, CustomStringConvertible {
  /// What is checked.
  public enum Function: Sendable {
    /// A function of scalar variables (its inputs are drawn as rank-0 tensors of the shape set).
    case scalars(@Sendable ([Variable<Double>]) -> Variable<Double>)
    /// A function of tensor variables, one per shape of the shape set.
    case tensors(@Sendable ([Variable<Tensor>]) -> Variable<Tensor>)
    /// A check of its own, given the drawn inputs and the tolerance: for derivatives that are not those of
    /// one closure of variables, such as a layer's with respect to its parameters (which the layer puts
    /// on the tape itself). Build it on `checkGradient(at:tolerance:projectionSeed:value:pullback:)`.
    case custom(@Sendable (_ inputs: [Tensor], _ tolerance: GradientCheckTolerance) -> GradientCheckReport)
  }

  /// The operation's name, as tables and test reports show it.
  public let name: String
  /// The shape sets the row is checked at; each set has one shape per input (`[]` for a scalar).
  public let shapeSets: [[[Int]]]
  /// One range per input, uniform draws; the last range is reused for further inputs.
  public let ranges: [ClosedRange<Double>]
  /// Every drawn input has |x| ≥ gap: it keeps inputs off a kink at 0 (0 for none).
  public let gap: Double
  /// Tolerances and step (PyTorch gradcheck's defaults unless a row says otherwise).
  public let tolerance: GradientCheckTolerance
  /// The function to check.
  public let function: Function

  /// Creates a row of any kind of function.
  ///
  /// - Parameters:
  ///   - name: the operation's name.
  ///   - shapeSets: the shape sets to check at, each with one shape per input.
  ///   - ranges: one range per input (the last is reused).
  ///   - gap: every input keeps at least this distance from 0.
  ///   - tolerance: the step and tolerances.
  ///   - function: what to check.
  /// - Precondition: at least one shape set and one range; every range has values at least `gap` from 0;
  ///   a scalar function's shapes are all `[]`.
  public init(
    _ name: String, shapeSets: [[[Int]]], in ranges: [ClosedRange<Double>] = [-2...2], gap: Double = 0,
    tolerance: GradientCheckTolerance = .init(), function: Function
  ) {
    checkPrecondition(!shapeSets.isEmpty && !ranges.isEmpty, "GradientCheckCase \"\(name)\": no shape set or no range")
    checkPrecondition(gap >= 0, "GradientCheckCase \"\(name)\": negative gap \(gap)")
    for range in ranges {
      checkPrecondition(
        range.upperBound >= gap || range.lowerBound <= -gap,
        "GradientCheckCase \"\(name)\": no value of \(range) is at least \(gap) from 0")
    }
    if case .scalars = function {
      checkPrecondition(
        shapeSets.allSatisfy { $0.allSatisfy(\.isEmpty) },
        "GradientCheckCase \"\(name)\": a scalar function takes rank-0 shapes, got \(shapeSets)")
    }
    self.name = name
    self.shapeSets = shapeSets
    self.ranges = ranges
    self.gap = gap
    self.tolerance = tolerance
    self.function = function
  }

  /// Creates a row of a tensor function.
  public init(
    _ name: String, shapeSets: [[[Int]]], in ranges: [ClosedRange<Double>] = [-2...2], gap: Double = 0,
    tolerance: GradientCheckTolerance = .init(), _ function: @escaping @Sendable ([Variable<Tensor>]) -> Variable<Tensor>
  ) {
    self.init(name, shapeSets: shapeSets, in: ranges, gap: gap, tolerance: tolerance, function: .tensors(function))
  }

  /// Creates a row of a scalar function of `arity` scalars.
  public init(
    _ name: String, arity: Int, in ranges: [ClosedRange<Double>] = [-2...2], gap: Double = 0,
    tolerance: GradientCheckTolerance = .init(), _ function: @escaping @Sendable ([Variable<Double>]) -> Variable<Double>
  ) {
    checkPrecondition(arity >= 1, "GradientCheckCase \"\(name)\": arity must be at least 1, got \(arity)")
    self.init(
      name, shapeSets: [Array(repeating: [], count: arity)], in: ranges, gap: gap, tolerance: tolerance,
      function: .scalars(function))
  }

  /// The range input `k` is drawn from.
  public func range(ofInput k: Int) -> ClosedRange<Double> {
    ranges[Swift.min(k, ranges.count - 1)]
  }

  /// The inputs of one check: for each shape, a tensor of uniform draws from its input's range, each at
  /// least `gap` from 0, all from one `SplitMix64(seed:)` in order.
  public func inputs(shapes: [[Int]], seed: UInt64) -> [Tensor] {
    var rng = SplitMix64(seed: seed)
    return shapes.enumerated().map { k, shape in
      let range = range(ofInput: k)
      let count = shape.reduce(1, *)
      var scalars: [Double] = []
      scalars.reserveCapacity(count)
      while scalars.count < count {
        let x = Double.random(in: range, using: &rng)
        if Swift.abs(x) >= gap { scalars.append(x) }
      }
      return Tensor(shape: shape, scalars: scalars)
    }
  }

  /// Checks the function at inputs drawn for `shapes` and `seed` (see `inputs(shapes:seed:)`).
  ///
  /// - Complexity: one backward pass and two evaluations of the function per input element.
  public func check(shapes: [[Int]], seed: UInt64) -> GradientCheckReport {
    let inputs = inputs(shapes: shapes, seed: seed)
    switch function {
    case .scalars(let f):
      return checkGradient(at: inputs.map(\.scalar), tolerance: tolerance, in: f)
    case .tensors(let f):
      return checkGradient(at: inputs, tolerance: tolerance, in: f)
    case .custom(let check):
      return check(inputs, tolerance)
    }
  }

  /// Shapes as a table shows them: `[3, 4] [4]` for tensors, `scalar` or `scalar ×2` for scalars.
  public func describe(shapes: [[Int]]) -> String {
    if case .scalars = function { return shapes.count == 1 ? "scalar" : "scalar ×\(shapes.count)" }
    return shapes.map { "\($0)" }.joined(separator: " ")
  }

  /// The name.
  public var description: String { name }
}
