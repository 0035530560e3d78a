import Foundation
import Testing

@testable import Adjoint

/// The first-order sweep (`Tape.sweep`: direct calls of the commonest rules, its own accumulation) must give
/// exactly the adjoints of the plain definition — from the output down, every node with a nonzero adjoint
/// adds its rule's contributions into its inputs' slots — which these tests write out and run on the same
/// tapes, comparing bit for bit. (Written for a register-carried variant of the sweep, measured and not
/// kept: Docs/Performance.md.)
@Suite struct ScalarSweepReferenceTests {
  /// The adjoints of every node of `tape` up to `output`, by the memory-only loop: from the output down,
  /// each node with a nonzero adjoint adds its rule's contributions to its inputs' slots.
  private func memoryOnlyAdjoints(of tape: Tape, from output: Int) -> [Double] {
    let entries = tape.arena.pointee.entries
    let values = tape.arena.pointee.values
    var adjoint = [Double](repeating: 0, count: output + 1)
    adjoint[output] = 1
    for i in stride(from: output, through: 0, by: -1) {
      let e = entries[i]
      guard e.op != .leaf, adjoint[i] != 0 else { continue }
      let (dx, dy) = e.op.pullback(adjoint[i], ScalarOperands(node: i, entry: e, values: values))
      adjoint[Int(e.lhs)] += dx
      if e.rhs >= 0 { adjoint[Int(e.rhs)] += dy }
    }
    return adjoint
  }

  /// A random program over `leaves`: each step applies a unary or binary operation to operands drawn mostly
  /// from the last two nodes (chains), sometimes from far back, and sometimes the same
  /// operand twice (x · x, x + x: both contributions go to one node). Values stay in [−2, 2]-ish ranges.
  private func randomProgram(_ leaves: [Variable<Double>], steps: Int, using rng: inout SplitMix64) -> [Variable<Double>] {
    var nodes = leaves
    func operand() -> Variable<Double> {
      switch Int.random(in: 0..<10, using: &rng) {
      case 0..<6: return nodes[nodes.count - 1]
      case 6..<8: return nodes[max(0, nodes.count - 2)]
      default: return nodes[Int.random(in: 0..<nodes.count, using: &rng)]
      }
    }
    for _ in 0..<steps {
      let x = operand()
      let y = Bool.random(using: &rng) ? x : operand()
      let next: Variable<Double>
      switch Int.random(in: 0..<12, using: &rng) {
      case 0: next = x + y
      case 1: next = x - y
      case 2: next = x * y
      case 3: next = x / (1.5 + y * y)
      case 4: next = sin(x)
      case 5: next = cos(x) * 0.9
      case 6: next = tanh(x + y)
      case 7: next = exp(x * 0.25)
      case 8: next = 0.7 * x + 0.1
      case 9: next = sigmoid(x) - y
      case 10: next = log(1 + x * x)
      default: next = square(x) * 0.3 - relu(y)
      }
      nodes.append(next)
    }
    return nodes
  }

  @Test(arguments: [1 as UInt64, 2, 3, 4, 5, 6])
  func adjointsEqualTheMemoryOnlyLoopBitForBit(seed: UInt64) {
    var rng = SplitMix64(seed: seed)
    let tape = Tape()
    let leaves = (0..<3).map { _ in tape.variable(Double.random(in: -1...1, using: &rng)) }
    let nodes = randomProgram(leaves, steps: 200, using: &rng)
    let output = nodes.last!
    let expected = memoryOnlyAdjoints(of: tape, from: Int(output.index))
    let g = output.backward(retainingTape: true)
    for (k, node) in nodes.enumerated() {
      #expect(g[node].bitPattern == expected[Int(node.index)].bitPattern, "node \(k) (index \(node.index))")
    }
    let checked = withNumericsChecking { output.backward(retainingTape: true) }
    #expect(nodes.allSatisfy { checked[$0].bitPattern == g[$0].bitPattern }, "the numerics-checked sweep differs")
  }

  /// x · x and x + x of the node just before: both contributions reach one node. d/dx of ((x·x)·(x·x) + ((x + x) + (x + x))) at x is
  /// 4x³ + 4, computed here in plain arithmetic.
  @Test(arguments: [0.3, -1.7, 2.5])
  func bothOperandsBeingTheNodeJustBeforeAddsBothContributions(_ x: Double) {
    let g = gradient(at: x) { v in
      let square = v * v
      let doubled = v + v
      return square * square + (doubled + doubled)
    }
    expectClose(g, 4 * x * x * x + 4, relative: 1e-15)
  }

  /// The Hessian of a scalar function sweeps from several seeds and stops at the inputs' leaves (`through:`).
  /// f(x, y) = x²y + sin(x)·y: H = [[2y − sin(x)·y, 2x + cos x], [2x + cos x, 0]].
  @Test(arguments: [(0.4, 1.2), (-1.3, 0.7)])
  func hessiansOfSweepsStoppingAtTheInputsGiveTheClosedForm(_ x: Double, _ y: Double) {
    let h = hessian(at: [x, y]) { v in v[0] * v[0] * v[1] + sin(v[0]) * v[1] }
    let offDiagonal = 2 * x + Foundation.cos(x)
    expectClose(h.flatMap { $0 }, [2 * y - Foundation.sin(x) * y, offDiagonal, offDiagonal, 0], relative: 1e-14, absolute: 1e-15)
  }
}
