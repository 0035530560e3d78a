// Programmer-error checks whose messages survive release builds.
//
// Swift's standard `precondition` function drops its message under `-O`: a release build prints only
// "precondition failure" and the user never learns which operation or which shapes were wrong. Every check
// in Adjoint, AdjointNN and the command line goes through these two functions instead. The condition is
// evaluated inline (the hot path pays one comparison); the message is an autoclosure that is built only on
// failure, in a function kept out of line.

/// Traps with `message` when `condition` is false, in debug and release builds alike.
///
/// Use it, as Adjoint does, for programmer errors: misuse that no input file or user data can cause (a
/// shape mismatch in code, an axis out of range, a variable from a reset tape). Data and file errors throw
/// typed errors instead.
///
/// ```swift
/// checkPrecondition(a.shape == b.shape, "myOp: shapes \(a.shape) and \(b.shape) differ")
/// ```
///
/// - Parameters:
///   - condition: the requirement; evaluated once.
///   - message: what went wrong, naming the operation, the operands' shapes and what was expected. Built only
///     when the check fails.
///   - file: the file reported with the message (the caller's, by default).
///   - line: the line reported with the message.
@inlinable @inline(__always)
public func checkPrecondition(
  _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
  file: StaticString = #fileID, line: UInt = #line
) {
  if _slowPath(!condition()) { failPrecondition(message(), file: file, line: line) }
}

/// Traps with `message`, in debug and release builds alike (the counterpart of `preconditionFailure(_:)`,
/// whose message a release build drops).
///
/// The message goes to standard error as `Fatal error: <message>` and the process stops with a non-zero
/// status.
///
/// - Parameters:
///   - message: what went wrong, naming the operation, the operands' shapes and what was expected.
///   - file: the file reported with the message (the caller's, by default).
///   - line: the line reported with the message.
@inline(never)
public func failPrecondition(
  _ message: @autoclosure () -> String, file: StaticString = #fileID, line: UInt = #line
) -> Never {
  fatalError(message(), file: file, line: line)
}
