// Log-sum-exp, softmax and log-softmax of tensor variables, each followed by its pullback. All three shift by
// the maximum before exponentiating (see Tensor+Softmax.swift), so inputs of ±1000 give finite values and
// finite gradients. The three rules are batch-polymorphic (Ops/BatchedAdjoints.swift): they name the axis
// counted from the end and keep an adjoint's extra leading axes, so `hessian` and `jacobian` sweep them once
// with a stack of seeds.

extension Variable where Value == Tensor {
  /// log Σⱼ e^(xⱼ) along `axis`, stable for large inputs. Pullback: v ⊙ softmax(x), with the softmax computed
  /// afresh from x (shifted by its maximum) rather than as e^(x − out): at ±1e308 the output has lost terms
  /// such as log 2 to rounding, and e^(x − out) would no longer sum to 1.
  ///
  /// - Precondition: `axis` is in `-rank..<rank`.
  public func logSumExp(alongAxis axis: Int, keepingDimensions: Bool = false) -> Variable {
    let result = value.logSumExp(alongAxis: axis, keepingDimensions: keepingDimensions)
    return Variable.record("logSumExp", value: result, inputs: [self], batchPolymorphic: true) { v, inputs, output in
      let x = inputs[0]
      let kept = x.value.reducedShape(alongAxes: [x.value.normalizedAxis(axis, "logSumExp")], keepingDimensions: true)
      let batch = v.batchShape(beyondRank: output.value.rank)  // a stack of adjoints keeps its leading axes
      return [Variable.strongZeroProduct(v.reshaped(to: batch + kept), x.softmax(alongAxis: axis))]
    }
  }

  /// The softmax along `axis`: e^(xᵢ) / Σⱼ e^(xⱼ), stable for large inputs.
  ///
  /// Pullback: s ⊙ (v − Σⱼ vⱼ·sⱼ) with s the output. A fused rule for speed: composing it as
  /// exp(x − logSumExp(x)) would record three nodes and recompute the exponentials in the backward pass.
  ///
  /// - Precondition: `axis` is in `-rank..<rank`.
  public func softmax(alongAxis axis: Int) -> Variable {
    let result = value.softmax(alongAxis: axis)  // first, so that a bad axis traps with the forward op's message
    // The axis counted from the end, so that a stack of adjoints (extra leading axes) sums along the same one.
    let k = value.normalizedAxis(axis, "softmax(alongAxis:)") - value.rank
    return Variable.record("softmax", value: result, inputs: [self], batchPolymorphic: true) { v, _, s in
      [s * (v - (v * s).sum(alongAxes: [k], keepingDimensions: true))]
    }
  }

  /// The log of the softmax along `axis`: x − logSumExp(x), finite for finite inputs however large (see
  /// `Tensor.logSoftmax(alongAxis:)`).
  ///
  /// Pullback: v − e^out ⊙ Σⱼ vⱼ (e^out is the softmax). A fused rule for speed — one node and one
  /// exponential per element in the backward pass — where the composition x − logSumExp(x) would record two
  /// nodes and a broadcast.
  ///
  /// - Precondition: `axis` is in `-rank..<rank`.
  public func logSoftmax(alongAxis axis: Int) -> Variable {
    let result = value.logSoftmax(alongAxis: axis)
    let k = value.normalizedAxis(axis, "logSoftmax(alongAxis:)") - value.rank  // from the end, as in `softmax`
    return Variable.record("logSoftmax", value: result, inputs: [self], batchPolymorphic: true) { v, _, output in
      [v - Adjoint.exp(output) * v.sum(alongAxes: [k], keepingDimensions: true)]
    }
  }
}
