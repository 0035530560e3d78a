/// An elementwise operation: the code a scalar node stores on the tape, and the name under which a tensor
/// node records the same operation. Its forward definition and its derivative rule live side by side in
/// `Ops/Scalar*.swift`; this file only dispatches to the rules.
///
/// One rule serves every kind of value: `pullback(_:_:)` is generic over `DerivativeRuleMath`, so the
/// first-order scalar sweep evaluates it on `Double`, the recorded sweep on `Variable<Double>`, and every
/// elementwise tensor operation on `Variable<Tensor>` (through `ElementwiseTensor`, see
/// `Variable.recordElementwise`).
@usableFromInline
enum ScalarOp: UInt8 {
  // Leaves and the tensor-related nodes come first: the sweep tells them from scalar operations with one
  // comparison of the raw value (`tensorElement` is the last of them).
  case leaf, tensorLeaf, tensor
  /// One element of a tensor node (`lhs`), at the flat offset `aux` (see `ScalarTensorBridge.swift`).
  case tensorElement
  case identity
  case add, subtract, multiply, divide, power, minimum, maximum, strongZeroMultiply, atan2, hypot
  case addConstant, constantMinus, multiplyByConstant, divideByConstant, constantDividedBy, powerOfConstant
  case negate, exp, log, sqrt, sin, cos, tan, tanh, sigmoid, softplus, relu, leakyRelu, abs, clamp
  case log1p, expm1, erf, erfc, lgamma, digamma, polygamma, asin, acos, atan, sinh, cosh, asinh, acosh, atanh
  case square, cbrt, logSigmoid, elu, gelu, geluTanh, silu, floor, ceil, round, sign
}

/// What a derivative rule sees of its node: the inputs `x` and `y` (y is zero for unary operations), the
/// output `out`, the constant operand `aux` of operations like `x * c`, and the derivative factor `factor`
/// that some unary operations cache when they are recorded.
///
/// `S` is `Double` in a first-order scalar backward pass, `Variable<Double>` when the backward pass is
/// itself recorded for higher-order derivatives, and `ElementwiseTensor` (a `Variable<Tensor>`) for tensor
/// operations.
@usableFromInline
struct ScalarOperands<S: DerivativeRuleMath> {
  @usableFromInline let x: S
  @usableFromInline let y: S
  @usableFromInline let out: S
  @usableFromInline let aux: Double
  /// A function of x that the operation's rule needs and its forward pass computed anyway, read from the
  /// node (`ScalarOp.cachesFactor`: `sin` stores cos x, `cos` stores sin x), or nil where the rule must
  /// compute it. A rule reads it as `a.factor ?? S.cos(a.x)`: the one rule stays the definition, and the
  /// cache is only an input to it. Only the plain-number sweeps pass it (`init(node:entry:values:)`); a
  /// recorded sweep passes nil, so the factor is recorded as an operation and differentiates at every order.
  @usableFromInline let factor: S?

  @inlinable init(x: S, y: S, out: S, aux: Double, factor: S? = nil) {
    self.x = x
    self.y = y
    self.out = out
    self.aux = aux
    self.factor = factor
  }
}

extension ScalarOperands where S == Double {
  /// The operands of scalar node `i`, whose entry is `e`, read from the tape's values; for an operation
  /// that caches its derivative factor, the factor is the node's constant field (where the recorder put it).
  @inlinable @inline(__always)
  init(node i: Int, entry e: ScalarEntry, values: UnsafeMutablePointer<Double>) {
    let rhs = Int(e.rhs)
    let aux = e.aux
    self.init(x: values[Int(e.lhs)], y: rhs >= 0 ? values[rhs] : 0, out: values[i], aux: aux, factor: aux)
  }
}

/// Namespace of the elementwise derivative rules; each rule is defined beside its forward operation.
@usableFromInline
enum ScalarRule {}

extension ScalarOp {
  /// Pulls the adjoint `v` of a node back to its inputs: returns the contributions to the adjoints of `x`
  /// and `y` (the tape adds them; a rule never accumulates). Every product of an adjoint with a local
  /// derivative is a strong-zero product (`Docs/Operations.md`, "Zero times infinity").
  @inlinable @inline(__always)
  func pullback<S: DerivativeRuleMath>(_ v: S, _ a: ScalarOperands<S>) -> (x: S, y: S) {
    let zero = S(constant: 0)
    switch self {
    case .leaf, .tensorLeaf, .tensor: return (zero, zero)  // leaves have no inputs; tensor nodes sweep apart
    case .identity: return (v, zero)
    case .add: return ScalarRule.add(v, a)
    case .subtract: return ScalarRule.subtract(v, a)
    case .multiply, .strongZeroMultiply: return ScalarRule.multiply(v, a)
    case .divide: return ScalarRule.divide(v, a)
    case .power: return ScalarRule.power(v, a)
    case .minimum: return ScalarRule.minimum(v, a)
    case .maximum: return ScalarRule.maximum(v, a)
    case .atan2: return ScalarRule.atan2(v, a)
    case .hypot: return ScalarRule.hypot(v, a)
    case .addConstant: return ScalarRule.addConstant(v, a)
    case .constantMinus: return (-v, zero)
    case .multiplyByConstant: return ScalarRule.multiplyByConstant(v, a)
    case .divideByConstant: return (S.strongZeroProduct(v, 1 / a.aux), zero)
    case .constantDividedBy: return (ScalarRule.constantDividedBy(v, a), zero)
    case .powerOfConstant: return (ScalarRule.powerOfConstant(v, a), zero)
    case .negate: return (-v, zero)
    case .exp: return (ScalarRule.exp(v, a), zero)
    case .log: return (ScalarRule.log(v, a), zero)
    case .sqrt: return (ScalarRule.sqrt(v, a), zero)
    case .sin: return (ScalarRule.sin(v, a), zero)
    case .cos: return (ScalarRule.cos(v, a), zero)
    case .tan: return (ScalarRule.tan(v, a), zero)
    case .tanh: return (ScalarRule.tanh(v, a), zero)
    case .sigmoid: return (ScalarRule.sigmoid(v, a), zero)
    case .softplus: return (ScalarRule.softplus(v, a), zero)
    case .relu: return (ScalarRule.relu(v, a), zero)
    case .leakyRelu: return (ScalarRule.leakyRelu(v, a), zero)
    case .abs: return (ScalarRule.abs(v, a), zero)
    case .clamp: return (ScalarRule.clamp(v, a), zero)
    case .log1p: return (ScalarRule.log1p(v, a), zero)
    case .expm1: return (ScalarRule.expm1(v, a), zero)
    case .erf: return (ScalarRule.erf(v, a), zero)
    case .erfc: return (ScalarRule.erfc(v, a), zero)
    case .lgamma: return (ScalarRule.lgamma(v, a), zero)
    case .digamma: return (ScalarRule.digamma(v, a), zero)
    case .polygamma: return (ScalarRule.polygamma(v, a), zero)
    case .asin: return (ScalarRule.asin(v, a), zero)
    case .acos: return (ScalarRule.acos(v, a), zero)
    case .atan: return (ScalarRule.atan(v, a), zero)
    case .sinh: return (ScalarRule.sinh(v, a), zero)
    case .cosh: return (ScalarRule.cosh(v, a), zero)
    case .asinh: return (ScalarRule.asinh(v, a), zero)
    case .acosh: return (ScalarRule.acosh(v, a), zero)
    case .atanh: return (ScalarRule.atanh(v, a), zero)
    case .square: return (ScalarRule.square(v, a), zero)
    case .cbrt: return (ScalarRule.cbrt(v, a), zero)
    case .logSigmoid: return (ScalarRule.logSigmoid(v, a), zero)
    case .elu: return (ScalarRule.elu(v, a), zero)
    case .gelu: return (ScalarRule.gelu(v, a), zero)
    case .geluTanh: return (ScalarRule.geluTanh(v, a), zero)
    case .silu: return (ScalarRule.silu(v, a), zero)
    case .floor, .ceil, .round, .sign: return (ScalarRule.piecewiseConstant(v, a), zero)
    case .tensorElement: return (zero, zero)  // its input is a tensor node: the sweeps handle it apart
    }
  }

  /// True for the operations whose node stores, in its constant field, a factor of their derivative that
  /// their forward pass computed anyway (`ScalarOperands.factor`); their constant operand is not a user value.
  @inlinable var cachesFactor: Bool { self == .sin || self == .cos }

  /// True for the nodes whose value and adjoint are tensors.
  @inlinable var isTensor: Bool { self == .tensor || self == .tensorLeaf }

  /// True for operations with a second variable input.
  @inlinable var isBinary: Bool {
    switch self {
    case .add, .subtract, .multiply, .divide, .power, .minimum, .maximum, .strongZeroMultiply, .atan2, .hypot:
      return true
    default: return false
    }
  }
}
