// The checks of numerics checking: every value as it is recorded, and every adjoint contribution of a
// backward pass. The messages are composed in NumericsReport.swift.

/// A checking tape's state: where each operation was recorded, and which node's pullback is being recorded
/// (during a recorded backward pass, whose operations are reported as part of that pullback).
final class NumericsChecker {
  /// Call stacks by node index (nil for leaves and for nodes recorded before checking was switched on).
  private(set) var sites: [RecordingSite?] = []
  let images = ImageMapBox()
  /// While a recorded backward pass runs a pullback: the node it differentiates.
  var pullingBack: Int?

  func reset() {
    sites.removeAll(keepingCapacity: true)
    pullingBack = nil
  }

  func site(of node: Int) -> RecordingSite? { node < sites.count ? sites[node] : nil }

  /// Checks the node just appended at `node` and remembers where it was recorded.
  func didAppend(node: Int, on tape: Tape) {
    let entry = tape.arena.pointee.entries[node]
    if entry.op == .leaf || entry.op == .tensorLeaf { return }  // inputs are reported where an operation reads them
    if sites.count < node { sites.append(contentsOf: repeatElement(nil, count: node - sites.count)) }
    sites.append(RecordingSite.capture(images: images))
    if entry.op == .tensor {
      let value = tape.tensorEntries[Int(entry.rhs)].value
      if let bad = value.firstNonFiniteIndex {
        NumericsReport(tape: tape, checker: self).trapForwardTensor(node: node, element: bad)
      }
    } else if _slowPath(!tape.arena.pointee.values[node].isFinite) {
      NumericsReport(tape: tape, checker: self).trapForwardScalar(node: node)
    }
  }

  /// Checks the seed of a backward pass started at `node`.
  func checkSeed(_ scalarSeed: Double, _ tensorSeed: Tensor?, node: Int, on tape: Tape) {
    let finite = tensorSeed?.isFinite ?? scalarSeed.isFinite
    checkPrecondition(finite, "Numerics check (backward pass): the seed of backward() from node \(node) is not finite")
  }

  /// Checks a scalar node's contributions `dx`, `dy` to its inputs.
  @inline(__always)
  func check(_ dx: Double, _ dy: Double, node: Int, v: Double, on tape: Tape, recorded: Bool) {
    if _slowPath(!dx.isFinite) { NumericsReport(tape: tape, checker: self).trapScalarContribution(node: node, input: 0, contribution: dx, v: v, recorded: recorded) }
    if _slowPath(!dy.isFinite) { NumericsReport(tape: tape, checker: self).trapScalarContribution(node: node, input: 1, contribution: dy, v: v, recorded: recorded) }
  }

  /// Checks the adjoints of a scalar node's inputs after its contributions were added (finite terms can
  /// overflow to ±∞ when summed).
  @inline(__always)
  func checkSums(lhs: Double, rhs: Double, node: Int, on tape: Tape) {
    if _slowPath(!lhs.isFinite) { NumericsReport(tape: tape, checker: self).trapAccumulation(node: node, input: 0, sum: lhs) }
    if _slowPath(!rhs.isFinite) { NumericsReport(tape: tape, checker: self).trapAccumulation(node: node, input: 1, sum: rhs) }
  }

  /// Checks a tensor node's contributions to its inputs.
  func checkTensorContributions(_ contributions: [Tensor?], v: Tensor, node: Int, on tape: Tape, recorded: Bool) {
    for (k, contribution) in contributions.enumerated() {
      guard let contribution, let bad = contribution.firstNonFiniteIndex else { continue }
      NumericsReport(tape: tape, checker: self).trapTensorContribution(
        node: node, input: k, contribution: contribution, element: bad, v: v, recorded: recorded)
    }
  }
}

/// The hooks of the first-order sweep loop, specialized away when checking is off.
protocol SweepObserver {
  var checker: NumericsChecker? { get }
  func check(_ dx: Double, _ dy: Double, node: Int, v: Double)
  func checkSums(lhs: Double, rhs: Double, node: Int)
}

/// No checks: every hook is empty, so the specialized loop is the plain loop.
struct UncheckedSweep: SweepObserver {
  @inline(__always) var checker: NumericsChecker? { nil }
  @inline(__always) func check(_ dx: Double, _ dy: Double, node: Int, v: Double) {}
  @inline(__always) func checkSums(lhs: Double, rhs: Double, node: Int) {}
}

/// Checks every contribution and every sum of contributions.
struct CheckedSweep: SweepObserver {
  unowned let tape: Tape
  let checker: NumericsChecker?
  init(tape: Tape, checker: NumericsChecker) {
    self.tape = tape
    self.checker = checker
  }
  @inline(__always) func check(_ dx: Double, _ dy: Double, node: Int, v: Double) {
    checker?.check(dx, dy, node: node, v: v, on: tape, recorded: false)
  }
  @inline(__always) func checkSums(lhs: Double, rhs: Double, node: Int) {
    checker?.checkSums(lhs: lhs, rhs: rhs, node: node, on: tape)
  }
}

extension Tensor {
  /// The flat index of the first NaN or ±∞ element, if any.
  var firstNonFiniteIndex: Int? {
    withUnsafeBufferPointer { $0.firstIndex { !$0.isFinite } }
  }
}
