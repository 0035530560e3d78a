/// `adjoint train`: trains a classifier on the bundled digits (or a CSV, or MNIST).
enum TrainCommand {
  static let summary = "Trains a 64-128-10 ReLU network on the bundled handwritten digits and reports test accuracy."
  static func run(_ arguments: [String]) -> Int32 { 0 }
}
