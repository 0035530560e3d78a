import Adjoint

/// The examples of Docs/Debugging.md verbatim, each wrapped in a function (the guide's line numbers differ;
/// the tests name the lines here).
enum DebuggingGuideExamples {
  static func loss(_ w: [Variable<Double>]) -> Variable<Double> {
    var total = Variable(0.0)
    for (k, wk) in w.enumerated() {
      total = total + log(wk - Double(k) * 0.01)  // log(0) at k = 50, of negatives after
    }
    return total
  }

  static func forward() {
    let tape = Tape(checkingNumerics: true)
    let w = tape.variables(Array(repeating: 0.5, count: 100))
    let g = loss(w).backward()
    _ = g
  }

  static func distance(_ x: Variable<Double>, _ y: Variable<Double>) -> Variable<Double> {
    sqrt(x * x + y * y)
  }

  static func backward() {
    let slope = withNumericsChecking {
      let tape = Tape()
      let x = tape.variable(0.0), y = tape.variable(0.0)
      return distance(x, y).backward()[x]  // x / √(x² + y²): undefined at the origin
    }
    _ = slope
  }

  static func entropy() {
    let tape = Tape(checkingNumerics: true)
    let p = tape.variable(Tensor([[0.2, 0.8], [1.0, 0.0]]))
    let entropy = -(p * log(p)).sum()
    _ = entropy
  }
}
