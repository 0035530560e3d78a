extension GradientCheckCatalog {
  /// Every scalar primitive of the engine, in every spelling: `Variable<Double>` operators with a variable
  /// or a `Double` on either side, compound assignments, elementary functions with constant or variable
  /// arguments, activations and piecewise functions on each side of their kinks (see `Docs/Operations.md`).
  public static let scalarPrimitives: [GradientCheckCase] =
    scalarArithmetic + scalarMixedWithDouble + scalarCompoundAssignments + scalarElementaryFunctions
    + scalarActivations + scalarPiecewise

  static let scalarArithmetic: [GradientCheckCase] = [
    .init("x + y", arity: 2, in: [-3...3]) { v in v[0] + v[1] },
    .init("x - y", arity: 2, in: [-3...3]) { v in v[0] - v[1] },
    .init("x * y", arity: 2, in: [-3...3]) { v in v[0] * v[1] },
    .init("x / y, y > 0", arity: 2, in: [-3...3, 0.5...3]) { v in v[0] / v[1] },
    .init("x / y, y < 0", arity: 2, in: [-3...3, -3 ... -0.5]) { v in v[0] / v[1] },
    .init("-x", arity: 1, in: [-3...3]) { v in -v[0] },
    // A constant variable operand is recorded as a leaf on the other operand's tape.
    .init("x * Variable(2)", arity: 1, in: [-3...3]) { v in v[0] * Variable(2.0) },
    .init("Variable(2) - x", arity: 1, in: [-3...3]) { v in Variable(2.0) - v[0] },
  ]

  static let scalarMixedWithDouble: [GradientCheckCase] = [
    .init("x + 1.5", arity: 1, in: [-3...3]) { v in v[0] + 1.5 },
    .init("1.5 + x", arity: 1, in: [-3...3]) { v in 1.5 + v[0] },
    .init("x - 1.5", arity: 1, in: [-3...3]) { v in v[0] - 1.5 },
    .init("1.5 - x", arity: 1, in: [-3...3]) { v in 1.5 - v[0] },
    .init("x * 2", arity: 1, in: [-3...3]) { v in v[0] * 2 },
    .init("2 * x", arity: 1, in: [-3...3]) { v in 2 * v[0] },
    .init("x / 4", arity: 1, in: [-3...3]) { v in v[0] / 4 },
    .init("x / -0.5", arity: 1, in: [-3...3]) { v in v[0] / -0.5 },
    .init("1 / x", arity: 1, in: [0.5...3]) { v in 1 / v[0] },
    .init("-3 / x", arity: 1, in: [-3 ... -0.5]) { v in -3 / v[0] },
  ]

  static let scalarCompoundAssignments: [GradientCheckCase] = [
    .init("x += y", arity: 2, in: [-3...3]) { v in var x = v[0]; x += v[1]; return x },
    .init("x -= y", arity: 2, in: [-3...3]) { v in var x = v[0]; x -= v[1]; return x },
    .init("x *= y", arity: 2, in: [-3...3]) { v in var x = v[0]; x *= v[1]; return x },
    .init("x /= y", arity: 2, in: [-3...3, 0.5...3]) { v in var x = v[0]; x /= v[1]; return x },
    .init("x += 0.7", arity: 1, in: [-3...3]) { v in var x = v[0]; x += 0.7; return x },
    .init("x -= 0.7", arity: 1, in: [-3...3]) { v in var x = v[0]; x -= 0.7; return x },
    .init("x *= -1.3", arity: 1, in: [-3...3]) { v in var x = v[0]; x *= -1.3; return x },
    .init("x /= 3", arity: 1, in: [-3...3]) { v in var x = v[0]; x /= 3; return x },
  ]

  static let scalarElementaryFunctions: [GradientCheckCase] = [
    .init("exp(x)", arity: 1, in: [-3...3]) { v in exp(v[0]) },
    .init("log(x)", arity: 1, in: [0.1...5]) { v in log(v[0]) },
    .init("sqrt(x)", arity: 1, in: [0.1...5]) { v in sqrt(v[0]) },
    .init("sin(x)", arity: 1, in: [-4...4]) { v in sin(v[0]) },
    .init("cos(x)", arity: 1, in: [-4...4]) { v in cos(v[0]) },
    .init("tan(x)", arity: 1, in: [-1.3...1.3]) { v in tan(v[0]) },
    .init("tanh(x)", arity: 1, in: [-3...3]) { v in tanh(v[0]) },
    .init("pow(x, 3)", arity: 1, in: [-2...2]) { v in pow(v[0], 3) },
    .init("pow(x, 0.5)", arity: 1, in: [0.1...4]) { v in pow(v[0], 0.5) },
    .init("pow(x, -1.5)", arity: 1, in: [0.2...3]) { v in pow(v[0], -1.5) },
    .init("pow(x, 0)", arity: 1, in: [-2...2]) { v in pow(v[0], 0) },
    .init("pow(x, y)", arity: 2, in: [0.2...3, -2...2]) { v in pow(v[0], v[1]) },
    .init("pow(2.5, y)", arity: 1, in: [-2...2]) { v in pow(2.5, v[0]) },
    .init("pow(0.3, y)", arity: 1, in: [-2...2]) { v in pow(0.3, v[0]) },
  ]

  static let scalarActivations: [GradientCheckCase] = [
    .init("sigmoid(x)", arity: 1, in: [-6...6]) { v in sigmoid(v[0]) },
    .init("softplus(x)", arity: 1, in: [-6...6]) { v in softplus(v[0]) },
    .init("relu(x), x > 0", arity: 1, in: [0.1...3]) { v in relu(v[0]) },
    .init("relu(x), x < 0", arity: 1, in: [-3 ... -0.1]) { v in relu(v[0]) },
    .init("leakyRelu(x), x > 0", arity: 1, in: [0.1...3]) { v in leakyRelu(v[0]) },
    .init("leakyRelu(x), x < 0", arity: 1, in: [-3 ... -0.1]) { v in leakyRelu(v[0]) },
    .init("leakyRelu(x, slope: 0.2), x < 0", arity: 1, in: [-3 ... -0.1]) { v in leakyRelu(v[0], slope: 0.2) },
  ]

  static let scalarPiecewise: [GradientCheckCase] = [
    .init("abs(x), x > 0", arity: 1, in: [0.1...3]) { v in abs(v[0]) },
    .init("abs(x), x < 0", arity: 1, in: [-3 ... -0.1]) { v in abs(v[0]) },
    .init("min(x, y), x < y", arity: 2, in: [-3 ... -0.1, 0.1...3]) { v in min(v[0], v[1]) },
    .init("min(x, y), x > y", arity: 2, in: [0.1...3, -3 ... -0.1]) { v in min(v[0], v[1]) },
    .init("max(x, y), x < y", arity: 2, in: [-3 ... -0.1, 0.1...3]) { v in max(v[0], v[1]) },
    .init("max(x, y), x > y", arity: 2, in: [0.1...3, -3 ... -0.1]) { v in max(v[0], v[1]) },
    .init("min(x, 0.5), x < 0.5", arity: 1, in: [-3...0.4]) { v in min(v[0], 0.5) },
    .init("min(x, 0.5), x > 0.5", arity: 1, in: [0.6...3]) { v in min(v[0], 0.5) },
    .init("max(x, 0.5), x < 0.5", arity: 1, in: [-3...0.4]) { v in max(v[0], 0.5) },
    .init("max(x, 0.5), x > 0.5", arity: 1, in: [0.6...3]) { v in max(v[0], 0.5) },
    .init("x.clamped(to: -1...1), inside", arity: 1, in: [-0.9...0.9]) { v in v[0].clamped(to: -1...1) },
    .init("x.clamped(to: -1...1), below", arity: 1, in: [-3 ... -1.1]) { v in v[0].clamped(to: -1...1) },
    .init("x.clamped(to: -1...1), above", arity: 1, in: [1.1...3]) { v in v[0].clamped(to: -1...1) },
  ]
}
