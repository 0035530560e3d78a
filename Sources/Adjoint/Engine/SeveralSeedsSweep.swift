// The reverse sweep with several seeds at once ("vector mode"): each node carries a block of adjoints, one
// per seed, so that m rows of a Jacobian (or of a Hessian, from the recorded gradient's m components) cost
// one walk of the tape instead of m. A scalar rule is linear in its incoming adjoint, so each node's local
// partials are worked out once — the rule evaluated at v = 1 — and applied to every adjoint of the block
// with the strong-zero product, as the one-seed sweep applies them. No derivative rule is written again.
//
// The same partials carry tangents forward: `jacobianByTangents` walks the tape once from the inputs with a
// block of tangents per node (one per input), t[i] = ∂x·t[lhs] + ∂y·t[rhs] — forward mode's columns.
//
// Where that shortcut would not reproduce the one-seed sweep exactly in kind — a tensor node or a tensor
// element in the range, a value that is not finite (the overflow exception of `Backward.swift` passes NaN
// from nodes reached with zero adjoint), numerics checking on — `rows(from:through:)` sweeps once per seed.

extension Tape {
  /// The adjoints of `inputs` for each root in `roots` (seed 1 at that root): one row per root, in order.
  ///
  /// Sweeps blocks of up to `blockWidth` roots together when every node between `lowest` and the highest
  /// root is a finite scalar node, and otherwise sweeps once per root.
  ///
  /// - Complexity: O(nodes × roots) arithmetic in ⌈roots ÷ blockWidth⌉ walks of the tape.
  func rows(from roots: [Int], through lowest: Int, of inputs: [Variable<Double>], blockWidth: Int = 64) -> [[Double]] {
    guard let top = roots.max() else { return [] }
    if numericsChecker != nil || NumericsChecking.isScoped || !isFiniteScalarRange(lowest...top) {
      return roots.map { sweep(from: $0, through: lowest, scalarSeed: 1, tensorSeed: nil)[inputs] }
    }
    var rows: [[Double]] = []
    rows.reserveCapacity(roots.count)
    var start = 0
    while start < roots.count {
      let block = Array(roots[start..<min(start + blockWidth, roots.count)])
      rows += sweepBlock(from: block, through: lowest, of: inputs)
      start += block.count
    }
    return rows
  }

  /// The Jacobian ∂outputs/∂inputs (one row per output) by forward mode, carrying a block of up to
  /// `blockWidth` tangents per node (one per input) from `lowest` to the highest output; nil when the range
  /// holds a tensor node, a value that is not finite, or numerics checking is on (the caller then uses the
  /// transposed pullback, which handles every case).
  ///
  /// - Complexity: O(nodes × inputs) arithmetic in ⌈inputs ÷ blockWidth⌉ walks of the tape.
  func jacobianByTangents(
    of outputs: [Variable<Double>], wrt inputs: [Variable<Double>], through lowest: Int, blockWidth: Int = 64
  ) -> [[Double]]? {
    var rows = [[Double]](repeating: [Double](repeating: 0, count: inputs.count), count: outputs.count)
    let recorded = outputs.indices.filter { outputs[$0].isRecorded && Int(outputs[$0].index) >= lowest }
    guard let top = recorded.map({ Int(outputs[$0].index) }).max() else { return rows }
    if numericsChecker != nil || NumericsChecking.isScoped || !isFiniteScalarRange(lowest...top) { return nil }
    let span = top - lowest + 1
    var start = 0
    while start < inputs.count {
      let width = min(blockWidth, inputs.count - start)
      let tangents = UnsafeMutablePointer<Double>.allocate(capacity: span * width)
      defer { tangents.deallocate() }
      tangents.initialize(repeating: 0, count: span * width)
      for k in 0..<width {
        let j = Int(inputs[start + k].index)
        if j >= lowest && j <= top { tangents[(j - lowest) * width + k] = 1 }
      }
      let entries = arena.pointee.entries
      let values = arena.pointee.values
      for i in lowest...top where entries[i].op != .leaf {
        let e = entries[i]
        let lhs = Int(e.lhs), rhs = Int(e.rhs)
        let operands = ScalarOperands(node: i, entry: e, values: values)
        let (dx, dy) = e.op.pullback(1.0, operands)
        let target = tangents + (i - lowest) * width
        if lhs >= lowest { accumulate(tangents + (lhs - lowest) * width, times: dx, into: target, width) }
        if rhs >= lowest { accumulate(tangents + (rhs - lowest) * width, times: dy, into: target, width) }
      }
      for r in recorded {
        let block = tangents + (Int(outputs[r].index) - lowest) * width
        for k in 0..<width { rows[r][start + k] = block[k] }
      }
      start += width
    }
    return rows
  }

  /// Whether every node in `range` is a scalar operation or leaf with a finite value.
  func isFiniteScalarRange(_ range: ClosedRange<Int>) -> Bool {
    let entries = arena.pointee.entries
    let values = arena.pointee.values
    for i in range {
      switch entries[i].op {
      case .tensor, .tensorLeaf, .tensorElement: return false
      default: if !values[i].isFinite { return false }
      }
    }
    return true
  }

  /// One walk of the tape carrying one adjoint per root; `roots.count` is the block's width.
  private func sweepBlock(from roots: [Int], through lowest: Int, of inputs: [Variable<Double>]) -> [[Double]] {
    let width = roots.count
    let top = roots.max()!
    let span = top - lowest + 1
    let adjoints = UnsafeMutablePointer<Double>.allocate(capacity: span * width)
    adjoints.initialize(repeating: 0, count: span * width)
    defer { adjoints.deallocate() }
    for (k, root) in roots.enumerated() { adjoints[(root - lowest) * width + k] += 1 }
    let entries = arena.pointee.entries
    let values = arena.pointee.values
    var i = top
    while i >= lowest {
      let e = entries[i]
      if e.op != .leaf {
        let block = adjoints + (i - lowest) * width
        var reached = false
        for k in 0..<width where block[k] != 0 {
          reached = true
          break
        }
        if reached {
          let lhs = Int(e.lhs), rhs = Int(e.rhs)
          let operands = ScalarOperands(node: i, entry: e, values: values)
          let (dx, dy) = e.op.pullback(1.0, operands)
          if lhs >= lowest { accumulate(block, times: dx, into: adjoints + (lhs - lowest) * width, width) }
          if rhs >= lowest { accumulate(block, times: dy, into: adjoints + (rhs - lowest) * width, width) }
        }
      }
      i -= 1
    }
    return (0..<width).map { k in
      inputs.map { x in
        let j = Int(x.index)
        return j >= lowest && j <= top ? adjoints[(j - lowest) * width + k] : 0
      }
    }
  }

  /// `target[k] += strongZeroProduct(block[k], partial)` for k < width.
  @inline(__always)
  private func accumulate(
    _ block: UnsafeMutablePointer<Double>, times partial: Double, into target: UnsafeMutablePointer<Double>,
    _ width: Int
  ) {
    guard partial != 0 else { return }
    for k in 0..<width { target[k] += Double.strongZeroProduct(block[k], partial) }
  }
}
