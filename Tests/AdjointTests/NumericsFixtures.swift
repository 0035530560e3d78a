import Adjoint

/// The computations that numerics checking must stop in, each with the line that records the offending
/// operation (`#line` beside it), which a report must name.
enum NumericsFixtures {
  /// A 15,001-node graph whose node 2348 is the log of a negative number.
  static func bigGraphWithLogOfANegative() -> Variable<Double> {
    let tape = Tape(checkingNumerics: true)
    var y = tape.variable(0.5)
    for step in 0..<7500 {
      y = sin(y) + 1  // in [0, 2]
      if step == 1172 {
        y = log(y - 3)
      }
    }
    return y
  }
  static let logLine = 13

  static func tensorLogOfANegativeElement() -> Variable<Tensor> {
    let tape = Tape(checkingNumerics: true)
    let x = tape.variable(Tensor([[1, 2, 3], [4, -5, 6]]))
    return log(x)
  }
  static let tensorLogLine = 23

  static func sqrtAtZeroWithNonzeroAdjoint() {
    let tape = Tape(checkingNumerics: true)
    let x = tape.variable(0.0)
    let y = sqrt(x) * 3
    _ = y.backward()
  }
  static let sqrtLine = 30

  /// A custom operation whose pullback multiplies by [1, ∞, 1].
  static func customPullbackReturningInfinity() {
    let tape = Tape(checkingNumerics: true)
    let x = tape.variable(Tensor([1, 2, 3]))
    let y = Variable.record("blowUp", value: x.value, inputs: [x]) { v, _, _ in
      [v * Variable(Tensor([1, .infinity, 1]))]
    }
    _ = y.sum().backward()
  }
  static let blowUpLine = 39

  static func secondOrderThroughSqrtAtZero() {
    let tape = Tape(checkingNumerics: true)
    let x = tape.variable(0.0)
    _ = gradient(at: x) { x in sqrt(x) }
  }
  static let secondOrderLine = 49
}
