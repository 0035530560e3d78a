/// How a scalar operation with a rule of your own pulls the adjoint of its result back to its inputs.
///
/// The closure receives the adjoint `v` of the result, the operation's `inputs` and its `output`, as
/// variables, and returns one contribution per input (`nil` for none) — the textbook's `backward(dout)`.
/// Written with differentiable operations on variables, the rule serves every order: in a first-order
/// `backward()` the variables are constants and nothing is recorded; in a recorded sweep they are on the
/// tape. The closure must capture no variable and no tape, only plain values.
public typealias ScalarPullback =
  (_ v: Variable<Double>, _ inputs: [Variable<Double>], _ output: Variable<Double>) -> [Variable<Double>?]

extension Variable where Value == Double {
  /// Records a scalar operation computed by the caller, with its own derivative rule: `value` is the
  /// forward result on `inputs`, `pullback` its rule (see `ScalarPullback`).
  ///
  /// For a function whose derivative is known but whose forward computation is not differentiable
  /// (an iterative solve) or not stable (log(1 + eˣ) for large x):
  ///
  /// ```swift
  /// func log1pexp(_ x: Variable<Double>) -> Variable<Double> {
  ///   .record("log1pexp", value: max(x.value, 0) + log1p(exp(-abs(x.value))), inputs: [x]) { v, x, _ in
  ///     [v * sigmoid(x[0])]
  ///   }
  /// }
  /// ```
  ///
  /// The node is stored as a rank-0 tensor node with scalar inputs and read back as its element (two nodes
  /// and one tensor entry): cheap enough for a special function, not for every addition.
  ///
  /// - Parameters:
  ///   - name: the operation's name, for error messages.
  ///   - value: the forward result.
  ///   - inputs: the operands (constants allowed).
  ///   - pullback: the derivative rule.
  /// - Returns: the result, recorded if any input is; a constant otherwise.
  /// - Precondition: the recorded inputs are on one tape.
  public static func record(
    _ name: String, value: Double, inputs: [Variable<Double>], pullback: @escaping ScalarPullback
  ) -> Variable<Double> {
    guard let tape = commonTape(inputs, name) else { return Variable(value) }
    let count = inputs.count
    let node = tape.recordTensor(Tensor(value), scalarInputs: inputs, name: name) { v, inputs, output in
      let contributions = pullback(v.scalar, inputs.map(\.scalar), output.scalar)
      checkPrecondition(
        contributions.count == count, "\(name): pullback returned \(contributions.count) contributions for \(count) inputs")
      return contributions.map { $0.map { Variable<Tensor>($0) } }
    }
    return node.scalar
  }
}
