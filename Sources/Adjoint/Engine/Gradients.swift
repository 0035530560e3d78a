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
/// A node the output does not depend on has gradient zero. `Gradients` is a plain value: it holds the
/// adjoints, not the tape (a tape with tensor nodes is kept alive, to find its tensor adjoints), and reading
/// a scalar gradient does no reference counting.
public struct Gradients {
  /// The tape's arena header and generation: the recording these gradients come from (unique for the life
  /// of the process, see `ScalarArena`), compared with a variable's own.
  let arena: UnsafeMutablePointer<ScalarArena>
  let generation: UInt32
  /// The tape, only when it has tensor nodes (whose adjoints are found through it).
  let tensorTape: Tape?
  /// How many times the tape had been reset before this recording (for `description`).
  let recordingNumber: UInt32
  /// The scalar adjoints, one per node up to the output (tensor nodes' slots hold 0).
  let scalars: AdjointBuffer
  /// The tensor adjoints, one per tensor entry of the tape (nil where none reached it).
  let tensors: [Tensor?]

  init(tape: Tape, scalars: AdjointBuffer, tensors: [Tensor?]) {
    self.arena = tape.arena
    self.tensorTape = tensors.isEmpty ? nil : tape
    self.generation = tape.generation
    self.recordingNumber = tape.generation &- tape.arena.pointee.firstGeneration
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

  /// The adjoint of `x`, or nil when `x` is not a variable of this recording.
  @inline(__always)
  private func scalar(_ x: Variable<Double>) -> Double? {
    guard x.arena == arena, x.generation == generation else { return nil }
    let index = Int(x.index)
    return index < scalars.count ? scalars.pointer[index] : 0
  }

  /// The derivative of the output with respect to a tensor variable: a tensor of `x`'s shape.
  ///
  /// - Precondition: `x` is recorded on the tape these gradients come from.
  public subscript(x: Variable<Tensor>) -> Tensor {
    let index = Int(check(x))
    guard index < scalars.count, let tape = tensorTape else { return Tensor.zeros(x.value.shape) }
    return tensors[tape.tensorSlot(of: Int32(index))] ?? Tensor.zeros(x.value.shape)
  }

  /// The derivatives with respect to several scalar variables, in order, read in one pass.
  ///
  /// - Precondition: every variable of `xs` is recorded on the tape these gradients come from.
  /// - Complexity: O(`xs.count`).
  public subscript(xs: [Variable<Double>]) -> [Double] {
    [Double](unsafeUninitializedCapacity: xs.count) { buffer, initialized in
      xs.withUnsafeBufferPointer { variables in
        for k in variables.indices {
          guard let g = scalar(variables[k]) else { _ = check(variables[k]); continue }  // check traps
          (buffer.baseAddress! + k).initialize(to: g)
        }
      }
      initialized = xs.count
    }
  }

  private func check<V>(_ x: Variable<V>) -> Int32 {
    guard x.arena != nil else {
      failPrecondition("Gradients: this variable is a constant, recorded on no tape; it has no gradient")
    }
    checkPrecondition(
      x.arena == arena && x.generation == generation,
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
