// Public access to the tape a variable is recorded on, and to the identity of a tape's recording, for
// libraries built on the engine (AdjointNN's layers find the tape from their input; its parameters
// remember which recording they were bound to and which one they last took gradients from).

/// Identifies one recording of one tape: the nodes recorded between two `reset()`s of that tape.
///
/// Two variables (or a variable and a `Gradients`) with equal recordings belong to the same computation.
/// The identity is unique for the life of the process: a new tape never reuses the recording of a freed one.
public struct TapeRecording: Hashable, Sendable {
  /// The address of the tape's arena header (headers are never freed, only reused by later tapes).
  let header: UInt
  /// The header's generation (every `reset()`, and every freeing of a tape, starts a new one).
  let generation: UInt32

  init(header: UnsafeMutablePointer<ScalarArena>, generation: UInt32) {
    self.header = UInt(bitPattern: header)
    self.generation = generation
  }
}

extension Tape {
  /// The recording that operations on this tape currently append to; `reset()` starts a new one.
  public var currentRecording: TapeRecording {
    TapeRecording(header: arena, generation: generation)
  }
}

extension Variable {
  /// The tape this variable is recorded on, or nil for a constant.
  ///
  /// A layer uses it to record its parameters on the same tape as its input. The tape may have been reset
  /// since the variable was made (see `recording` to tell). Nil also when the tape has been freed (a
  /// variable does not keep its tape alive).
  public var recordingTape: Tape? {
    guard let arena else { return nil }
    return arena.pointee.liveTape(recordedIn: generation)
  }

  /// The recording this variable belongs to, or nil for a constant.
  public var recording: TapeRecording? {
    guard let arena else { return nil }
    return TapeRecording(header: arena, generation: generation)
  }
}

extension Gradients {
  /// The recording these gradients were computed from: `g[x]` is defined exactly for the variables `x`
  /// whose `recording` equals it.
  public var recording: TapeRecording {
    TapeRecording(header: arena, generation: generation)
  }
}
