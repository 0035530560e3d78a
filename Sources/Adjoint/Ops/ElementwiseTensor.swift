// The bridge that lets every elementwise tensor operation use the one derivative rule of its scalar
// counterpart: `recordElementwise` records a tensor node whose pullback evaluates `ScalarOp.pullback` on
// tensor variables (wrapped as `ElementwiseTensor`), then sums each contribution back to its operand's shape.

/// A tensor variable seen as an elementwise number, so that the generic derivative rules
/// (`ScalarRule`, over `DerivativeRuleMath`) run on it: arithmetic broadcasts, functions apply elementwise,
/// and every operation is a differentiable `Variable<Tensor>` operation, so a rule evaluated on it is
/// recorded when the backward pass is (higher-order derivatives).

struct ElementwiseTensor: DerivativeRuleMath {
  let variable: Variable<Tensor>

  init(_ variable: Variable<Tensor>) { self.variable = variable }
  init(constant: Double) { variable = Variable(Tensor(constant)) }

  typealias E = ElementwiseTensor
  static func + (l: E, r: E) -> E { E(l.variable + r.variable) }
  static func - (l: E, r: E) -> E { E(l.variable - r.variable) }
  static func * (l: E, r: E) -> E { E(l.variable * r.variable) }
  static func / (l: E, r: E) -> E { E(l.variable / r.variable) }
  static prefix func - (x: E) -> E { E(-x.variable) }
  static func + (l: E, c: Double) -> E { E(l.variable + c) }
  static func - (l: E, c: Double) -> E { E(l.variable - c) }
  static func * (l: E, c: Double) -> E { E(l.variable * c) }
  static func / (l: E, c: Double) -> E { E(l.variable / c) }
  static func + (c: Double, r: E) -> E { E(c + r.variable) }
  static func - (c: Double, r: E) -> E { E(c - r.variable) }
  static func * (c: Double, r: E) -> E { E(c * r.variable) }
  static func / (c: Double, r: E) -> E { E(c / r.variable) }

  static func exp(_ x: E) -> E { E(Adjoint.exp(x.variable)) }
  static func expm1(_ x: E) -> E { E(Adjoint.expm1(x.variable)) }
  static func log(_ x: E) -> E { E(Adjoint.log(x.variable)) }
  static func log1p(_ x: E) -> E { E(Adjoint.log1p(x.variable)) }
  static func sqrt(_ x: E) -> E { E(Adjoint.sqrt(x.variable)) }
  static func cbrt(_ x: E) -> E { E(Adjoint.cbrt(x.variable)) }
  static func square(_ x: E) -> E { E(Adjoint.square(x.variable)) }
  static func pow(_ x: E, _ c: Double) -> E { E(Adjoint.pow(x.variable, c)) }
  static func pow(_ x: E, _ y: E) -> E { E(Adjoint.pow(x.variable, y.variable)) }
  static func hypot(_ x: E, _ y: E) -> E { E(Adjoint.hypot(x.variable, y.variable)) }
  static func sin(_ x: E) -> E { E(Adjoint.sin(x.variable)) }
  static func cos(_ x: E) -> E { E(Adjoint.cos(x.variable)) }
  static func tan(_ x: E) -> E { E(Adjoint.tan(x.variable)) }
  static func asin(_ x: E) -> E { E(Adjoint.asin(x.variable)) }
  static func acos(_ x: E) -> E { E(Adjoint.acos(x.variable)) }
  static func atan(_ x: E) -> E { E(Adjoint.atan(x.variable)) }
  static func atan2(_ y: E, _ x: E) -> E { E(Adjoint.atan2(y.variable, x.variable)) }
  static func sinh(_ x: E) -> E { E(Adjoint.sinh(x.variable)) }
  static func cosh(_ x: E) -> E { E(Adjoint.cosh(x.variable)) }
  static func tanh(_ x: E) -> E { E(Adjoint.tanh(x.variable)) }
  static func asinh(_ x: E) -> E { E(Adjoint.asinh(x.variable)) }
  static func acosh(_ x: E) -> E { E(Adjoint.acosh(x.variable)) }
  static func atanh(_ x: E) -> E { E(Adjoint.atanh(x.variable)) }
  static func erf(_ x: E) -> E { E(Adjoint.erf(x.variable)) }
  static func erfc(_ x: E) -> E { E(Adjoint.erfc(x.variable)) }
  static func lgamma(_ x: E) -> E { E(Adjoint.lgamma(x.variable)) }
  static func digamma(_ x: E) -> E { E(Adjoint.digamma(x.variable)) }
  static func trigamma(_ x: E) -> E { E(Adjoint.trigamma(x.variable)) }
  static func polygamma(_ n: Int, _ x: E) -> E { E(Adjoint.polygamma(n, x.variable)) }
  static func sigmoid(_ x: E) -> E { E(Adjoint.sigmoid(x.variable)) }
  static func softplus(_ x: E) -> E { E(Adjoint.softplus(x.variable)) }
  static func abs(_ x: E) -> E { E(Adjoint.abs(x.variable)) }
  static func min(_ x: E, _ y: E) -> E { E(Adjoint.min(x.variable, y.variable)) }
  static func max(_ x: E, _ y: E) -> E { E(Adjoint.max(x.variable, y.variable)) }

  static func strongZeroProduct(_ a: E, _ b: E) -> E {
    E(Variable.strongZeroProduct(a.variable, b.variable))
  }
  static func strongZeroProduct(_ a: E, _ c: Double) -> E {
    if c == 0 { return E(Variable(Tensor(repeating: 0, shape: a.variable.value.shape))) }
    return c.isFinite ? E(a.variable * c) : strongZeroProduct(a, E(constant: c))
  }
  static func locallyConstant(_ x: E, _ f: (Double) -> Double) -> E {
    E(Variable(x.variable.value.map(f)))
  }
  /// In a first-order pullback (a constant adjoint of x's shape) one pass over a and x, with no weight
  /// tensor; when the pullback is recorded, the recorded composition.
  @inline(__always)
  static func strongZeroProduct(_ a: E, weightedBy x: E, _ weight: (Double) -> Double) -> E {
    guard a.variable.tape == nil, a.variable.value.shape == x.variable.value.shape else {
      return strongZeroProduct(a, locallyConstant(x, weight))
    }
    return E(Variable(Tensor.strongZeroProduct(a.variable.value, weightedBy: x.variable.value, weight)))
  }
  static func locallyConstant(_ x: E, _ y: E, _ f: (Double, Double) -> Double) -> E {
    E(Variable(Tensor.elementwise(x.variable.value, y.variable.value, "locallyConstant", f)))
  }
}

extension Variable where Value == Tensor {
  /// Records the elementwise operation `op` of one or two (broadcast) operands, whose forward result is
  /// `value`; its pullback is `op`'s one derivative rule, the scalar rule, evaluated on tensor variables.
  ///
  /// The overflow exception of the strong-zero convention is applied per element, as on the scalar tape:
  /// an element whose value overflowed from finite inputs passes NaN where its adjoint is zero.
  ///
  /// The pullback is batch-polymorphic (`TensorEntry.isBatchPolymorphic`) unless the result holds an
  /// infinity produced by an op that can overflow.
  static func recordElementwise(_ op: ScalarOp, _ inputs: [Variable], aux: Double = 0, value: Tensor) -> Variable {
    // Batch-polymorphic by broadcasting (a stack of adjoints has extra leading axes), except where the
    // overflow exception applies: its mask is worked out for one adjoint of the result's shape.
    let batchPolymorphic = !(op.canOverflow && value.containsInfinity)
    return record(op.recordedName, value: value, inputs: inputs, batchPolymorphic: batchPolymorphic) { v, inputs, output in
      let x = ElementwiseTensor(inputs[0])
      let y = inputs.count > 1 ? ElementwiseTensor(inputs[1]) : ElementwiseTensor(constant: 0)
      let operands = ScalarOperands(x: x, y: y, out: ElementwiseTensor(output), aux: aux)
      var (dx, dy) = op.pullback(ElementwiseTensor(v), operands)
      if op.canOverflow, let poisoned = overflowedWithZeroAdjoint(op, v.value, inputs, output.value, aux) {
        // NaN, and NaN again when differentiated (as on the scalar tape).
        dx = ElementwiseTensor(selecting(where: poisoned, inputs[0] * .nan, dx.variable))
        dy = ElementwiseTensor(selecting(where: poisoned, y.variable * .nan, dy.variable))
      }
      if inputs.count == 1 { return [dx.variable] }
      let batch = v.batchShape(beyondRank: output.value.rank)
      return [
        dx.variable.summed(toShape: inputs[0].value.shape, keepingBatch: batch),
        dy.variable.summed(toShape: inputs[1].value.shape, keepingBatch: batch),
      ]
    }
  }

  /// `recordElementwise` of one operand, returning a constant at once when the operand is one — as every
  /// operation inside a first-order pullback is — before any array or closure is made.
  @inline(__always)
  static func recordElementwise(_ op: ScalarOp, _ x: Variable, aux: Double = 0, value: Tensor) -> Variable {
    guard x.isRecorded else { return Variable(value) }
    return recordElementwise(op, [x], aux: aux, value: value)
  }

  /// `recordElementwise` of two operands, returning a constant at once when both are constants.
  @inline(__always)
  static func recordElementwise(_ op: ScalarOp, _ x: Variable, _ y: Variable, value: Tensor) -> Variable {
    guard x.isRecorded || y.isRecorded else { return Variable(value) }
    return recordElementwise(op, [x, y], value: value)
  }

  /// The mask of the elements whose value overflowed and whose adjoint is zero, or nil if there are none.
  private static func overflowedWithZeroAdjoint(
    _ op: ScalarOp, _ v: Tensor, _ inputs: [Variable], _ output: Tensor, _ aux: Double
  ) -> Tensor? {
    guard output.containsInfinity else { return nil }
    let x = inputs[0].value.broadcasted(to: output.shape)
    let y = inputs.count > 1 ? inputs[1].value.broadcasted(to: output.shape) : Tensor(repeating: 0, shape: output.shape)
    var any = false
    let mask = Tensor(shape: output.shape) { m in
      x.withUnsafeBufferPointer { x in
        y.withUnsafeBufferPointer { y in
          output.withUnsafeBufferPointer { out in
            v.withUnsafeBufferPointer { v in
              for i in 0..<m.count {
                let hit = v[i] == 0 && op.overflowed(x: x[i], y: y[i], out: out[i], aux: aux)
                m[i] = hit ? 1 : 0
                any = any || hit
              }
            }
          }
        }
      }
    }
    return any ? mask : nil
  }
}
