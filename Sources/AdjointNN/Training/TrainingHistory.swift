import Foundation

/// What one epoch of training measured: the epoch's number, losses, accuracies, learning rate and time.
public struct EpochRecord: Sendable, Equatable, Codable {
  /// The epoch's number, from 1 (continuing across resumed runs).
  public var epoch: Int
  /// The mean loss on the training split after the epoch.
  public var loss: Double
  /// The accuracy on the training split after the epoch, in [0, 1].
  public var trainAccuracy: Double
  /// The mean loss on the test split after the epoch.
  public var testLoss: Double
  /// The accuracy on the test split after the epoch, in [0, 1].
  public var testAccuracy: Double
  /// The learning rate used during the epoch.
  public var learningRate: Double
  /// The wall-clock seconds the epoch's training took.
  public var seconds: Double

  /// Creates a record.
  public init(
    epoch: Int, loss: Double, trainAccuracy: Double, testLoss: Double, testAccuracy: Double, learningRate: Double,
    seconds: Double
  ) {
    self.epoch = epoch
    self.loss = loss
    self.trainAccuracy = trainAccuracy
    self.testLoss = testLoss
    self.testAccuracy = testAccuracy
    self.learningRate = learningRate
    self.seconds = seconds
  }

  /// The record as one line of JSON with snake_case keys in a fixed order (what `adjoint train --log` writes):
  ///
  /// ```
  /// {"epoch":1,"loss":0.512,"train_accuracy":0.91,"test_loss":0.33,"test_accuracy":0.9,"learning_rate":0.1,"seconds":0.2}
  /// ```
  ///
  /// Numbers are printed with Swift's shortest round-trip form; a NaN or infinite value is written as `null`.
  public var jsonLine: String {
    let fields: [(String, Double)] = [
      ("loss", loss), ("train_accuracy", trainAccuracy), ("test_loss", testLoss), ("test_accuracy", testAccuracy),
      ("learning_rate", learningRate), ("seconds", seconds),
    ]
    return "{\"epoch\":\(epoch)," + fields.map { "\"\($0.0)\":\($0.1.isFinite ? "\($0.1)" : "null")" }.joined(separator: ",") + "}"
  }
}
