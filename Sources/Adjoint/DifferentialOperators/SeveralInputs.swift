// `gradient`, `valueWithGradient` and `valueWithPullback` of functions of two and three inputs, each a
// `Double` or a `Tensor` (Swift's `_Differentiation` spells them the same way, with one overload per
// arity). One recording, one reverse sweep; the gradient is a tuple in the order of the inputs.

/// The value and the gradient of a scalar function of two inputs (scalars or tensors), from one forward and
/// one reverse sweep.
///
/// ```swift
/// let (loss, (dW, db)) = valueWithGradient(at: W, b) { W, b in (x.matmul(W) + b).sum() }
/// ```
///
/// - Parameters:
///   - a: the first input, a `Double` or a `Tensor`.
///   - b: the second input, a `Double` or a `Tensor`.
///   - f: returns a `Variable<Double>`, or a `Variable<Tensor>` of one element.
/// - Returns: `f(a, b)` and `(∂f/∂a, ∂f/∂b)`; a component the result does not depend on is zero.
/// - Complexity: one forward pass and one reverse sweep.
public func valueWithGradient<A: DifferentiableValue, B: DifferentiableValue, R: DifferentiableValue>(
  at a: A, _ b: B, in f: (Variable<A>, Variable<B>) -> Variable<R>
) -> (value: R, gradient: (A, B)) {
  let (value, pullback) = valueWithPullback(at: a, b, in: f)
  return (value, pullback(R.unitSeed(like: value, "valueWithGradient(at:_:in:)")))
}

/// The gradient of a scalar function of two inputs: `(∂f/∂a, ∂f/∂b)`.
public func gradient<A: DifferentiableValue, B: DifferentiableValue, R: DifferentiableValue>(
  at a: A, _ b: B, in f: (Variable<A>, Variable<B>) -> Variable<R>
) -> (A, B) {
  valueWithGradient(at: a, b, in: f).gradient
}

/// The value and the gradient of a scalar function of three inputs (scalars or tensors).
///
/// - Complexity: one forward pass and one reverse sweep.
public func valueWithGradient<A: DifferentiableValue, B: DifferentiableValue, C: DifferentiableValue, R: DifferentiableValue>(
  at a: A, _ b: B, _ c: C, in f: (Variable<A>, Variable<B>, Variable<C>) -> Variable<R>
) -> (value: R, gradient: (A, B, C)) {
  let (value, pullback) = valueWithPullback(at: a, b, c, in: f)
  return (value, pullback(R.unitSeed(like: value, "valueWithGradient(at:_:_:in:)")))
}

/// The gradient of a scalar function of three inputs: `(∂f/∂a, ∂f/∂b, ∂f/∂c)`.
public func gradient<A: DifferentiableValue, B: DifferentiableValue, C: DifferentiableValue, R: DifferentiableValue>(
  at a: A, _ b: B, _ c: C, in f: (Variable<A>, Variable<B>, Variable<C>) -> Variable<R>
) -> (A, B, C) {
  valueWithGradient(at: a, b, c, in: f).gradient
}

/// The value of a function of two inputs and its pullback: `v ↦ (vᵀ ∂f/∂a, vᵀ ∂f/∂b)`, the
/// vector–Jacobian products with an adjoint `v` of the result's shape.
///
/// The pullback may be called any number of times (each call is one reverse sweep on the kept recording).
public func valueWithPullback<A: DifferentiableValue, B: DifferentiableValue, R: DifferentiableValue>(
  at a: A, _ b: B, in f: (Variable<A>, Variable<B>) -> Variable<R>
) -> (value: R, pullback: (R) -> (A, B)) {
  let tape = Tape()
  let x = A.leaf(a, on: tape), y = B.leaf(b, on: tape)
  let output = f(x, y)
  guard output.isRecorded else { return (output.value, { _ in (A.zero(like: a), B.zero(like: b)) }) }
  checkPrecondition(output.tape === tape, "valueWithPullback(at:_:in:): the function's result is recorded on another tape")
  return (output.value, { v in
    withExtendedLifetime(tape) {  // the closure keeps the tape: its variables do not
      let g = R.pullback(from: output, seed: v, through: 0)
      return (A.adjoint(of: x, in: g), B.adjoint(of: y, in: g))
    }
  })
}

/// The value of a function of three inputs and its pullback `v ↦ (vᵀ ∂f/∂a, vᵀ ∂f/∂b, vᵀ ∂f/∂c)`.
public func valueWithPullback<A: DifferentiableValue, B: DifferentiableValue, C: DifferentiableValue, R: DifferentiableValue>(
  at a: A, _ b: B, _ c: C, in f: (Variable<A>, Variable<B>, Variable<C>) -> Variable<R>
) -> (value: R, pullback: (R) -> (A, B, C)) {
  let tape = Tape()
  let x = A.leaf(a, on: tape), y = B.leaf(b, on: tape), z = C.leaf(c, on: tape)
  let output = f(x, y, z)
  guard output.isRecorded else {
    return (output.value, { _ in (A.zero(like: a), B.zero(like: b), C.zero(like: c)) })
  }
  checkPrecondition(output.tape === tape, "valueWithPullback(at:_:_:in:): the function's result is recorded on another tape")
  return (output.value, { v in
    withExtendedLifetime(tape) {
      let g = R.pullback(from: output, seed: v, through: 0)
      return (A.adjoint(of: x, in: g), B.adjoint(of: y, in: g), C.adjoint(of: z, in: g))
    }
  })
}

/// The gradients of a scalar function with respect to an array of tensors (a network's parameters).
///
/// - Returns: `f(xs)` and one gradient per tensor, in order.
/// - Complexity: one forward pass and one reverse sweep.
public func valueWithGradient(at xs: [Tensor], in f: ([Variable<Tensor>]) -> Variable<Tensor>)
  -> (value: Double, gradient: [Tensor])
{
  let tape = Tape()
  let inputs = xs.map { tape.variable($0) }
  let output = f(inputs)
  let seed = Tensor.unitSeed(like: output.value, "valueWithGradient(at:in:)")
  guard output.isRecorded else { return (output.value.scalar, xs.map { Tensor.zeros($0.shape) }) }
  checkPrecondition(output.tape === tape, "valueWithGradient(at:in:): the function's result is recorded on another tape")
  let g = Tensor.pullback(from: output, seed: seed, through: 0)
  return (output.value.scalar, inputs.map { g[$0] })
}

// MARK: Nested: the value and the recorded gradient together

/// The value of `f` at a variable and its derivative, both recorded on the variable's tape (no second
/// forward pass), so that both can be differentiated again.
///
/// ```swift
/// gradient(at: 2.0) { x in valueWithGradient(at: x) { y in y * y * y }.gradient }   // d²(y³)/dy² = 12
/// ```
///
/// - Complexity: one forward pass and one recorded reverse sweep.
public func valueWithGradient(at x: Variable<Double>, in f: (Variable<Double>) -> Variable<Double>)
  -> (value: Variable<Double>, gradient: Variable<Double>)
{
  var value = Variable<Double>(0)
  let g = gradient(at: x) { y in
    value = f(y)
    return value
  }
  return (x.isRecorded ? value : value.detached, g)
}

/// The value of a scalar-valued tensor function at a tensor variable and its gradient, both recorded.
///
/// - Precondition: `f` returns a single-element tensor.
public func valueWithGradient(at x: Variable<Tensor>, in f: (Variable<Tensor>) -> Variable<Tensor>)
  -> (value: Variable<Tensor>, gradient: Variable<Tensor>)
{
  var value = Variable<Tensor>(Tensor(0))
  let g = gradient(at: x) { v in
    value = f(v)
    return value
  }
  return (x.isRecorded ? value : value.detached, g)
}
