import Adjoint
import Dispatch
import Testing

/// One tape, one thread (or task) at a time: a second thread recording on or differentiating a tape that
/// another owns traps with a message, and the hand-overs of Docs/Design.md ("Threads") work. Traps run in
/// exit tests; the second thread is a dispatch worker, waited for with a semaphore.
@Suite struct TapeThreadingTests {
  @Test func secondThreadRecordingScalarsOntoAnOwnedTapeTrapsWhenTheArenaGrows() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let tape = Tape()
      let x = tape.variable(1.0)  // this thread owns the tape
      onAnotherThread {
        var y = x
        for _ in 0..<100_000 { y = y * 1.0001 }  // more nodes than the arena holds: it grows on this thread
      }
    }
    expectStandardError(of: result, contains: "Tape: one tape used from two threads")
    expectStandardError(of: result, contains: "tried to record multiplyByConstant")
    expectStandardError(of: result, contains: "reset() or takeOwnership()")
  }

  /// Both threads record at the same time; the tensor operation is checked before it touches the tape.
  @Test func twoThreadsRecordingAtOnceTrap() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let tape = Tape()
      let x = tape.variable(Tensor([1, 2, 3]))  // this thread owns the tape
      let input = UncheckedBox(x)
      DispatchQueue.global().async { _ = exp(input.value) }  // a second thread records while the owner does
      var y = x
      while true { y = y * 1.0001 }
    }
    expectStandardError(of: result, contains: "Tape: one tape used from two threads")
    expectStandardError(of: result, contains: "tried to record exp")
  }

  @Test func secondThreadRunningBackwardTraps() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let tape = Tape()
      let x = tape.variable(2.0)
      let y = x * x
      onAnotherThread { _ = y.backward() }
    }
    expectStandardError(of: result, contains: "tried to run backward()")
    expectStandardError(of: result, contains: "(2 nodes) belongs to thread 0x")
  }

  // MARK: Hand-over

  @Test func takeOwnershipHandsATapeToAnotherThread() {
    let tape = Tape()
    let x = tape.variable(3.0)
    let y = x * x
    let result = UncheckedBox(0.0)
    onAnotherThread {
      tape.takeOwnership()
      let z = y * x  // x³
      result.value = z.backward()[x]
    }
    #expect(result.value == 27)  // 3x² at 3, exactly representable
  }

  @Test func aResetTapeBelongsToTheNextThreadThatRecordsOnIt() {
    let tape = Tape()
    _ = (tape.variable(1.0) * 2).backward()
    tape.reset()
    let result = UncheckedBox(0.0)
    onAnotherThread {
      let x = tape.variable(5.0)
      result.value = (x * x).backward()[x]
    }
    #expect(result.value == 10)
    tape.reset()  // and back
    let u = tape.variable(4.0)
    #expect((u * u).backward()[u] == 8)
  }

  @Test func anEmptyTapeCreatedOnOneThreadIsRecordedOnAnother() {
    let tape = Tape()
    let result = UncheckedBox(0.0)
    onAnotherThread {
      let x = tape.variable(2.0)
      result.value = sin(x).backward()[x]
    }
    expectClose(result.value, Double.cos(2))
  }

  /// A task keeps its tape across suspension points, even when it resumes on another thread.
  @Test func aTaskKeepsItsTapeAcrossAwaits() async {
    let tape = Tape()
    let x = tape.variable(2.0)
    var y = x
    for _ in 0..<3000 {  // enough to grow the arena after the awaits
      y = y * 1.0
      await Task.yield()
    }
    #expect((y * x).backward()[x] == 4)
  }

  @Test func pullbackOfValueWithPullbackRunsOnAnotherThread() {
    let (value, pullback) = valueWithPullback(at: Tensor([1, 2])) { x in x * x }
    #expect(value == Tensor([1, 4]))
    let box = UncheckedBox(pullback)
    let result = UncheckedBox(Tensor([0]))
    onAnotherThread { result.value = box.value(Tensor([1, 1])) }
    #expect(result.value == Tensor([2, 4]))
  }
}

/// Runs `body` on a dispatch worker thread and waits for it.
private func onAnotherThread(_ body: @escaping () -> Void) {
  let done = DispatchSemaphore(value: 0)
  let work = UncheckedBox(body)
  DispatchQueue.global().async {
    work.value()
    done.signal()
  }
  done.wait()
}

/// Moves a non-Sendable value to another thread; the tests order the accesses with semaphores.
private final class UncheckedBox<Value>: @unchecked Sendable {
  var value: Value
  init(_ value: Value) { self.value = value }
}
