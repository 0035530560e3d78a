// Elementary functions of tensor variables, elementwise, each followed by its pullback: `v` is the adjoint of
// the result, `x` the input and `out` the result. The local derivative multiplies `v` with the strong-zero
// product, so a zero adjoint gives exactly 0 even where the derivative is infinite or NaN (sqrt at 0, log at
// 0, any function of a NaN): `selecting(where: x > 0, sqrt(x), 0)` has gradient 0, not NaN, at x = −1.

/// e^x elementwise. Pullback: v ⊙ out (the output is its own derivative).
public func exp(_ x: Variable<Tensor>) -> Variable<Tensor> {
  Variable.record("exp", value: exp(x.value), inputs: [x]) { v, _, output in
    [Variable.strongZeroProduct(v, output)]
  }
}

/// The natural logarithm elementwise. Pullback: v / x.
public func log(_ x: Variable<Tensor>) -> Variable<Tensor> {
  Variable.record("log", value: log(x.value), inputs: [x]) { v, inputs, _ in
    [Variable.strongZeroProduct(v, 1 / inputs[0])]
  }
}

/// The square root elementwise. Pullback: v / (2·out), infinite at x = 0 unless v = 0.
public func sqrt(_ x: Variable<Tensor>) -> Variable<Tensor> {
  Variable.record("sqrt", value: sqrt(x.value), inputs: [x]) { v, _, output in
    [Variable.strongZeroProduct(v, 0.5 / output)]
  }
}

/// The sine elementwise (radians). Pullback: v ⊙ cos x.
public func sin(_ x: Variable<Tensor>) -> Variable<Tensor> {
  Variable.record("sin", value: sin(x.value), inputs: [x]) { v, inputs, _ in
    [Variable.strongZeroProduct(v, cos(inputs[0]))]
  }
}

/// The cosine elementwise (radians). Pullback: −v ⊙ sin x.
public func cos(_ x: Variable<Tensor>) -> Variable<Tensor> {
  Variable.record("cos", value: cos(x.value), inputs: [x]) { v, inputs, _ in
    [Variable.strongZeroProduct(v, -sin(inputs[0]))]
  }
}

/// The tangent elementwise (radians). Pullback: v ⊙ (1 + out²).
public func tan(_ x: Variable<Tensor>) -> Variable<Tensor> {
  Variable.record("tan", value: tan(x.value), inputs: [x]) { v, _, output in
    [Variable.strongZeroProduct(v, 1 + output * output)]
  }
}

/// The hyperbolic tangent elementwise. Pullback: v ⊙ (1 − out²).
public func tanh(_ x: Variable<Tensor>) -> Variable<Tensor> {
  Variable.record("tanh", value: tanh(x.value), inputs: [x]) { v, _, output in
    [Variable.strongZeroProduct(v, 1 - output * output)]
  }
}

/// xᶜ elementwise, for a constant power c. Pullback: v ⊙ c·x^(c−1), and exactly 0 when c = 0.
public func pow(_ x: Variable<Tensor>, _ c: Double) -> Variable<Tensor> {
  Variable.record("pow", value: pow(x.value, c), inputs: [x]) { v, inputs, _ in
    [c == 0 ? nil : Variable.strongZeroProduct(v, c * pow(inputs[0], c - 1))]
  }
}

/// xʸ elementwise, broadcasting. Pullbacks: v ⊙ y·x^(y−1) for x; v ⊙ out·log x for y, taken as 0 where
/// x = 0 (the limit for y > 0, as on the scalar side) and NaN where x < 0 (xʸ is not differentiable in y
/// there). Each is summed to its operand's shape.
///
/// - Precondition: the shapes are broadcast-compatible.
public func pow(_ x: Variable<Tensor>, _ y: Variable<Tensor>) -> Variable<Tensor> {
  Variable.record("pow", value: pow(x.value, y.value), inputs: [x, y]) { v, inputs, output in
    let (x, y) = (inputs[0], inputs[1])
    let xIsZero = x.value.map { $0 == 0 ? 1 : 0 }
    let dy = Variable.selecting(where: xIsZero, Variable(Tensor(0)), Variable.strongZeroProduct(v, output * log(x)))
    return [
      Variable.strongZeroProduct(v, y * pow(x, y - 1)).summed(toShape: x.value.shape),
      dy.summed(toShape: y.value.shape),
    ]
  }
}

/// cʸ elementwise, for a constant base c. Pullback: v ⊙ out·log c.
public func pow(_ c: Double, _ y: Variable<Tensor>) -> Variable<Tensor> {
  pow(Variable(Tensor(c)), y)
}
