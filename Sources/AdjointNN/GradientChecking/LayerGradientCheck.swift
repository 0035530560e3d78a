/// Checks a layer's gradients, with respect to its input and to each of its parameters, against central
/// differences, through the layer's own code path.
///
/// `makeLayer` builds the layer from parameter values (`inputs[1...]`, in the order of the layer's
/// `parameters`); `inputs[0]` is the batch. The analytic side is a training step: the batch on a tape, the
/// layer applied (it puts its parameters on the tape itself), `backward(seed:)`, and each parameter's
/// `accumulateGradient(from:)`, read from `Parameter.gradient`. The numerical side applies freshly built
/// layers to constants (inference: nothing is recorded), with one input or parameter value perturbed.
///
/// ```swift
/// let report = checkLayerGradient(at: [x, w, b]) { p in Dense(weight: p[0], bias: p[1], activation: .tanh) }
/// report.passed   // true
/// ```
///
/// - Parameters:
///   - inputs: the batch, then one value per parameter.
///   - tolerance: step and tolerances (PyTorch gradcheck's defaults).
///   - projectionSeed: seed of the projection of a non-scalar output (see
///     `checkGradient(at:tolerance:projectionSeed:value:pullback:)`).
///   - makeLayer: builds the layer with the given parameter values. It is called once per evaluation, so
///     a layer that draws random numbers (dropout) must start from the same seed every time.
///   - output: what is checked, given the layer and the batch: the layer's output by default, or a loss of
///     it (`{ layer, x in meanSquaredError(predicted: layer(x), expected: y) }`).
/// - Returns: the comparison for the batch (input 0) and each parameter (inputs 1…).
/// - Precondition: the layer's parameters have the shapes of `inputs[1...]`, in order.
public func checkLayerGradient<L: Layer>(
  at inputs: [Tensor], tolerance: GradientCheckTolerance = .init(), projectionSeed: UInt64 = 0x5EED,
  makingLayer makeLayer: ([Tensor]) -> L,
  output: (L, Variable<Tensor>) -> Variable<Tensor> = { layer, x in layer(x) }
) -> GradientCheckReport {
  checkPrecondition(!inputs.isEmpty, "checkLayerGradient: no batch given")
  func build(_ inputs: [Tensor]) -> L {
    let values = Array(inputs.dropFirst())
    let layer = makeLayer(values)
    checkPrecondition(
      layer.parameters.map(\.shape) == values.map(\.shape),
      "checkLayerGradient: the layer's parameters have shapes \(layer.parameters.map(\.shape)), the values \(values.map(\.shape))")
    return layer
  }
  return checkGradient(
    at: inputs, tolerance: tolerance, projectionSeed: projectionSeed,
    value: { inputs in output(build(inputs), Variable(inputs[0])).value },
    pullback: { inputs, cotangent in
      let layer = build(inputs)
      let tape = Tape()
      let x = tape.variable(inputs[0])
      let result = output(layer, x)
      // A result recorded on no tape depends on nothing: every gradient is zero.
      guard result.isRecorded else { return inputs.map { Tensor.zeros($0.shape) } }
      let gradients = result.backward(seed: cotangent)
      layer.parameters.zeroGradients()
      layer.parameters.accumulateGradients(from: gradients)
      return [gradients[x]] + layer.parameters.map(\.gradient)
    })
}

extension GradientCheckCase {
  /// A row that checks a layer (or a loss of a layer) with respect to its batch and its parameters, with
  /// `checkLayerGradient`: each shape set is the batch's shape, then one shape per parameter.
  ///
  /// ```swift
  /// GradientCheckCase("Dense, tanh", shapeSets: [[[4, 3], [3, 5], [5]]]) { p in
  ///   Dense(weight: p[0], bias: p[1], activation: .tanh)
  /// }
  /// ```
  ///
  /// - Parameters:
  ///   - name: the row's name.
  ///   - shapeSets: the shapes of the batch and the parameters.
  ///   - ranges: one range per input (the last is reused).
  ///   - gap: every input keeps at least this distance from 0.
  ///   - tolerance: the step and tolerances.
  ///   - output: what is checked, given the layer and the batch (the layer's output by default).
  ///   - makeLayer: builds the layer from parameter values (see `checkLayerGradient`).
  public init<L: Layer & SendableMetatype>(
    _ name: String, shapeSets: [[[Int]]], in ranges: [ClosedRange<Double>] = [-2...2], gap: Double = 0,
    tolerance: GradientCheckTolerance = .init(),
    output: @escaping @Sendable (L, Variable<Tensor>) -> Variable<Tensor> = { layer, x in layer(x) },
    makingLayer makeLayer: @escaping @Sendable ([Tensor]) -> L
  ) {
    self.init(
      name, shapeSets: shapeSets, in: ranges, gap: gap, tolerance: tolerance,
      function: .custom { inputs, tolerance in
        checkLayerGradient(at: inputs, tolerance: tolerance, makingLayer: makeLayer, output: output)
      })
  }
}
