/// The number of threads matrix products may use inside `body`: 1, or 2 (then the kernel still decides by
/// size whether a product is large enough to repay waking a second thread). Large `addProduct(_:_:)`
/// updates follow the same limit.
///
/// The limit is scoped to `body` and to the task or thread running it (a task-local value, so concurrent
/// callers do not see each other's limits). Outside any such scope matrix products decide by size alone.
///
/// ```swift
/// let oneThread = withMatrixProductThreads(1) { a.matmul(b) }
/// ```
///
/// - Precondition: `threads` is 1 or 2.
public func withMatrixProductThreads<R>(_ threads: Int, _ body: () throws -> R) rethrows -> R {
  checkPrecondition(threads == 1 || threads == 2, "withMatrixProductThreads: threads must be 1 or 2, got \(threads)")
  return try MatrixProductThreads.$limit.withValue(threads, operation: body)
}

/// The scoped thread limit read by every matrix product that is not given an explicit thread count.
enum MatrixProductThreads {
  @TaskLocal static var limit: Int?

  /// The thread count to pass to the kernel: an explicit request, else the scoped limit (1 forces one
  /// thread; 2 lets the kernel decide by size), else the kernel's own choice.
  static func resolve(_ requested: Int?) -> Int? {
    if let requested { return requested }
    return limit == 1 ? 1 : nil
  }
}
