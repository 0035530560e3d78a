extension GradientCheckCase {
  /// One check of a row: the row at one of its shape sets, with one seed for the inputs.
  ///
  /// ```swift
  /// for instance in GradientCheckCatalog.tensorPrimitives.instances(seeds: 1...2) {
  ///   let report = instance.check()
  ///   if !report.passed { print(instance, report) }
  /// }
  /// ```
  public struct Instance: Sendable, CustomStringConvertible {
    /// The row.
    public let row: GradientCheckCase
    /// One shape per input: one of the row's shape sets.
    public let shapes: [[Int]]
    /// The seed of the inputs.
    public let seed: UInt64

    /// Creates a check of `row` at `shapes` with `seed`.
    public init(row: GradientCheckCase, shapes: [[Int]], seed: UInt64) {
      self.row = row
      self.shapes = shapes
      self.seed = seed
    }

    /// The inputs this check draws (see `GradientCheckCase.inputs(shapes:seed:)`).
    public var inputs: [Tensor] { row.inputs(shapes: shapes, seed: seed) }

    /// Runs the check.
    public func check() -> GradientCheckReport { row.check(shapes: shapes, seed: seed) }

    /// The shapes as a table shows them (`[3, 4] [4]`, `scalar ×2`).
    public var shapeDescription: String { row.describe(shapes: shapes) }

    /// The row's name, the shapes and the seed: `x * y [3, 4] [4] seed 2`.
    public var description: String { "\(row.name) \(shapeDescription) seed \(seed)" }
  }

  /// The row at every shape set, each with every seed, shape set by shape set.
  public func instances(seeds: some Sequence<UInt64>) -> [Instance] {
    let seeds = Array(seeds)
    return shapeSets.flatMap { shapes in seeds.map { Instance(row: self, shapes: shapes, seed: $0) } }
  }
}

extension Sequence where Element == GradientCheckCase {
  /// Every row at every shape set and seed, row by row (see `GradientCheckCase.instances(seeds:)`).
  public func instances(seeds: some Sequence<UInt64>) -> [GradientCheckCase.Instance] {
    let seeds = Array(seeds)
    return flatMap { $0.instances(seeds: seeds) }
  }
}
