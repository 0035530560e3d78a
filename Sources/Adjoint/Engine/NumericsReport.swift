// The reports of numerics checking: which operation, which node, its operands, the offending element, the
// pass, and where the operation was recorded. Each report ends the program (see Docs/Debugging.md for why
// it traps rather than throws).

/// Composes one report about `tape` and traps with it.
struct NumericsReport {
  let tape: Tape
  let checker: NumericsChecker

  // MARK: Forward pass (and the operations of a recorded backward pass)

  func trapForwardScalar(node: Int) -> Never {
    let e = tape.arena.pointee.entries[node]
    var lines = [header(forward: "\(name(of: node)) at node \(node) produced \(text(tape.arena.pointee.values[node]))")]
    lines.append("  input x = \(describe(node: Int(e.lhs)))")
    if e.rhs >= 0 { lines.append("  input y = \(describe(node: Int(e.rhs)))") }
    trap(lines, recordedAt: node)
  }

  func trapForwardTensor(node: Int, element: Int) -> Never {
    let entry = tape.tensorEntries[tape.tensorSlot(of: Int32(node))]
    let value = entry.value
    var lines = [
      header(forward: "\(entry.name) at node \(node) produced \(text(value.scalars[element])) at \(index(element, in: value.shape)) of its \(value.shape) result")
    ]
    for (k, input) in entry.inputValues.enumerated() {
      lines.append("  input \(k): \(describeTensor(input, node: Int(entry.inputIndices[k]), at: element, ofShape: value.shape))")
    }
    trap(lines, recordedAt: node)
  }

  // MARK: Backward pass

  func trapScalarContribution(node: Int, input: Int, contribution: Double, v: Double, recorded: Bool) -> Never {
    let e = tape.arena.pointee.entries[node]
    let target = Int(input == 0 ? e.lhs : e.rhs)
    var lines = [
      header(backward: recorded, "the derivative of \(name(of: node)) at node \(node) sent \(text(contribution)) to its input \(input == 0 ? "x" : "y") (node \(target))")
    ]
    lines.append("  incoming adjoint v = \(text(v))")
    lines.append("  input x = \(describe(node: Int(e.lhs)))")
    if e.rhs >= 0 { lines.append("  input y = \(describe(node: Int(e.rhs)))") }
    lines.append("  value = \(text(tape.arena.pointee.values[node]))")
    trap(lines, recordedAt: node, forwardOperation: true)
  }

  func trapAccumulation(node: Int, input: Int, sum: Double) -> Never {
    let e = tape.arena.pointee.entries[node]
    let target = Int(input == 0 ? e.lhs : e.rhs)
    let lines = [
      header(backward: false, "adding the contribution of \(name(of: node)) at node \(node) made the adjoint of node \(target) \(text(sum)) (finite terms overflowed)"),
      "  input \(input == 0 ? "x" : "y") = \(describe(node: target))",
    ]
    trap(lines, recordedAt: node, forwardOperation: true)
  }

  func trapTensorContribution(node: Int, input: Int, contribution: Tensor, element: Int, v: Tensor, recorded: Bool) -> Never {
    let entry = tape.tensorEntries[tape.tensorSlot(of: Int32(node))]
    var lines = [
      header(backward: recorded, "the pullback of \(entry.name) at node \(node) returned \(text(contribution.scalars[element])) at \(index(element, in: contribution.shape)) for input \(input) (node \(entry.inputIndices[input]), shape \(contribution.shape))")
    ]
    lines.append("  incoming adjoint v: \(describeTensor(v, node: nil, at: nil, ofShape: []))")
    for (k, value) in entry.inputValues.enumerated() {
      lines.append("  input \(k): \(describeTensor(value, node: Int(entry.inputIndices[k]), at: k == input ? element : nil, ofShape: contribution.shape))")
    }
    lines.append("  value: \(describeTensor(entry.value, node: nil, at: nil, ofShape: []))")
    trap(lines, recordedAt: node, forwardOperation: true)
  }

  // MARK: Pieces

  private func header(forward what: String) -> String {
    if let k = checker.pullingBack {
      return "Numerics check (backward pass recorded for a higher-order derivative): while pulling back \(name(of: k)) at node \(k), \(what)"
    }
    return "Numerics check (forward pass): \(what)"
  }

  private func header(backward recorded: Bool, _ what: String) -> String {
    recorded
      ? "Numerics check (backward pass recorded for a higher-order derivative): \(what)"
      : "Numerics check (backward pass): \(what)"
  }

  /// The report's last lines: where the operation (and, in a recorded backward pass, the forward operation
  /// being pulled back) was recorded; then the trap.
  private func trap(_ lines: [String], recordedAt node: Int, forwardOperation: Bool = false) -> Never {
    var lines = lines
    if let k = checker.pullingBack, !forwardOperation {
      lines.append("  recorded at:")
      lines.append(site(node))
      lines.append("  the forward operation \(name(of: k)) at node \(k) was recorded at:")
      lines.append(site(k))
    } else {
      lines.append(forwardOperation ? "  the forward operation \(name(of: node)) at node \(node) was recorded at:" : "  recorded at:")
      lines.append(site(node))
    }
    lines.append("  (tape \(tape.addressDescription), \(tape.count) nodes; numerics checking stops at the first NaN or ±infinity: Docs/Debugging.md)")
    failPrecondition(lines.joined(separator: "\n"))
  }

  private func site(_ node: Int) -> String {
    guard let site = checker.site(of: node) else {
      return "    (not captured: the operation was recorded before numerics checking was on)"
    }
    return site.describe(images: checker.images, indent: "    ")
  }

  /// An operation's name: the scalar operation with its constant operand, or the tensor operation's name.
  func name(of node: Int) -> String {
    let e = tape.arena.pointee.entries[node]
    switch e.op {
    case .tensor, .tensorLeaf: return tape.tensorEntries[Int(e.rhs)].name
    case .addConstant, .constantMinus, .multiplyByConstant, .divideByConstant, .constantDividedBy, .powerOfConstant,
      .leakyRelu:
      return "\(e.op)(c: \(e.aux))"
    default: return "\(e.op)"
    }
  }

  /// A scalar node: its value, index and operation.
  private func describe(node: Int) -> String {
    "\(text(tape.arena.pointee.values[node])) (node \(node), \(name(of: node)))"
  }

  /// A tensor operand: its shape, node, and either its element at `element` (when it has the result's
  /// shape) or its first non-finite element.
  private func describeTensor(_ t: Tensor, node: Int?, at element: Int?, ofShape shape: [Int]) -> String {
    var description = "\(t.shape)"
    if let node { description += node >= 0 ? " (node \(node), \(name(of: node)))" : " (a constant)" }
    if let element, t.shape == shape, element < t.count {
      description += ", at \(index(element, in: shape)): \(text(t.scalars[element]))"
    } else if let bad = t.firstNonFiniteIndex {
      description += ", contains \(text(t.scalars[bad])) at \(index(bad, in: t.shape))"
    } else {
      description += ", all finite"
    }
    return description
  }

  /// A number as Swift prints it, except that every NaN prints as `nan` (Swift prints a negative NaN as
  /// `-nan`, and the sign of a NaN means nothing).
  private func text(_ x: Double) -> String { x.isNaN ? "nan" : "\(x)" }

  /// The multi-index of flat (row-major) index `flat` in `shape`.
  private func index(_ flat: Int, in shape: [Int]) -> String {
    var rest = flat
    var indices = [Int](repeating: 0, count: shape.count)
    for axis in shape.indices.reversed() where shape[axis] > 0 {
      indices[axis] = rest % shape[axis]
      rest /= shape[axis]
    }
    return "[\(indices.map(String.init).joined(separator: ", "))]"
  }
}
