// Numerics checking (anomaly detection): the public switches. A checking tape stops at the first operation
// whose value, or whose adjoint contribution in a backward pass, is NaN or ±∞, and reports the operation,
// its node, its operands and the line of the caller's code that recorded it. Docs/Debugging.md.
//
// Checking costs nothing while it is off: a checking tape keeps its fast-path capacity at 0, so every
// append takes the out-of-line path that already exists for growth, and the reverse sweep is specialized
// once with checks and once without. No branch is added to the inlined recording path or the sweep loop.

/// The scoped switch read when a tape is created or starts a recording (a task-local value: it applies to
/// the task or thread running the scope and to the child tasks it creates, not to other threads).
enum NumericsChecking {
  @TaskLocal static var isScoped = false
}

/// Runs `body` with numerics checking on for every tape created inside it, every tape whose recording
/// starts inside it (its first node after creation or `reset()`), and every `backward()` run inside it
/// (PyTorch's `torch.autograd.detect_anomaly()`, JAX's `jax_debug_nans`).
///
/// The first operation whose value is NaN or ±∞ — in the forward pass, in a `backward()`, or in a backward
/// pass recorded for a higher-order derivative — stops the program with a report on standard error: the
/// operation, its node index, its operands' values (scalars) or shapes and the offending element (tensors),
/// and the file, line and function of the code that recorded it.
///
/// ```swift
/// let loss = withNumericsChecking {
///   let tape = Tape()
///   let x = tape.variable(-1.0)
///   return log(x * 2)        // traps: "Numerics check (forward pass): log at node 2 produced nan …"
/// }
/// ```
///
/// - Parameter body: the code to check.
/// - Returns: what `body` returns.
/// - Complexity: while on, each operation also captures its call stack (a few microseconds) and each
///   value and adjoint contribution is checked; while off, nothing at all. Measured in Docs/Debugging.md.
public func withNumericsChecking<R>(_ body: () throws -> R) rethrows -> R {
  try NumericsChecking.$isScoped.withValue(true, operation: body)
}

extension Tape {
  /// Creates an empty tape that checks numerics, or not, regardless of any `withNumericsChecking` scope.
  ///
  /// - Parameter checkingNumerics: whether the tape stops at the first operation, or backward-pass
  ///   contribution, that is NaN or ±∞ (see `withNumericsChecking(_:)`).
  public convenience init(checkingNumerics: Bool) {
    self.init()
    isCheckingNumerics = checkingNumerics
  }

  /// Whether this tape stops at the first operation, or backward-pass contribution, that is NaN or ±∞,
  /// with a report naming the operation and where it was recorded (see `withNumericsChecking(_:)`).
  ///
  /// It may be switched at any time; call stacks are captured only for operations recorded while it is
  /// on. Off by default, and then free.
  public var isCheckingNumerics: Bool {
    get { numericsChecker != nil }
    set {
      guard newValue != (numericsChecker != nil) else { return }
      numericsChecker = newValue ? NumericsChecker() : nil
      // Route the next append through `appendScalarSlowly`, which keeps the fast path closed while checking
      // and reopens it otherwise.
      arena.pointee.capacity = 0
    }
  }
}
