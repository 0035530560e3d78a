#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension GradientCheckCatalog {
  /// The engine edges and recording forms of the differential-operators issue, first and second order:
  /// tensor elements read as scalars, scalars made into tensors, mixed tensor–scalar arithmetic, a scalar
  /// operation with a rule of its own (`Variable<Double>.record`) and a checkpointed segment.
  public static let operators: [GradientCheckCase] = [
    .init("tensor[i, j] as scalars", shapeSets: [[[3, 4]]]) { v in
      let x = v[0]
      return Variable<Tensor>(x[1, 2] * x[0, 0] + sin(x[2, 3]) * x.scalars[5])
    },
    .init("tensor ⊙ scalar, scalar ÷ tensor", shapeSets: [[[2, 3], []]], in: [0.5...2]) { v in
      let s = v[1].scalar
      return (v[0] * s - s / v[0] + (s - v[0]) * (v[0] + s)) / s
    },
    .init("tensor from scalars", shapeSets: [[[2, 2]]]) { v in
      let squares = v[0].scalars.map { $0 * $0 }
      return Variable<Tensor>(squares, shape: [2, 2]).matmul(v[0])
    },
    .init("record: user scalar rule (log1pexp)", arity: 2) { v in log1pexpRule(v[0] * v[1]) * v[1] },
    .init("checkpointed segment", arity: 3) { v in checkpointedSegment(v).reduce(Variable(0), +) },
    .init("∇ tensor[i] as scalars", shapeSets: [[[4]]]) { v in
      gradient(at: v[0]) { x in Variable<Tensor>(x[0] * x[1] * x[3] + exp(x[2] * x[0])) }
    },
    .init("∇ tensor ⊙ scalar", shapeSets: [[[3], []]]) { v in
      gradient(at: v[0]) { x in (x * x * v[1].scalar).sum() } * v[1]
    },
    .init("∇ record: user scalar rule", arity: 2) { v in
      gradient(at: v[0]) { x in log1pexpRule(x * v[1]) * x } * v[1]
    },
    .init("∇ checkpointed segment", arity: 3) { v in
      gradient(at: v) { x in checkpointedSegment(x).reduce(Variable(0), +) }.reduce(Variable(0)) { $0 + $1 * $1 }
    },
  ]

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
