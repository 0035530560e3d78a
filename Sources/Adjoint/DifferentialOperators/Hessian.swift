// Hessians and Hessian–vector products by reverse over reverse: the gradient is computed by a recorded
// sweep (so it is a variable), then swept again. A gradient component that is a constant (for
// f = x₀ + x₁², ∂f/∂x₀ = 1) has nothing recorded and gives a row of zeros.

/// The Hessian of a scalar-valued tensor function at `x`: shape `x.shape + x.shape`.
///
/// ```swift
/// hessian(at: Tensor([1, 2])) { x in (x * x * x).sum() }    // [[6, 0], [0, 12]]
/// ```
///
/// - Precondition: `f` returns one element.
/// - Complexity: one forward pass, one recorded sweep, then the n rows (n = elements of `x`) in one batched
///   sweep of the recorded gradient (a stack of n seeds; blocks of rows when the stacks would be large) when
///   every op it reaches has a batch-polymorphic rule — Adjoint's arithmetic, elementwise functions,
///   `matmul`, reductions and shape ops do — and otherwise one sweep per row (n + 2 sweeps in all).
public func hessian(at x: Tensor, in f: (Variable<Tensor>) -> Variable<Tensor>) -> Tensor {
  hessianReportingSweep(at: x, in: f).hessian
}

/// `hessian(at:in:)`, and whether its rows came from batched sweeps (false: one sweep per row).
func hessianReportingSweep(at x: Tensor, in f: (Variable<Tensor>) -> Variable<Tensor>) -> (hessian: Tensor, batched: Bool) {
  let (tape, input, g) = recordedGradient(at: x, f, "hessian(at:in:)")
  defer { withExtendedLifetime(tape) {} }  // a variable does not keep its tape alive
  guard let g else { return (Tensor.zeros(x.shape + x.shape), false) }
  if let rows = tape.batchedRows(from: g, through: input) {
    return (rows.reshaped(to: x.shape + x.shape), true)
  }
  let n = x.count
  var entries = [Double](repeating: 0, count: n * n)
  var seed = Tensor.zeros(x.shape)
  for i in 0..<n {
    seed.withUnsafeMutableBufferPointer { $0[i] = 1 }
    let row = Tensor.pullback(from: g, seed: seed, through: input.index)[input]
    row.withUnsafeBufferPointer { r in for j in 0..<n { entries[i * n + j] = r[j] } }
    seed.withUnsafeMutableBufferPointer { $0[i] = 0 }
  }
  return (Tensor(shape: x.shape + x.shape, scalars: entries), false)
}

/// The Hessian–vector product H(x)·v of a scalar-valued tensor function, without forming H.
///
/// ```swift
/// hessianVectorProduct(at: Tensor([1, 2]), along: Tensor([1, 1])) { x in (x * x * x).sum() }   // [6, 12]
/// ```
///
/// - Precondition: `f` returns one element; `v` has `x`'s shape.
/// - Complexity: one forward pass, one recorded sweep and one sweep: a small multiple of one gradient.
public func hessianVectorProduct(at x: Tensor, along v: Tensor, in f: (Variable<Tensor>) -> Variable<Tensor>) -> Tensor {
  checkPrecondition(v.shape == x.shape, "hessianVectorProduct(at:along:in:): v of shape \(v.shape) for x of shape \(x.shape)")
  let (tape, input, g) = recordedGradient(at: x, f, "hessianVectorProduct(at:along:in:)")
  defer { withExtendedLifetime(tape) {} }
  guard let g else { return Tensor.zeros(x.shape) }
  return Tensor.pullback(from: g, seed: v, through: input.index)[input]
}

/// The Hessian of a function of several scalars: `H[i][j] = ∂²f/∂xᵢ∂xⱼ`.
///
/// ```swift
/// hessian(at: [1.0, 2.0]) { x in x[0] + x[1] * x[1] }    // [[0, 0], [0, 2]]
/// ```
///
/// - Complexity: one forward pass, one recorded sweep, then the n rows in one walk of the recorded gradient
///   per 64 rows (each node carries a block of adjoints).
public func hessian(at xs: [Double], in f: ([Variable<Double>]) -> Variable<Double>) -> [[Double]] {
  let (tape, inputs, g) = recordedGradient(at: xs, f, "hessian(at:in:)")
  let lowest = inputs.first.map { Int($0.index) } ?? 0
  var rows = [[Double]](repeating: [Double](repeating: 0, count: xs.count), count: xs.count)
  let recorded = g.indices.filter { g[$0] != nil }
  let swept = tape.rows(from: recorded.map { Int(g[$0]!.index) }, through: lowest, of: inputs)
  for (i, row) in zip(recorded, swept) { rows[i] = row }
  return rows
}

/// The Hessian–vector product H(x)·v of a function of several scalars, without forming H.
///
/// - Precondition: `v.count == xs.count`.
/// - Complexity: one forward pass, one recorded sweep and one sweep.
public func hessianVectorProduct(at xs: [Double], along v: [Double], in f: ([Variable<Double>]) -> Variable<Double>) -> [Double] {
  checkPrecondition(v.count == xs.count, "hessianVectorProduct(at:along:in:): \(v.count) directions for \(xs.count) inputs")
  let (tape, inputs, g) = recordedGradient(at: xs, f, "hessianVectorProduct(at:along:in:)")
  let lowest = inputs.first.map { Int($0.index) } ?? 0
  var seeds: [(node: Int, adjoint: Double)] = []
  for (gi, vi) in zip(g, v) where vi != 0 {
    if let gi { seeds.append((Int(gi.index), vi)) }
  }
  guard let top = seeds.map(\.node).max() else { return xs.map { _ in 0 } }
  return tape.sweep(from: top, through: lowest, scalarSeed: 0, tensorSeed: nil, additionalSeeds: seeds)[inputs]
}

/// Records f and its gradient at `x`; the gradient is nil when it is a constant.
private func recordedGradient(at x: Tensor, _ f: (Variable<Tensor>) -> Variable<Tensor>, _ operation: String)
  -> (Tape, Variable<Tensor>, Variable<Tensor>?)
{
  let tape = Tape()
  let input = tape.variable(x)
  let output = f(input)
  let seed = Tensor.unitSeed(like: output.value, operation)
  guard output.isRecorded, output.index >= input.index else { return (tape, input, nil) }
  checkPrecondition(output.tape === tape, "\(operation): the function's result is recorded on another tape")
  let adjoints = tape.recordedSweep(from: Int(output.index), lowest: Int(input.index), scalarSeed: nil, tensorSeed: Variable(seed))
  let g = adjoints.tensors[tape.tensorSlot(of: input.index)]
  return (tape, input, g.flatMap { $0.isRecorded ? $0 : nil })
}

/// Records f and its gradient at `xs`; a component is nil when it is a constant.
private func recordedGradient(at xs: [Double], _ f: ([Variable<Double>]) -> Variable<Double>, _ operation: String)
  -> (Tape, [Variable<Double>], [Variable<Double>?])
{
  let tape = Tape()
  let inputs = tape.variables(xs)
  let output = f(inputs)
  let lowest = inputs.first.map { Int($0.index) } ?? 0
  guard output.isRecorded, Int(output.index) >= lowest else { return (tape, inputs, inputs.map { _ in nil }) }
  checkPrecondition(output.tape === tape, "\(operation): the function's result is recorded on another tape")
  let adjoints = tape.recordedSweep(from: Int(output.index), lowest: lowest, scalarSeed: Variable(1), tensorSeed: nil)
  return (tape, inputs, inputs.map { x in adjoints.scalar(at: x.index).flatMap { $0.isRecorded ? $0 : nil } })
}
