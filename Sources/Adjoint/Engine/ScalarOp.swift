/// The operation that produced a scalar node. Its forward definition and its derivative rule live side by
/// side in `Ops/Scalar*.swift`; this file only dispatches to them.
@usableFromInline
enum ScalarOp: UInt8 {
  case leaf, tensorLeaf, tensor, identity
  case add, subtract, multiply, divide, power, minimum, maximum
  case addConstant, constantMinus, multiplyByConstant, divideByConstant, constantDividedBy, powerOfConstant
  case negate, exp, log, sqrt, sin, cos, tan, tanh, sigmoid, softplus, relu, leakyRelu, abs, clamp
  /// One element of a tensor node (`lhs`), at the flat offset `aux` (see `ScalarTensorBridge.swift`).
  case tensorElement
}

/// What a scalar derivative rule sees of its node: the inputs `x` and `y` (y is zero for unary operations),
/// the output `out`, and the constant operand `aux` of operations like `x * c`.
///
/// `S` is `Double` in a first-order backward pass and `Variable<Double>` when the backward pass is itself
/// recorded for higher-order derivatives.
@usableFromInline
struct ScalarOperands<S: ScalarMath> {
  @usableFromInline let x: S
  @usableFromInline let y: S
  @usableFromInline let out: S
  @usableFromInline let aux: Double

  @inlinable init(x: S, y: S, out: S, aux: Double) {
    self.x = x
    self.y = y
    self.out = out
    self.aux = aux
  }
}

/// Namespace of the scalar derivative rules; each rule is defined beside its forward operation.
@usableFromInline
enum ScalarRule {}

extension ScalarOp {
  /// Pulls the adjoint `v` of a node back to its inputs: returns the contributions to the adjoints of `x`
  /// and `y` (the tape adds them; a rule never accumulates).
  @inlinable @inline(__always)
  func pullback<S: ScalarMath>(_ v: S, _ a: ScalarOperands<S>) -> (x: S, y: S) {
    let zero = S(constant: 0)
    switch self {
    case .leaf, .tensorLeaf, .tensor: return (zero, zero)  // leaves have no inputs; tensor nodes sweep apart
    case .identity: return (v, zero)
    case .add: return ScalarRule.add(v, a)
    case .subtract: return ScalarRule.subtract(v, a)
    case .multiply: return ScalarRule.multiply(v, a)
    case .divide: return ScalarRule.divide(v, a)
    case .power: return ScalarRule.power(v, a)
    case .minimum: return ScalarRule.minimum(v, a)
    case .maximum: return ScalarRule.maximum(v, a)
    case .addConstant: return (v, zero)
    case .constantMinus: return (-v, zero)
    case .multiplyByConstant: return (v * a.aux, zero)
    case .divideByConstant: return (v / a.aux, zero)
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
    case .tensorElement: return (zero, zero)  // its input is a tensor node: the sweeps handle it apart
    }
  }

  /// True for the nodes whose value and adjoint are tensors.
  @inlinable var isTensor: Bool { self == .tensor || self == .tensorLeaf }

  /// True for operations with a second variable input.
  @inlinable var isBinary: Bool {
    switch self {
    case .add, .subtract, .multiply, .divide, .power, .minimum, .maximum: return true
    default: return false
    }
  }
}
