// Special functions of tensor variables, elementwise — the error functions and the gamma family. Each records
// the one derivative rule of its scalar counterpart (Ops/ScalarSpecialFunctions.swift), so the chain
// lgamma → digamma → trigamma → polygamma(n) is differentiable to any order on tensors too.

/// The error function elementwise. Pullback: v ⊙ (2/√π)·e^(−x²).
public func erf(_ x: Variable<Tensor>) -> Variable<Tensor> { Variable.recordElementwise(.erf, [x], value: erf(x.value)) }
/// The complementary error function elementwise. Pullback: −v ⊙ (2/√π)·e^(−x²).
public func erfc(_ x: Variable<Tensor>) -> Variable<Tensor> {
  Variable.recordElementwise(.erfc, [x], value: erfc(x.value))
}
/// ln |Γ(x)| elementwise. Pullback: v ⊙ ψ(x).
public func lgamma(_ x: Variable<Tensor>) -> Variable<Tensor> {
  Variable.recordElementwise(.lgamma, [x], value: lgamma(x.value))
}
/// The digamma function ψ elementwise. Pullback: v ⊙ ψ⁽¹⁾(x).
public func digamma(_ x: Variable<Tensor>) -> Variable<Tensor> {
  Variable.recordElementwise(.digamma, [x], value: digamma(x.value))
}
/// The trigamma function ψ⁽¹⁾ elementwise. Pullback: v ⊙ ψ⁽²⁾(x).
public func trigamma(_ x: Variable<Tensor>) -> Variable<Tensor> { polygamma(1, x) }
/// The polygamma function ψ⁽ⁿ⁾ elementwise (n = 0 is digamma). Pullback: v ⊙ ψ⁽ⁿ⁺¹⁾(x).
///
/// - Precondition: n ≥ 0.
public func polygamma(_ n: Int, _ x: Variable<Tensor>) -> Variable<Tensor> {
  checkPrecondition(n >= 0, "polygamma: order n = \(n) must be at least 0, for a tensor of shape \(x.value.shape)")
  if n == 0 { return digamma(x) }
  return Variable.recordElementwise(.polygamma, [x], aux: Double(n), value: polygamma(n, x.value))
}
