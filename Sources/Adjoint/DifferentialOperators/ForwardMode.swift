// Forward mode: `valueWithDifferential` and `differential`, as Swift's `_Differentiation` names them (JAX's
// `linearize`; `jvp` is one call of the differential). Built by transposing the pullback
// (`Linearization.swift`): every operation's tangent comes from its one reverse rule.

/// The value of a tensor function at `x` and its differential `u ↦ J·u` (forward mode).
///
/// ```swift
/// let (y, df) = valueWithDifferential(at: Tensor([1, 2])) { x in x * x }
/// df(Tensor([1, 0]))      // [2, 0]
/// ```
///
/// - Returns: `f(x)`, and the differential, which may be called any number of times with tangents of
///   `x`'s shape and returns tangents of the result's shape.
/// - Complexity: one forward pass and one recorded reverse sweep when called; then one reverse sweep over
///   the recorded pullback (about one gradient's work) per differential call.
public func valueWithDifferential(at x: Tensor, in f: (Variable<Tensor>) -> Variable<Tensor>)
  -> (value: Tensor, differential: (Tensor) -> Tensor)
{
  let tape = Tape()
  let input = tape.variable(x)
  let output = f(input)
  checkPrecondition(
    !output.isRecorded || output.tape === tape, "valueWithDifferential(at:in:): the function's result is recorded on another tape")
  let linear = TensorLinearization(tape: tape, input: input, output: output)
  return (output.value, linear.apply)
}

/// The differential `u ↦ J·u` of a tensor function at `x`.
public func differential(at x: Tensor, in f: (Variable<Tensor>) -> Variable<Tensor>) -> (Tensor) -> Tensor {
  valueWithDifferential(at: x, in: f).differential
}

/// The values of a function of several scalars with several scalar results, and its differential
/// `u ↦ J·u`.
///
/// - Complexity: as for the tensor form.
public func valueWithDifferential(at xs: [Double], in f: ([Variable<Double>]) -> [Variable<Double>])
  -> (value: [Double], differential: ([Double]) -> [Double])
{
  let tape = Tape()
  let inputs = tape.variables(xs)
  let outputs = f(inputs)
  for y in outputs where y.isRecorded {
    checkPrecondition(y.tape === tape, "valueWithDifferential(at:in:): a result is recorded on another tape")
  }
  let linear = ScalarLinearization(tape: tape, inputs: inputs, outputs: outputs)
  return (outputs.map(\.value), linear.apply)
}

/// The differential of a function of several scalars with several scalar results.
public func differential(at xs: [Double], in f: ([Variable<Double>]) -> [Variable<Double>]) -> ([Double]) -> [Double] {
  valueWithDifferential(at: xs, in: f).differential
}

/// The value of a scalar function and its differential `u ↦ f′(x)·u`.
///
/// ```swift
/// let (y, df) = valueWithDifferential(at: 2.0) { x in x * x * x }
/// df(1)       // 12
/// ```
public func valueWithDifferential(at x: Double, in f: (Variable<Double>) -> Variable<Double>)
  -> (value: Double, differential: (Double) -> Double)
{
  let (value, df) = valueWithDifferential(at: [x]) { [f($0[0])] }
  return (value[0], { u in df([u])[0] })
}

/// The differential `u ↦ f′(x)·u` of a scalar function.
public func differential(at x: Double, in f: (Variable<Double>) -> Variable<Double>) -> (Double) -> Double {
  valueWithDifferential(at: x, in: f).differential
}
