import Adjoint
import Dispatch
import Foundation
import Testing

/// Independent tapes on several threads and tasks at once give the same answers as alone: the engine has
/// no shared mutable state. Each worker differentiates its own function, many times, so that the workers
/// overlap in time; expected values are closed forms.
@Suite struct ConcurrencyTests {
  /// Worker k differentiates f_k(x) = sin(k·x) + x³/k at x_k = 0.1·k: f_k′ = k·cos(k·x) + 3x²/k.
  private static func work(_ k: Int, repetitions: Int) -> (derivative: Double, expected: Double) {
    let c = Double(k)
    let x = 0.1 * c
    var derivative = 0.0
    for _ in 0..<repetitions {
      derivative = gradient(at: x) { x in sin(c * x) + x * x * x / c }
    }
    return (derivative, c * cos(c * x) + 3 * x * x / c)
  }

  @Test func concurrentPerformOnIndependentTapes() {
    let workers = 16
    let results = LockedArray<(derivative: Double, expected: Double)>(repeating: (.nan, 0), count: workers)
    DispatchQueue.concurrentPerform(iterations: workers) { i in
      results[i] = Self.work(i + 1, repetitions: 300)
    }
    for (i, result) in results.elements.enumerated() {
      expectClose(result.derivative, result.expected, "worker \(i)")
    }
  }

  @Test func taskGroupOfIndependentTapes() async {
    let results = await withTaskGroup(of: (Int, Double, Double).self) { group in
      for k in 1...16 {
        group.addTask { let r = Self.work(k, repetitions: 300); return (k, r.derivative, r.expected) }
      }
      return await group.reduce(into: []) { $0.append($1) }
    }
    #expect(results.count == 16)
    for (k, derivative, expected) in results {
      expectClose(derivative, expected, "task \(k)")
    }
  }

  /// Each thread records on one long-lived tape that it resets between recordings, and takes second
  /// derivatives (recorded sweeps): d²/dx² (x⁴ + k·x) = 12x².
  @Test func threadsResettingTheirOwnTapesAndTakingSecondDerivatives() {
    let workers = 8
    let failures = LockedArray(repeating: -1, count: workers)
    DispatchQueue.concurrentPerform(iterations: workers) { i in
      let tape = Tape()
      let k = Double(i)
      var count = 0
      for step in 0..<200 {
        tape.reset()
        let x0 = 0.01 * Double(step) + k
        let x = tape.variable(x0)
        let d2 = gradient(at: x) { x in gradient(at: x) { y in y * y * y * y + k * y } }
        let d3 = d2.backward()[x]
        let secondError = Swift.abs(d2.value - 12 * x0 * x0) / Swift.max(1, 12 * x0 * x0)
        let thirdError = Swift.abs(d3 - 24 * x0) / Swift.max(1, 24 * x0)
        if secondError > 1e-12 || thirdError > 1e-12 { count += 1 }
      }
      failures[i] = count
    }
    #expect(failures.elements == Array(repeating: 0, count: workers))
  }
}

/// An array that concurrent workers write under a lock. `NSLock` is a pthread mutex, which the thread
/// sanitizer understands (it cannot see the futex inside `Synchronization.Mutex` on Linux, and would report
/// the accesses it orders as races).
private final class LockedArray<Element>: @unchecked Sendable {
  private let lock = NSLock()
  private var storage: [Element]

  init(repeating element: Element, count: Int) {
    storage = Array(repeating: element, count: count)
  }

  subscript(index: Int) -> Element {
    get { lock.withLock { storage[index] } }
    set { lock.withLock { storage[index] = newValue } }
  }

  var elements: [Element] { lock.withLock { storage } }
}
