// Further reductions of tensor variables: product, variance, standard deviation, p-norms, cumulative sums
// and the whole-tensor log-sum-exp. Most are compositions of the primitives (so their derivatives at every
// order come from those); `norm` and `cumulativeSum` have their own rules, each beside its forward op.

extension Variable where Value == Tensor {
  /// The product of all elements, as a rank-0 tensor (1 for an empty tensor).
  ///
  /// Composed of elementwise products of halves (see `prod(alongAxes:keepingDimensions:)`), so the gradient
  /// ∂/∂xᵢ = Πⱼ≠ᵢ xⱼ is exact with zeros in the input: with one zero, only that element gets a nonzero
  /// gradient (the product of the others); with two or more, the gradient is 0 everywhere — where the
  /// shortcut out/xᵢ would give 0/0 = NaN.
  public func prod() -> Variable {
    reshaped(to: [value.count]).prod(alongAxes: [0])
  }

  /// The products along `axes` (1 along an empty axis).
  ///
  /// Each axis is reduced by a tree of products: the first half of the slices times the second half
  /// (the middle slice carried over when the extent is odd), until one slice is left. That is ⌈log₂ n⌉
  /// levels of `slicing` and `*`, whose pullbacks give the exact derivative Πⱼ≠ᵢ xⱼ — zeros included — at
  /// every order, without dividing by x.
  ///
  /// - Precondition: every axis is in `-rank..<rank`, with no repeats.
  /// - Complexity: O(count) work, O(log n) recorded nodes per axis.
  public func prod(alongAxes axes: [Int], keepingDimensions: Bool = false) -> Variable {
    let sorted = value.normalizedAxes(axes, "prod(alongAxes:)")
    var result = self
    for k in sorted { result = result.productTree(alongAxis: k) }
    return keepingDimensions ? result : result.reshaped(to: value.reducedShape(alongAxes: sorted, keepingDimensions: false))
  }

  /// The product along one non-negative axis, kept with extent 1, as a tree of halves.
  private func productTree(alongAxis k: Int) -> Variable {
    guard value.shape[k] > 0 else {
      return Variable(Tensor.ones(value.reducedShape(alongAxes: [k], keepingDimensions: true)))
    }
    var x = self
    while x.value.shape[k] > 1 {
      let n = x.value.shape[k]
      let half = n / 2
      let paired = x.slicing(0..<half, alongAxis: k) * x.slicing(half..<(2 * half), alongAxis: k)
      x = n % 2 == 0 ? paired : Variable(concatenating: [paired, x.slicing((2 * half)..<n, alongAxis: k)], alongAxis: k)
    }
    return x
  }

  /// The variance of all elements, Σ(x − mean)² / (n − correction), as a rank-0 tensor (`correction: 0` is
  /// NumPy's and JAX's default `ddof=0`; PyTorch's default is `correction=1`).
  ///
  /// A composition: its gradient is 2(x − mean)/(n − correction).
  ///
  /// - Precondition: `correction >= 0` and `count > correction`.
  public func variance(correction: Int = 0) -> Variable {
    reshaped(to: [value.count]).variance(alongAxes: [0], correction: correction)
  }

  /// The variances along `axes`: Σ(x − mean)² / (n − correction), n the number of elements reduced.
  ///
  /// - Precondition: every axis is in `-rank..<rank`, with no repeats; `correction >= 0`; more elements
  ///   reduced than `correction`.
  public func variance(alongAxes axes: [Int], correction: Int = 0, keepingDimensions: Bool = false) -> Variable {
    let n = value.checkedDegreesOfFreedom(alongAxes: axes, correction: correction, "variance")
    let d = self - mean(alongAxes: axes, keepingDimensions: true)
    return (d * d).sum(alongAxes: axes, keepingDimensions: keepingDimensions) / Double(n - correction)
  }

  /// The standard deviation of all elements: √variance(correction:).
  ///
  /// Composed as ‖x − mean‖₂ / √(n − correction), so its gradient is (x − mean) / ((n − correction)·std),
  /// and 0 where every element is equal (the norm's convention at 0), where √ of the variance would give
  /// ∞·0 = NaN.
  ///
  /// - Precondition: `correction >= 0` and `count > correction`.
  public func standardDeviation(correction: Int = 0) -> Variable {
    reshaped(to: [value.count]).standardDeviation(alongAxes: [0], correction: correction)
  }

  /// The standard deviations along `axes` (see `standardDeviation(correction:)`).
  ///
  /// - Precondition: as for `variance(alongAxes:correction:keepingDimensions:)`.
  public func standardDeviation(alongAxes axes: [Int], correction: Int = 0, keepingDimensions: Bool = false) -> Variable {
    let n = value.checkedDegreesOfFreedom(alongAxes: axes, correction: correction, "standardDeviation")
    let d = self - mean(alongAxes: axes, keepingDimensions: true)
    return d.norm(alongAxes: axes, keepingDimensions: keepingDimensions) / Double(n - correction).squareRoot()
  }

  /// The p-norm of all elements, (Σ|xᵢ|ᵖ)^(1/p), as a rank-0 tensor (see `norm(order:alongAxes:)`).
  ///
  /// - Precondition: `order >= 1`, possibly infinite.
  public func norm(order: Double = 2) -> Variable {
    reshaped(to: [value.count]).norm(order: order, alongAxes: [0])
  }

  /// The p-norms along `axes`: Euclidean (L2) by default, `order: 1` for Σ|xᵢ|, `order: .infinity` for
  /// maxᵢ|xᵢ|.
  ///
  /// Derivatives: ∂‖x‖ₚ/∂xᵢ = sign(xᵢ)·(|xᵢ| / ‖x‖ₚ)^(p−1) — xᵢ/‖x‖ for p = 2. At x = 0, where the norm has a
  /// kink, the gradient is **0** (the subgradient PyTorch also returns), not 0/0 = NaN. `order: 1` is
  /// Σ abs(x) and `order: .infinity` is max(abs(x)), compositions with abs′(0) = 0 and the maximum's
  /// tie-splitting, so they give 0 at 0 too. For other orders the rule is written here (a fused rule for
  /// stability: the composition pow(Σ pow(|x|, p), 1/p) overflows at 1e200 and divides by 0 at 0); it is
  /// written with differentiable operations, so second derivatives work away from 0.
  ///
  /// - Precondition: `order >= 1`; every axis is in `-rank..<rank`, with no repeats.
  public func norm(order: Double = 2, alongAxes axes: [Int], keepingDimensions: Bool = false) -> Variable {
    checkPrecondition(order >= 1, "norm(order:): order \(order) is not a norm; expected order >= 1")
    if order == 1 { return Adjoint.abs(self).sum(alongAxes: axes, keepingDimensions: keepingDimensions) }
    if order == .infinity { return Adjoint.abs(self).max(alongAxes: axes, keepingDimensions: keepingDimensions) }
    let sorted = value.normalizedAxes(axes, "norm(alongAxes:)")
    let result = value.norm(order: order, alongAxes: sorted, keepingDimensions: keepingDimensions)
    return Variable.record("norm", value: result, inputs: [self], batchPolymorphic: true) { v, inputs, output in
      let x = inputs[0]
      let kept = x.value.reducedShape(alongAxes: sorted, keepingDimensions: true)
      let batch = v.batchShape(beyondRank: output.value.rank)  // a stack of adjoints keeps its leading axes
      let norm = output.reshaped(to: kept)
      // Where the norm is 0, x is 0 there too; dividing by 1 instead makes the gradient 0/1 = 0.
      let safeNorm = Variable.selecting(where: norm.value.map { $0 != 0 ? 1 : 0 }, norm, Variable(Tensor(1)))
      let local: Variable
      if order == 2 {
        local = x / safeNorm
      } else {
        let sign = Variable(x.value.map { (s: Double) -> Double in s > 0 ? 1 : (s < 0 ? -1 : 0) })
        let ratio: Variable = Adjoint.abs(x) / safeNorm
        local = sign * Adjoint.pow(ratio, order - 1)
      }
      return [v.reshaped(to: batch + kept) * local]
    }
  }

  /// The running sums along `axis` (see `Tensor.cumulativeSum(alongAxis:reverse:)`).
  ///
  /// Pullback: the running sums of v in the other direction — element i of the input feeds every running
  /// sum from i on, so its adjoint is vᵢ + … + vₙ₋₁ (and with `reverse: true`, v₀ + … + vᵢ).
  ///
  /// - Precondition: `axis` is in `-rank..<rank`.
  public func cumulativeSum(alongAxis axis: Int, reverse: Bool = false) -> Variable {
    let result = value.cumulativeSum(alongAxis: axis, reverse: reverse)
    let k = value.normalizedAxis(axis, "cumulativeSum") - value.rank  // from the end: batch-polymorphic
    return Variable.record("cumulativeSum", value: result, inputs: [self], batchPolymorphic: true) { v, _, _ in
      [v.cumulativeSum(alongAxis: k, reverse: !reverse)]
    }
  }

  /// log Σᵢ e^(xᵢ) over all elements, as a rank-0 tensor: `logSumExp(alongAxis: 0)` of the flattened tensor,
  /// so stable for large inputs, with gradient softmax(x).
  public func logSumExp() -> Variable { reshaped(to: [value.count]).logSumExp(alongAxis: 0) }
}
