import Foundation
import Testing

@testable import Adjoint

/// The shape of the recorded graph: fan-out, diamonds, shared subexpressions, very long chains, nodes the
/// output does not reach, and what is (and is not) recorded. Expected gradients are derived by hand.
@Suite struct TapeStructureTests {
  // MARK: Fan-out and diamonds: contributions along every path are summed

  @Test func fanOutOfOneVariable() {
    let tape = Tape()
    let x = tape.variable(3.0)
    let square = x * x
    #expect(square.backward(retainingTape: true)[x] == 6)  // d(x²) = 2x
    let triple = x + x + x
    #expect(triple.backward(retainingTape: true)[x] == 3)
    let mixed = x * x * x + x * 2 - x
    expectClose(mixed.backward()[x], 3 * 9 + 2 - 1)  // 3x² + 1
  }

  /// a = sin x, b = x², out = a·b: d/dx = cos x · x² + sin x · 2x, reaching x along both sides.
  @Test func diamond() {
    let tape = Tape()
    let x = tape.variable(0.8)
    let a = sin(x)
    let b = x * x
    let out = a * b
    let g = out.backward()
    expectClose(g[x], cos(0.8) * 0.64 + sin(0.8) * 1.6)
    expectClose(g[a], 0.64)
    expectClose(g[b], sin(0.8))
  }

  /// Two diamonds stacked: y = x·x, z = y·y, w = z·z = x⁸, so dw/dx = 8x⁷, and each level doubles the count
  /// of paths (8 paths from w to x).
  @Test func stackedDiamonds() {
    let tape = Tape()
    let x = tape.variable(1.1)
    let y = x * x
    let z = y * y
    let w = z * z
    let g = w.backward()
    expectClose(g[x], 8 * pow(1.1, 7))
    expectClose(g[y], 4 * pow(1.21, 3))
    expectClose(g[z], 2 * pow(1.1, 4))
  }

  /// A subexpression computed once and used three times: s = x·y; out = s + s·s + exp(s).
  /// ∂out/∂s = 1 + 2s + e^s, and ∂out/∂x = y·∂out/∂s.
  @Test func sharedSubexpression() {
    let tape = Tape()
    let x = tape.variable(0.5), y = tape.variable(-1.2)
    let s = x * y
    let out = s + s * s + exp(s)
    let g = out.backward()
    let dOutDs = 1 + 2 * (-0.6) + exp(-0.6)
    expectClose(g[s], dOutDs)
    expectClose(g[x], -1.2 * dOutDs)
    expectClose(g[y], 0.5 * dOutDs)
  }

  // MARK: A deep chain

  /// Ten million operations recorded, differentiated and freed: no recursion anywhere, so no stack overflow.
  /// The chain y ← y + c is the cheapest operation, so that the test takes seconds in a debug build (y ← y·r
  /// takes about twice as long). Closed form: y = x + n·c and dy/dx = 1, which reaches x only if each of
  /// the n links passes its adjoint on (a skipped link gives 0, a doubled one 2ⁿ). The tape must be freed
  /// when its last variable goes: a weak reference observes that.
  @Test func tenMillionOperationChain() {
    let n = 10_000_000
    weak var weakTape: Tape?
    do {
      let tape = Tape()
      weakTape = tape
      let x = tape.variable(0.5)
      var y = x
      var i = 0
      while i < n {
        y = y + 0.25
        i &+= 1
      }
      #expect(tape.count == n + 1)
      #expect(y.value == 0.5 + 0.25 * Double(n), "exact: every partial sum is a multiple of 0.25 below 2^51")
      let g = y.backward()
      #expect(g[x] == 1)
      #expect(g[y] == 1)
    }
    #expect(weakTape == nil, "the tape should be freed with its last variable")
  }

  // MARK: What the output does not reach

  @Test func variableUnusedByTheOutputHasGradientZero() {
    let tape = Tape()
    let x = tape.variable(2.0), unused = tape.variable(5.0)
    let sideComputation = unused * unused  // recorded, but not on the output's path
    let out = x * 3
    let g = out.backward()
    #expect(g[x] == 3)
    #expect(g[unused] == 0)
    #expect(g[sideComputation] == 0)
  }

  @Test func variableRecordedAfterTheOutputHasGradientZero() {
    let tape = Tape()
    let x = tape.variable(2.0)
    let out = x * x
    let later = x * 10
    let g = out.backward(retainingTape: true)
    #expect(g[later] == 0)
    #expect(g[x] == 4)
  }

  /// Gradients of intermediate nodes: the adjoint of every node, not only of leaves.
  /// a = x·y, b = sin a, out = b·x: ∂out/∂b = x, ∂out/∂a = x·cos a, ∂out/∂x = b + y·x·cos a.
  @Test func gradientsOfIntermediateNodes() {
    let tape = Tape()
    let x = tape.variable(1.3), y = tape.variable(0.4)
    let a = x * y
    let b = sin(a)
    let out = b * x
    let g = out.backward()
    let aValue = 1.3 * 0.4
    expectClose(g[out], 1)
    expectClose(g[b], 1.3)
    expectClose(g[a], 1.3 * cos(aValue))
    expectClose(g[x], sin(aValue) + 0.4 * 1.3 * cos(aValue))
    expectClose(g[y], 1.3 * 1.3 * cos(aValue))
  }

  // MARK: What is recorded

  @Test func countCountsVariablesAndOperations() {
    let tape = Tape()
    #expect(tape.count == 0)
    let x = tape.variable(2.0)
    #expect(tape.count == 1)
    let y = x * x
    #expect(tape.count == 2)
    _ = y + 1  // one node: the constant lives in the entry
    #expect(tape.count == 3)
    _ = y * Variable(4.0)  // two nodes: the constant operand is recorded as a leaf, then the product
    #expect(tape.count == 5)
    _ = tape.variables([1, 2, 3])
    #expect(tape.count == 8)
  }

  @Test func constantsRecordNothing() {
    let tape = Tape()
    let c = Variable(2.0)
    let d = c * c + sin(c) - Variable(1.0) / c
    #expect(!c.isRecorded && !d.isRecorded)
    expectClose(d.value, 4 + sin(2.0) - 0.5)
    #expect(tape.count == 0)
  }

  @Test func isLeaf() {
    let tape = Tape()
    let x = tape.variable(2.0)
    let y = x * 3
    let z = tape.variables([1, 2])
    #expect(x.isLeaf)
    #expect(!y.isLeaf)
    #expect(z.allSatisfy { $0.isLeaf })
    #expect(!(z[0] + z[1]).isLeaf)
    #expect(Variable(1.0).isLeaf, "a constant is a leaf, as a PyTorch tensor without requires_grad")
  }

  @Test func detachedAndWithoutDerivativeCutTheGradient() {
    let tape = Tape()
    let x = tape.variable(3.0)
    // out = x · stop(x²): the second factor is a constant 9, so d/dx = 9, not 3x² = 27.
    let out = x * (x * x).detached + x * withoutDerivative(at: x * x)
    #expect(!(x * x).detached.isRecorded)
    expectClose(out.value, 54)
    expectClose(out.backward()[x], 18)
  }

  // MARK: The arena

  /// Docs/Design.md: a scalar node is 24 bytes — a 16-byte entry (first input index, operation code, and
  /// one field for the second input index or the constant) and its 8-byte value, in two parallel arrays.
  @Test func scalarNodeTakesTwentyFourBytes() {
    #expect(MemoryLayout<ScalarEntry>.stride == 16)
    #expect(MemoryLayout<ScalarEntry>.stride + MemoryLayout<Double>.stride == 24)
  }

  /// The second input and the constant operand share one field (no operation has both).
  @Test func scalarEntryKeepsEitherASecondInputOrAConstant() {
    let binary = ScalarEntry(aux: 0, lhs: 3, rhs: 7, op: .multiply)
    #expect(binary.lhs == 3 && binary.rhs == 7 && binary.aux == 0 && binary.op == .multiply)
    let constant = ScalarEntry(aux: -2.5, lhs: 4, rhs: -1, op: .multiplyByConstant)
    #expect(constant.lhs == 4 && constant.rhs == -1 && constant.aux == -2.5)
    let leaf = ScalarEntry(aux: 0, lhs: -1, rhs: -1, op: .leaf)
    #expect(leaf.lhs == -1 && leaf.rhs == -1 && leaf.aux == 0)
    let tensorNode = ScalarEntry(aux: 0, lhs: -1, rhs: Int32.max, op: .tensor)
    #expect(tensorNode.rhs == Int32.max)
  }

  /// The invariant the reverse sweep relies on: every input of a node was recorded before it, so creation
  /// order is a topological order — here through fan-out, constants recorded as leaves, and the nodes a
  /// nested (recorded) backward pass appends.
  @Test func creationOrderIsTopological() {
    let tape = Tape()
    let x = tape.variable(0.3), y = tape.variable(-1.7)
    let a = x * y + sin(x) / max(y, Variable(0.5))
    let hv = gradient(at: [a, y]) { v in pow(v[0], 2) * exp(v[1]) + relu(v[0] - v[1]) }
    _ = hv[0] * hv[1]
    #expect(tape.count > 20)
    var violations: [Int] = []
    for i in 0..<tape.count {
      let e = tape.arena.pointee.entries[i]
      let before = 0..<Int32(i)
      switch e.op {
      case .leaf: if e.lhs != -1 || e.rhs != -1 { violations.append(i) }
      case .tensorLeaf, .tensor: break  // tensor inputs live in the tensor entry, checked elsewhere
      default:
        let inputsOK = before.contains(e.lhs) && (e.op.isBinary ? before.contains(e.rhs) : e.rhs == -1)
        if !inputsOK { violations.append(i) }
      }
    }
    #expect(violations.isEmpty, "nodes with an input not recorded before them: \(violations)")
  }

  // MARK: reset()

  /// reset() forgets the recording in O(1) and keeps the memory: the same arena serves the next recording,
  /// which differentiates correctly.
  @Test func resetReusesTheTape() {
    let tape = Tape()
    let x = tape.variable(2.0)
    var y = x
    for _ in 0..<3000 { y = y + x }
    expectClose(y.backward()[x], 3001)
    #expect(tape.isConsumed)
    let arenaBefore = tape.arena.pointee.entries

    tape.reset()
    #expect(tape.count == 0)
    #expect(!tape.isConsumed)
    let u = tape.variable(0.25)
    let v = u * u * u
    expectClose(v.backward()[u], 3 * 0.0625)
    #expect(tape.arena.pointee.entries == arenaBefore, "reset() should keep the arena, not reallocate it")
  }
}
