/// Which results count as an overflow: the one exception to the strong-zero rule (`Docs/Operations.md`,
/// "Zero times infinity").
extension ScalarOp {
  /// True when a result `out` is infinite because the operation overflowed: every input is finite and the
  /// operation is one whose finite inputs give ±∞ only by exceeding the largest `Double` (exp, ×, +, …),
  /// as opposed to a pole, where ±∞ is the exact value (log 0, 1/0, atanh ±1, lgamma at 0, −1, −2, …).
  ///
  /// A node that overflowed passes NaN, not 0, to its inputs when its adjoint is zero: that zero is then the
  /// derivative of a later operation evaluated at ±∞ (log′(∞) = 0 in log(1 + eˣ) at x = 1000), not a true
  /// zero, and the true derivative is unknown.
  @inlinable
  func overflowed(x: Double, y: Double, out: Double, aux: Double) -> Bool {
    guard out.isInfinite, x.isFinite, !isBinary || y.isFinite else { return false }
    switch self {
    case .add, .subtract, .multiply, .strongZeroMultiply, .hypot, .exp, .expm1, .sinh, .cosh, .square:
      return true
    case .addConstant, .constantMinus, .multiplyByConstant: return aux.isFinite
    case .divide: return y != 0
    case .divideByConstant: return aux != 0
    case .constantDividedBy: return aux.isFinite && x != 0
    case .power, .powerOfConstant: return x != 0
    case .lgamma: return x > 0 || x != x.rounded(.down)
    default: return false
    }
  }

  /// Whether the operation can overflow at all (tensor pullbacks look for overflowed elements only then).
  @inlinable var canOverflow: Bool {
    switch self {
    case .add, .subtract, .multiply, .strongZeroMultiply, .hypot, .exp, .expm1, .sinh, .cosh, .square,
      .addConstant, .constantMinus, .multiplyByConstant, .divide, .divideByConstant, .constantDividedBy,
      .power, .powerOfConstant, .lgamma:
      return true
    default: return false
    }
  }
}

extension ScalarOp {
  /// The names tensor nodes are recorded under (the case names), made once: interpolating an enum case
  /// into a string on every operation would cost more than a small tensor operation.
  static let recordedNames: [String] = (0...UInt8.max).map { ScalarOp(rawValue: $0).map { "\($0)" } ?? "" }

  /// The name a tensor node of this operation is recorded under.
  var recordedName: String { ScalarOp.recordedNames[Int(rawValue)] }
}
