import Testing
import AdjointNN
@testable import AdjointCommandLine

/// `adjoint train`: its arguments, its errors, and the training it runs.
@Suite struct TrainCommandTests {
  @Test func wrongArgumentsExitWithStatus2() {
    #expect(runAdjointCommand(["train", "--epochs", "ten"]) == 2)
    #expect(runAdjointCommand(["train", "--epochs", "0"]) == 2)
    #expect(runAdjointCommand(["train", "--optimizer", "lbfgs"]) == 2)
    #expect(runAdjointCommand(["train", "--epoch", "3"]) == 2)
    #expect(runAdjointCommand(["train", "--data", "a.csv", "--mnist", "dir"]) == 2)
  }

  @Test func missingOrMalformedFilesExitWithStatus1() throws {
    #expect(runAdjointCommand(["train", "--data", "/nonexistent/digits.csv"]) == 1)
    #expect(runAdjointCommand(["train", "--mnist", "/nonexistent"]) == 1)
  }

  @Test func helpAndUnknownSubcommands() {
    #expect(runAdjointCommand(["train", "--help"]) == 0)
    #expect(runAdjointCommand(["--help"]) == 0)
    #expect(runAdjointCommand(["trian"]) == 2)
    #expect(overview.contains("train") && overview.contains("gradcheck") && overview.contains("bench"))
  }

  /// Three epochs of the default network on the bundled digits with a fixed seed learn well beyond chance
  /// (10 %): the training loop, the split and the evaluation work together.
  @Test func threeEpochsOnTheDigitsLearn() throws {
    var rng = SplitMix64(seed: 0)
    let split = try Digits.load().split(trainingFraction: 0.8, using: &rng)
    var session = TrainingSession(
      training: split.training, test: split.test, hiddenUnits: 32, batchSize: 32,
      optimizer: SGD(learningRate: 0.1, momentum: 0.9), using: &rng)
    let before = session.evaluate()
    var steps = 0
    for _ in 0..<3 { session.trainEpoch(using: &rng) { _, _ in steps += 1 } }
    let after = session.evaluate()
    #expect(steps == 3 * 45)  // 1,438 rows in batches of 32
    #expect(after.trainingLoss < before.trainingLoss / 3)
    #expect(after.testAccuracy > 0.9, "test accuracy \(after.testAccuracy)")
  }

  @Test func epochNumbersArePaddedToTheLastOne() {
    #expect(TrainCommand.pad(3, to: 20) == " 3")
    #expect(TrainCommand.pad(12, to: 20) == "12")
  }
}
