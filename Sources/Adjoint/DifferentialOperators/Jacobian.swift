// Jacobians: one row per result element by reverse mode (one recording, kept and swept once per row), or
// one column per input element by forward mode (the transposed pullback of `Linearization.swift`, one
// sweep per column). JAX's `jacrev`/`jacfwd`, Adept's `jacobian()`.

/// How a Jacobian is computed.
public enum JacobianMode: Sendable {
  /// Reverse mode when the result has no more elements than the input, forward mode otherwise (the fewer
  /// sweeps).
  case automatic
  /// One reverse sweep per result element (JAX's `jacrev`).
  case reverse
  /// One forward (transposed-pullback) sweep per input element, after one recorded sweep (JAX's `jacfwd`);
  /// all of them in one batched sweep where the recorded pullback's ops are batch-polymorphic.
  case forward
}

/// The Jacobian of a tensor function at `x`: a tensor of shape `f(x).shape + x.shape` whose entry
/// `[i…, j…]` is ∂f(x)[i…]/∂x[j…].
///
/// ```swift
/// jacobian(at: Tensor([1, 2])) { x in x * x }    // [[2, 0], [0, 4]]
/// ```
///
/// - Parameters:
///   - x: the point.
///   - mode: reverse or forward mode; by default the one with fewer sweeps.
///   - f: the function, recorded once.
/// - Complexity: one forward pass, then reverse mode's m rows (m = result elements) in one batched sweep (a
///   stack of m seeds; blocks of rows when the stacks would be large) when every op it reaches has a
///   batch-polymorphic rule, else m reverse sweeps; or forward mode's one recorded sweep, then the n columns
///   (n = input elements) in one batched sweep of the recorded pullback when every op of it is
///   batch-polymorphic, else n sweeps of it.
public func jacobian(at x: Tensor, mode: JacobianMode = .automatic, in f: (Variable<Tensor>) -> Variable<Tensor>) -> Tensor {
  valueWithJacobian(at: x, mode: mode, in: f).jacobian
}

/// The value of a tensor function at `x` and its Jacobian (shape `f(x).shape + x.shape`), from one
/// recording.
public func valueWithJacobian(at x: Tensor, mode: JacobianMode = .automatic, in f: (Variable<Tensor>) -> Variable<Tensor>)
  -> (value: Tensor, jacobian: Tensor)
{
  let (value, jacobian, _) = valueWithJacobianReportingSweep(at: x, mode: mode, in: f)
  return (value, jacobian)
}

/// `valueWithJacobian(at:mode:in:)`, and whether its rows (reverse mode) or columns (forward mode) came
/// from batched sweeps.
func valueWithJacobianReportingSweep(at x: Tensor, mode: JacobianMode, in f: (Variable<Tensor>) -> Variable<Tensor>)
  -> (value: Tensor, jacobian: Tensor, batched: Bool)
{
  let tape = Tape()
  let input = tape.variable(x)
  let output = f(input)
  let m = output.value.count, n = x.count
  let shape = output.value.shape + x.shape
  guard output.isRecorded, output.index >= input.index else { return (output.value, Tensor.zeros(shape), false) }
  checkPrecondition(output.tape === tape, "jacobian(at:in:): the function's result is recorded on another tape")
  let forward = mode == .forward || (mode == .automatic && n < m)
  if !forward, let rows = tape.batchedRows(from: output, through: input) {
    return (output.value, rows.reshaped(to: shape), true)
  }
  var entries = [Double](repeating: 0, count: m * n)
  if forward {
    let linear = TensorLinearization(tape: tape, input: input, output: output)
    // Column j is the pullback of the recorded Jᵀw with seed e_j: all n at once when batchable.
    if let transposed = linear.transposed, let columns = tape.batchedRows(from: transposed, through: linear.seed) {
      return (output.value, columns.transposed().reshaped(to: shape), true)
    }
    var u = Tensor.zeros(x.shape)
    for j in 0..<n {
      u.withUnsafeMutableBufferPointer { $0[j] = 1 }
      let column = linear.apply(u)
      column.withUnsafeBufferPointer { c in for i in 0..<m { entries[i * n + j] = c[i] } }
      u.withUnsafeMutableBufferPointer { $0[j] = 0 }
    }
  } else {
    var seed = Tensor.zeros(output.value.shape)
    for i in 0..<m {
      seed.withUnsafeMutableBufferPointer { $0[i] = 1 }
      let row = Tensor.pullback(from: output, seed: seed, through: input.index)[input]
      row.withUnsafeBufferPointer { r in for j in 0..<n { entries[i * n + j] = r[j] } }
      seed.withUnsafeMutableBufferPointer { $0[i] = 0 }
    }
  }
  return (output.value, Tensor(shape: shape, scalars: entries), false)
}

/// The Jacobian of a function of several scalars with several scalar results: `J[i][j] = ∂fᵢ/∂xⱼ`.
///
/// A result that is a constant, or does not depend on the inputs, gives a row of zeros.
///
/// ```swift
/// jacobian(at: [1.0, 2.0]) { x in [x[0] * x[1], x[0] + 1] }   // [[2, 1], [1, 0]]
/// ```
///
/// - Complexity: one forward pass, then reverse mode's m rows in one walk of the tape per 64 rows (each
///   node carries a block of adjoints), or forward mode's n columns in one walk per 64 inputs (a block of
///   tangents per node; one recorded sweep and n sweeps of the transposed pullback where the tape holds
///   tensors or non-finite values).
public func jacobian(at xs: [Double], mode: JacobianMode = .automatic, in f: ([Variable<Double>]) -> [Variable<Double>])
  -> [[Double]]
{
  valueWithJacobian(at: xs, mode: mode, in: f).jacobian
}

/// The values of a function of several scalars and its Jacobian, from one recording.
public func valueWithJacobian(at xs: [Double], mode: JacobianMode = .automatic, in f: ([Variable<Double>]) -> [Variable<Double>])
  -> (value: [Double], jacobian: [[Double]])
{
  let tape = Tape()
  let inputs = tape.variables(xs)
  let outputs = f(inputs)
  let m = outputs.count, n = xs.count
  for y in outputs where y.isRecorded {
    checkPrecondition(y.tape === tape, "jacobian(at:in:): a result is recorded on another tape")
  }
  let lowest = inputs.first.map { Int($0.index) } ?? 0
  var rows = [[Double]](repeating: [Double](repeating: 0, count: n), count: m)
  if mode == .forward || (mode == .automatic && n < m) {
    if let columns = tape.jacobianByTangents(of: outputs, wrt: inputs, through: lowest) {
      return (outputs.map(\.value), columns)
    }
    let linear = ScalarLinearization(tape: tape, inputs: inputs, outputs: outputs)
    var u = [Double](repeating: 0, count: n)
    for j in 0..<n {
      u[j] = 1
      for (i, c) in linear.apply(u).enumerated() { rows[i][j] = c }
      u[j] = 0
    }
  } else {
    let recorded = outputs.indices.filter { outputs[$0].isRecorded && Int(outputs[$0].index) >= lowest }
    let swept = tape.rows(from: recorded.map { Int(outputs[$0].index) }, through: lowest, of: inputs)
    for (i, row) in zip(recorded, swept) { rows[i] = row }
  }
  return (outputs.map(\.value), rows)
}

/// The Jacobians of a tensor function of two tensors, with respect to each: shapes `f.shape + a.shape`
/// and `f.shape + b.shape` (JAX's `jacrev(f, argnums=(0, 1))`).
///
/// - Complexity: one forward pass, then one batched sweep of m seeds (m = result elements; blocks of rows
///   when the stacks would be large) when every op it reaches has a batch-polymorphic rule, else m reverse
///   sweeps, each giving one row of both.
public func jacobian(at a: Tensor, _ b: Tensor, in f: (Variable<Tensor>, Variable<Tensor>) -> Variable<Tensor>)
  -> (Tensor, Tensor)
{
  let tape = Tape()
  let x = tape.variable(a), y = tape.variable(b)
  let output = f(x, y)
  let m = output.value.count
  guard output.isRecorded, output.index >= x.index else {
    return (Tensor.zeros(output.value.shape + a.shape), Tensor.zeros(output.value.shape + b.shape))
  }
  checkPrecondition(output.tape === tape, "jacobian(at:_:in:): the function's result is recorded on another tape")
  if let rows = tape.batchedRows(from: output, through: x, of: [x, y]) {
    return (rows[0].reshaped(to: output.value.shape + a.shape), rows[1].reshaped(to: output.value.shape + b.shape))
  }
  var (ja, jb) = ([Double](), [Double]())
  ja.reserveCapacity(m * a.count)
  jb.reserveCapacity(m * b.count)
  var seed = Tensor.zeros(output.value.shape)
  for i in 0..<m {
    seed.withUnsafeMutableBufferPointer { $0[i] = 1 }
    let g = Tensor.pullback(from: output, seed: seed, through: x.index)
    ja += g[x].scalars
    jb += g[y].scalars
    seed.withUnsafeMutableBufferPointer { $0[i] = 0 }
  }
  return (Tensor(shape: output.value.shape + a.shape, scalars: ja), Tensor(shape: output.value.shape + b.shape, scalars: jb))
}
