// The differential operators, named as in Swift's `_Differentiation`: `gradient(at:in:)` is "make the
// inputs variables on a fresh tape, run the function, seed 1 and pull back". Each call uses its own tape,
// so calls on different threads are independent.

/// The derivative of a scalar function at `x`.
///
/// ```swift
/// gradient(at: 3.0) { x in x * x + sin(x) }   // 2·3 + cos 3 = 5.0100…
/// ```
public func gradient(at x: Double, in f: (Variable<Double>) -> Variable<Double>) -> Double {
  valueWithGradient(at: x, in: f).gradient
}

/// The value and the derivative of a scalar function at `x`, from one forward and one reverse sweep.
public func valueWithGradient(at x: Double, in f: (Variable<Double>) -> Variable<Double>)
  -> (value: Double, gradient: Double)
{
  let (value, gradient) = valueWithGradient(at: [x]) { f($0[0]) }
  return (value, gradient[0])
}

/// The gradient of a function of several scalars at `xs`.
///
/// ```swift
/// gradient(at: [1.0, 2.0]) { v in exp(v[0] * v[1]) }   // [2e², e²]
/// ```
public func gradient(at xs: [Double], in f: ([Variable<Double>]) -> Variable<Double>) -> [Double] {
  valueWithGradient(at: xs, in: f).gradient
}

/// The value and the gradient of a function of several scalars at `xs`.
public func valueWithGradient(at xs: [Double], in f: ([Variable<Double>]) -> Variable<Double>)
  -> (value: Double, gradient: [Double])
{
  let tape = Tape()
  let inputs = tape.variables(xs)
  let output = f(inputs)
  guard output.isRecorded else { return (output.value, Array(repeating: 0, count: xs.count)) }
  checkPrecondition(output.tape === tape, "valueWithGradient(at:in:): the function's result is recorded on another tape")
  return (output.value, output.backward()[inputs])
}

/// The gradient of a scalar-valued function of a tensor at `x`: a tensor of `x`'s shape.
///
/// - Precondition: `f` returns a single-element tensor.
public func gradient(at x: Tensor, in f: (Variable<Tensor>) -> Variable<Tensor>) -> Tensor {
  valueWithGradient(at: x, in: f).gradient
}

/// The value and the gradient of a scalar-valued function of a tensor at `x`.
///
/// - Precondition: `f` returns a single-element tensor.
public func valueWithGradient(at x: Tensor, in f: (Variable<Tensor>) -> Variable<Tensor>)
  -> (value: Double, gradient: Tensor)
{
  let tape = Tape()
  let input = tape.variable(x)
  let output = f(input)
  checkPrecondition(
    output.value.count == 1, "valueWithGradient(at:in:): the function returned shape \(output.value.shape), not a scalar")
  guard output.isRecorded else { return (output.value.scalar, Tensor.zeros(x.shape)) }
  checkPrecondition(output.tape === tape, "valueWithGradient(at:in:): the function's result is recorded on another tape")
  return (output.value.scalar, output.backward()[input])
}

/// The value of a tensor function at `x` and its pullback: the function that maps an adjoint of the result
/// (the "upstream gradient" `v`) to the adjoint of `x`, i.e. the vector–Jacobian product vᵀ·J.
///
/// The pullback may be called any number of times, from any thread, one call at a time.
public func valueWithPullback(at x: Tensor, in f: (Variable<Tensor>) -> Variable<Tensor>)
  -> (value: Tensor, pullback: (Tensor) -> Tensor)
{
  let tape = Tape()
  let input = tape.variable(x)
  let output = f(input)
  let value = output.value
  guard output.isRecorded else { return (value, { _ in Tensor.zeros(x.shape) }) }
  checkPrecondition(output.tape === tape, "valueWithPullback(at:in:): the function's result is recorded on another tape")
  // The pullback may be called later from another thread (one call at a time): each call takes the tape over.
  return (value, { v in
    tape.takeOwnership()
    return output.backward(seed: v, retainingTape: true)[input]
  })
}

// MARK: Higher order: differentiating through a derivative

/// The derivative of `f` at a variable, itself recorded on the variable's tape so that it can be
/// differentiated again.
///
/// ```swift
/// gradient(at: 2.0) { x in gradient(at: x) { y in y * y * y } }   // d²(y³)/dy² at 2 = 12
/// ```
///
/// If `x` is a constant, this is the plain derivative as a constant.
public func gradient(at x: Variable<Double>, in f: (Variable<Double>) -> Variable<Double>) -> Variable<Double> {
  gradient(at: [x]) { f($0[0]) }[0]
}

/// The gradient of `f` at several variables, recorded on their tape so that it can be differentiated again
/// (for Hessian–vector products and other second derivatives).
///
/// - Precondition: the recorded variables of `xs` are on one tape.
public func gradient(at xs: [Variable<Double>], in f: ([Variable<Double>]) -> Variable<Double>) -> [Variable<Double>] {
  guard let tape = xs.lazy.compactMap({ $0.validTape(for: "gradient(at:in:)") }).first else {
    return gradient(at: xs.map(\.value), in: f).map { Variable($0) }
  }
  // Fresh identity nodes mark where the inner differentiation starts.
  let inputs = xs.map { x in
    x.tape == nil ? tape.variable(x.value) : x.recordUnary(.identity, value: x.value)
  }
  let output = f(inputs)
  guard output.isRecorded else { return xs.map { _ in Variable(0) } }
  checkPrecondition(output.tape === tape, "gradient(at:in:): the function's result is recorded on another tape")
  let lowest = Int(inputs.map(\.index).min() ?? 0)
  // A result recorded before the inputs (a variable captured from outside) does not depend on them.
  guard Int(output.index) >= lowest else { return xs.map { _ in Variable(0) } }
  let adjoints = tape.recordedSweep(
    from: Int(output.index), lowest: lowest, scalarSeed: Variable(1), tensorSeed: nil)
  return inputs.map { adjoints.scalar(at: $0.index) ?? Variable(0) }
}

/// The gradient of a scalar-valued tensor function at a tensor variable, recorded on the variable's tape so
/// that it can be differentiated again.
///
/// - Precondition: `f` returns a single-element tensor.
public func gradient(at x: Variable<Tensor>, in f: (Variable<Tensor>) -> Variable<Tensor>) -> Variable<Tensor> {
  guard let tape = x.validTape(for: "gradient(at:in:)") else { return Variable(gradient(at: x.value, in: f)) }
  let input = x.identity()
  let output = f(input)
  checkPrecondition(output.value.count == 1, "gradient(at:in:): the function returned shape \(output.value.shape), not a scalar")
  guard output.isRecorded else { return Variable(Tensor.zeros(x.value.shape)) }
  checkPrecondition(output.tape === tape, "gradient(at:in:): the function's result is recorded on another tape")
  guard output.index >= input.index else { return Variable(Tensor.zeros(x.value.shape)) }  // as above
  let adjoints = tape.recordedSweep(
    from: Int(output.index), lowest: Int(input.index), scalarSeed: nil,
    tensorSeed: Variable(Tensor(repeating: 1, shape: output.value.shape)))
  return adjoints.tensors[tape.tensorSlot(of: input.index)] ?? Variable(Tensor.zeros(x.value.shape))
}

extension Variable where Value == Tensor {
  /// The same value as a new node (used to mark where a nested differentiation starts).
  func identity() -> Variable<Tensor> {
    Variable.record("identity", value: value, inputs: [self]) { v, _, _ in [v] }
  }
}
