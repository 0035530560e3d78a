import Foundation
import Testing

@testable import Adjoint

/// A tape recorded inside a Swift task belongs to that task (its identity, not its thread: tasks move
/// between threads and share them): a second task recording on it traps, and the owner keeps it across
/// awaits. The thread side is in TapeThreadingTests.
@Suite struct TapeTaskOwnershipTests {
  @Test func secondTaskRecordingOnATapeAnotherTaskOwnsTraps() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let tape = Tape()
      let x = tape.variable(Tensor([1, 2, 3]))  // this task owns the tape
      let box = SendableBox(x)
      await Task.detached { _ = exp(box.value) }.value  // another task, possibly on the same thread
    }
    expectStandardError(of: result, contains: "Tape: one tape used from two threads")
    expectStandardError(of: result, contains: "(in a Swift task)")
    expectStandardError(of: result, contains: "tried to record exp")
  }

  @Test func secondTaskRunningBackwardTraps() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let tape = Tape()
      let x = tape.variable(Tensor([1, 2, 3]))
      let box = SendableBox((x * x).sum())
      await Task.detached { _ = box.value.backward() }.value
    }
    expectStandardError(of: result, contains: "Tape: one tape used from two threads")
    expectStandardError(of: result, contains: "tried to run backward()")
  }

  /// The owning task records tensor operations on both sides of suspension points and differentiates.
  @Test func theOwningTaskRecordsTensorsAcrossAwaits() async {
    let tape = Tape()
    let x = tape.variable(Tensor([1, -2, 3]))
    var y = x
    for _ in 0..<50 {
      y = y * x / x  // two tensor operations, each checked against the owner
      await Task.yield()
    }
    #expect((y * x).sum().backward()[x] == Tensor([2, -4, 6]))  // ∂Σx²/∂x = 2x
  }

  /// A task hands its tape to another with `takeOwnership()` once it has stopped using it.
  @Test func takeOwnershipHandsATapeToAnotherTask() async {
    let tape = Tape()
    let x = tape.variable(Tensor([3, 4]))
    let box = SendableBox((tape, x, (x * x).sum()))
    let gradient = await Task.detached {
      let (tape, x, y) = box.value
      tape.takeOwnership()
      return y.backward()[x]
    }.value
    #expect(gradient == Tensor([6, 8]))
  }
}

/// `TapeOwner.current`, which reads the running task from the runtime directly: no task outside a task;
/// inside one, the same identity before and after an await, and another identity in another task alive
/// at the same time.
@Suite struct TapeOwnerIdentityTests {
  @Test func noTaskOutsideATask() {
    let owner = UncheckedResult<TapeOwner>()
    let done = DispatchSemaphore(value: 0)
    Thread {
      owner.value = TapeOwner.current
      done.signal()
    }.start()
    done.wait()
    #expect(owner.value?.task == nil)
    #expect(owner.value?.thread != 0)
  }

  @Test func aTaskKeepsItsIdentityAcrossAwaitsAndAnotherTaskHasItsOwn() async {
    let before = TapeOwner.current
    await Task.yield()
    let after = TapeOwner.current
    #expect(before.task != nil)
    #expect(before.task == after.task)
    #expect(before.isSame(as: after))
    let other = await Task.detached { TapeOwner.current }.value  // this task is alive meanwhile
    #expect(other.task != nil)
    #expect(other.task != before.task)
    #expect(!other.isSame(as: before))
  }
}

/// A value written by another thread; the test waits on a semaphore before reading it.
private final class UncheckedResult<Value>: @unchecked Sendable {
  var value: Value?
}

/// Moves a non-Sendable value into another task; the tests order the accesses with `await`.
private final class SendableBox<Value>: @unchecked Sendable {
  let value: Value
  init(_ value: Value) { self.value = value }
}
