// Public access to the tape a variable is recorded on, and to the identity of a tape's recording, for
// libraries built on the engine (AdjointNN's layers find the tape from their input; its parameters
// remember which recording they were bound to and which one they last took gradients from).

/// Identifies one recording of one tape: the nodes recorded between two `reset()`s of that tape.
///
/// Two variables (or a variable and a `Gradients`) with equal recordings belong to the same computation.
/// Like `ObjectIdentifier`, the identity is unique only among live tapes: once a tape is freed, a new tape
/// may reuse its identity. Compare it with a recording of a tape you keep alive (or reference weakly).
public struct TapeRecording: Hashable, Sendable {
  /// The tape's object identity.
  let tape: ObjectIdentifier
  /// The tape's generation (the number of resets before this recording).
  let generation: UInt32
}

extension Tape {
  /// The recording that operations on this tape currently append to; `reset()` starts a new one.
  public var currentRecording: TapeRecording {
    TapeRecording(tape: ObjectIdentifier(self), generation: generation)
  }
}

extension Variable {
  /// The tape this variable is recorded on, or nil for a constant.
  ///
  /// A layer uses it to record its parameters on the same tape as its input. The tape may have been reset
  /// since the variable was made (see `recording` to tell).
  public var recordingTape: Tape? { tape }

  /// The recording this variable belongs to, or nil for a constant.
  public var recording: TapeRecording? {
    guard let tape else { return nil }
    return TapeRecording(tape: ObjectIdentifier(tape), generation: generation)
  }
}

extension Gradients {
  /// The recording these gradients were computed from: `g[x]` is defined exactly for the variables `x`
  /// whose `recording` equals it.
  public var recording: TapeRecording {
    TapeRecording(tape: tapeIdentity, generation: generation)
  }
}
