/// Every gradient check of the engine, as tables of `GradientCheckCase` rows: the one source for the test
/// suite and for `adjoint gradcheck`.
///
/// ```swift
/// let failures = GradientCheckCatalog.engine.instances(seeds: 1...2).filter { !$0.check().passed }
/// failures.isEmpty   // true
/// ```
///
/// - `scalarPrimitives`: every operation on `Variable<Double>`, in every spelling (operators with a
///   `Double` on either side, compound assignments, functions with a constant argument), on each side of
///   each kink.
/// - `tensorPrimitives`: every operation on `Variable<Tensor>`, at several shapes, broadcast pairs included.
/// - `secondOrder`: gradients of gradients, for the tensor rules and for every scalar primitive.
/// - `reductionsAndIndexing`: products, variance, norms, cumulative sums, selection and indexing, first and
///   second order.
///
/// - `convolution`: convolution, pooling, flat gathering and normalization, first and second order.
///
/// AdjointNN adds `layersAndLosses`. A catalog check is a seeded draw, so it is the same on every run.
public enum GradientCheckCatalog {
  /// The engine's rows: scalar primitives, tensor primitives and second order.
  public static var engine: [GradientCheckCase] {
    scalarPrimitives + tensorPrimitives + secondOrder + reductionsAndIndexing + elementwiseFunctions + convolution
      + linearAlgebra + linearAlgebraSecondOrder + operators
      + batchedLinearAlgebra + batchedLinearAlgebraSecondOrder
      + batchPolymorphicRules + batchPolymorphicRulesSecondOrder
  }
}
