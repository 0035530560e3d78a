/// The result of `backward()`: the adjoint (derivative of the output) of every node of the tape.
///
/// Read it by subscripting with the variables you want the derivative with respect to:
///
/// ```swift
/// let g = loss.backward()
/// g[w]        // a Tensor of w's shape
/// g[x]        // a Double
/// ```
///
/// A node the output does not depend on has gradient zero. `Gradients` is a plain value: it does not keep
/// the tape alive.
public struct Gradients {
  /// The tape, held weakly: not kept alive, and compared by reference, so that a new tape allocated at the
  /// address of a freed one is not mistaken for it (as an `ObjectIdentifier` alone would be).
  weak var tape: Tape?
  /// The tape's identity, for `recording`.
  let tapeIdentity: ObjectIdentifier
  let generation: UInt32
  /// The scalar adjoints, one per node up to the output (tensor nodes' slots hold 0).
  let scalars: AdjointBuffer
  /// The tensor adjoints, one per tensor entry of the tape (nil where none reached it).
  let tensors: [Tensor?]

  init(tape: Tape, scalars: AdjointBuffer, tensors: [Tensor?]) {
    self.tape = tape
    self.tapeIdentity = ObjectIdentifier(tape)
    self.generation = tape.generation
    self.scalars = scalars
    self.tensors = tensors
  }

  /// The derivative of the output with respect to a scalar variable.
  ///
  /// - Precondition: `x` is recorded on the tape these gradients come from.
  public subscript(x: Variable<Double>) -> Double {
    let index = Int(check(x))
    return index < scalars.count ? scalars.pointer[index] : 0
  }

  /// The derivative of the output with respect to a tensor variable: a tensor of `x`'s shape.
  ///
  /// - Precondition: `x` is recorded on the tape these gradients come from.
  public subscript(x: Variable<Tensor>) -> Tensor {
    let index = Int(check(x))
    guard index < scalars.count, let tape = x.tape else { return Tensor.zeros(x.value.shape) }
    return tensors[tape.tensorSlot(of: Int32(index))] ?? Tensor.zeros(x.value.shape)
  }

  /// The derivatives with respect to several scalar variables, in order.
  public subscript(xs: [Variable<Double>]) -> [Double] {
    xs.map { self[$0] }
  }

  private func check<V>(_ x: Variable<V>) -> Int32 {
    guard let tape = x.tape else {
      failPrecondition("Gradients: this variable is a constant, recorded on no tape; it has no gradient")
    }
    checkPrecondition(
      tape === self.tape && x.generation == generation,
      "Gradients: this variable is not recorded on the tape (or the recording) these gradients come from")
    return x.index
  }
}

/// The scalar adjoints of one backward pass, in memory borrowed from (and returned to) the thread's cache.
final class AdjointBuffer {
  let pointer: UnsafeMutablePointer<Double>
  let count: Int
  private let capacity: Int

  init(count: Int) {
    (pointer, capacity) = ThreadLocalCache.takeAdjoints(count: count)
    self.count = count
  }

  deinit {
    ThreadLocalCache.give(adjoints: pointer, capacity: capacity)
  }
}
