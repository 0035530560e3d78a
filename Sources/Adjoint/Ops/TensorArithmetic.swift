// Arithmetic on tensor variables (extended with broadcasting by the tensor-operations work).

extension Variable where Value == Tensor {
  /// x + y (same shape).
  public static func + (x: Variable, y: Variable) -> Variable {
    precondition(x.value.shape == y.value.shape, "+: shapes \(x.value.shape) and \(y.value.shape) differ")
    var sum = x.value
    sum.accumulate(y.value)
    return record("+", value: sum, inputs: [x, y]) { v, _, _ in [v, v] }
  }
}
