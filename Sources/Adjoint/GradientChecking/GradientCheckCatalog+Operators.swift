#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension GradientCheckCatalog {
  /// The engine edges and recording forms of the differential-operators issue, first and second order:
  /// tensor elements read as scalars, scalars made into tensors, mixed tensor–scalar arithmetic, a scalar
  /// operation with a rule of its own (`Variable<Double>.record`) and a checkpointed segment.
  public static var operators: [GradientCheckCase] { operatorEdges + operatorsSecondOrder }

  // The rows are built one closure at a time, each with its types spelled out, so that the type checker
  // never has to solve one large literal of overloaded arithmetic.
  static var operatorEdges: [GradientCheckCase] {
    let elements: @Sendable ([Variable<Tensor>]) -> Variable<Tensor> = { v in
      let x = v[0]
      let product: Variable<Double> = x[element: 1, 2] * x[element: 0, 0]
      let wave: Variable<Double> = sin(x[element: 2, 3]) * x.scalars[5]
      return Variable<Tensor>(product + wave)
    }
    let mixed: @Sendable ([Variable<Tensor>]) -> Variable<Tensor> = { v in
      let s: Variable<Double> = v[1].scalar
      let x: Variable<Tensor> = v[0]
      let scaled: Variable<Tensor> = x * s - s / x
      let crossed: Variable<Tensor> = (s - x) * (x + s)
      return (scaled + crossed) / s
    }
    let fromScalars: @Sendable ([Variable<Tensor>]) -> Variable<Tensor> = { v in
      let squares: [Variable<Double>] = v[0].scalars.map { (e: Variable<Double>) in e * e }
      return Variable<Tensor>(squares, shape: [2, 2]).matmul(v[0])
    }
    let userRule: @Sendable ([Variable<Double>]) -> Variable<Double> = { v in log1pexpRule(v[0] * v[1]) * v[1] }
    let segment: @Sendable ([Variable<Double>]) -> Variable<Double> = { v in
      checkpointedSegment(v).reduce(Variable(0), +)
    }
    return [
      .init("tensor[element: i, j] as scalars", shapeSets: [[[3, 4]]], elements),
      .init("tensor ⊙ scalar, scalar ÷ tensor", shapeSets: [[[2, 3], []]], in: [0.5...2], mixed),
      .init("tensor from scalars", shapeSets: [[[2, 2]]], fromScalars),
      .init("record: user scalar rule (log1pexp)", arity: 2, userRule),
      .init("checkpointed segment", arity: 3, segment),
    ]
  }

  static var operatorsSecondOrder: [GradientCheckCase] {
    let elements: @Sendable ([Variable<Tensor>]) -> Variable<Tensor> = { v in
      gradient(at: v[0]) { (x: Variable<Tensor>) -> Variable<Tensor> in
        let product: Variable<Double> = x[element: 0] * x[element: 1] * x[element: 3]
        return Variable<Tensor>(product + exp(x[element: 2] * x[element: 0]))
      }
    }
    let mixed: @Sendable ([Variable<Tensor>]) -> Variable<Tensor> = { v in
      let s: Variable<Double> = v[1].scalar
      let g: Variable<Tensor> = gradient(at: v[0]) { (x: Variable<Tensor>) -> Variable<Tensor> in (x * x * s).sum() }
      return g * v[1]
    }
    let userRule: @Sendable ([Variable<Double>]) -> Variable<Double> = { v in
      let g: Variable<Double> = gradient(at: v[0]) { (x: Variable<Double>) -> Variable<Double> in
        log1pexpRule(x * v[1]) * x
      }
      return g * v[1]
    }
    let segment: @Sendable ([Variable<Double>]) -> Variable<Double> = { v in
      let g: [Variable<Double>] = gradient(at: v) { (x: [Variable<Double>]) -> Variable<Double> in
        checkpointedSegment(x).reduce(Variable(0), +)
      }
      return g.reduce(Variable(0)) { (sum: Variable<Double>, e: Variable<Double>) in sum + e * e }
    }
    return [
      .init("∇ tensor[element: i] as scalars", shapeSets: [[[4]]], elements),
      .init("∇ tensor ⊙ scalar", shapeSets: [[[3], []]], mixed),
      .init("∇ record: user scalar rule", arity: 2, userRule),
      .init("∇ checkpointed segment", arity: 3, segment),
    ]
  }

  /// log(1 + eˣ) with the rule σ(x), recorded by `Variable<Double>.record`.
  static func log1pexpRule(_ x: Variable<Double>) -> Variable<Double> {
    .record("log1pexp", value: Swift.max(x.value, 0) + log1p(exp(-Swift.abs(x.value))), inputs: [x]) { v, x, _ in
      [v * sigmoid(x[0])]
    }
  }

  /// Three inputs, three outputs, five steps of a nonlinear map in one checkpointed segment.
  static func checkpointedSegment(_ x: [Variable<Double>]) -> [Variable<Double>] {
    checkpointed(x) { s in
      var s = s
      for _ in 0..<5 { s = [s[0] + 0.1 * sin(s[1]), s[1] - 0.1 * s[0] * s[2], s[2] * 0.9 + 0.05 * s[0]] }
      return s
    }
  }
}
