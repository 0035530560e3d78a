// Scalars and tensors on one tape: an element of a tensor variable becomes a scalar variable, and a scalar
// variable becomes a rank-0 tensor variable, in both sweeps and at any order.
//
// Two edges join the two kinds of node:
// - a scalar node `.tensorElement` reads element `aux` (a flat offset) of the tensor node `lhs`; its adjoint
//   is added into that element of the tensor's adjoint;
// - a tensor node may list scalar nodes among its inputs (its input value is the scalar as a rank-0 tensor);
//   the contribution its pullback returns for such an input, a one-element tensor, is added to the scalar's
//   adjoint.
// The recorded sweep does the same with variables, so each edge is differentiable again: the adjoint of an
// element is the scalar adjoint broadcast against a one-hot constant, and the contribution to a scalar is
// the contribution's only element.

extension Variable where Value == Tensor {
  /// The rank-0 tensor variable holding a scalar variable's value; derivatives flow back to the scalar.
  ///
  /// ```swift
  /// let tape = Tape()
  /// let s = tape.variable(2.0)
  /// let t = Variable<Tensor>(s)          // shape [], value 2
  /// ```
  /// A constant scalar gives a constant tensor.
  public init(_ scalar: Variable<Double>) {
    guard let tape = scalar.validTape(for: "Variable<Tensor>(scalar)") else {
      self = Variable(Tensor(scalar.value))
      return
    }
    self = tape.recordTensor(
      Tensor(scalar.value), inputIndices: [scalar.index], inputValues: [Tensor(scalar.value)],
      name: "tensor(scalar)") { v, _, _ in [v] }
  }

  /// A tensor variable of the given shape made of scalar variables (row-major); derivatives flow back to
  /// each of them.
  ///
  /// - Precondition: `scalars.count` is the product of `shape`; the recorded scalars are on one tape.
  public init(_ scalars: [Variable<Double>], shape: [Int]) {
    let count = shape.reduce(1, *)
    checkPrecondition(
      scalars.count == count, "Variable<Tensor>(scalars, shape:): \(scalars.count) scalars for shape \(shape)")
    let value = Tensor(shape: shape, scalars: scalars.map(\.value))
    guard let tape = commonTape(scalars, "Variable<Tensor>(scalars, shape:)") else {
      self = Variable(value)
      return
    }
    self = tape.recordTensor(value, scalarInputs: scalars, name: "tensor(scalars)") { v, inputs, _ in
      if !v.isRecorded { return v.value.scalars.map { Variable(Tensor($0)) } }
      return (0..<inputs.count).map { k in Variable<Tensor>(v.element(atOffset: k)) }
    }
  }

  /// The only element of a one-element tensor variable (any rank), as a scalar variable.
  ///
  /// - Precondition: the tensor has exactly one element.
  public var scalar: Variable<Double> {
    checkPrecondition(value.count == 1, "Variable<Tensor>.scalar: the tensor has shape \(value.shape), not a single element")
    return element(atOffset: 0)
  }

  /// Every element, in row-major order, as scalar variables.
  public var scalars: [Variable<Double>] {
    (0..<value.count).map { element(atOffset: $0) }
  }

  /// The element at a multi-dimensional index, as a scalar variable: `x[element: i, j]`. (The unlabelled
  /// `x[i, j]` is NumPy-style indexing and gives a rank-0 tensor variable; see `Indexing.md`.)
  ///
  /// ```swift
  /// let tape = Tape()
  /// let x = tape.variable(Tensor([[1, 2], [3, 4]]))
  /// let s = x[element: 1, 0] * 2.0      // a Variable<Double>, value 6
  /// ```
  ///
  /// - Precondition: one index per dimension, each within its extent.
  public subscript(element indices: Int...) -> Variable<Double> {
    element(atOffset: value.offset(of: indices))
  }

  /// The element at a row-major offset, recorded as a `.tensorElement` node.
  func element(atOffset k: Int) -> Variable<Double> {
    let x = value.withUnsafeBufferPointer { $0[k] }
    guard let tape = validTape(for: "Variable<Tensor> element") else { return Variable<Double>(x) }
    let i = tape.appendScalar(.tensorElement, index, -1, aux: Double(k), value: x)
    return Variable<Double>(tape: tape, index: i, generation: generation, value: x)
  }

  /// The adjoint of a tensor node reached through its element `k`: zero but for `v` at `k` (recorded).
  init(elementAdjoint v: Variable<Double>, at k: Int, shape: [Int]) {
    var mask = Tensor.zeros(shape)
    mask.withUnsafeMutableBufferPointer { $0[k] = 1 }
    self = Variable<Tensor>(v) * Variable(mask)
  }
}

extension Tape {
  /// Appends a tensor node with explicit input node indices, which may name scalar nodes.
  func recordTensor(
    _ value: Tensor, inputIndices: [Int32], inputValues: [Tensor], name: String, pullback: @escaping TensorPullback
  ) -> Variable<Tensor> {
    let inputs = zip(inputIndices, inputValues).map { index, value in
      index >= 0 && requiresGradient(of: index) ? Variable.standIn(for: value) : Variable(value)
    }
    return appendTensor(
      value, inputs: inputs, indices: TensorInputIndices(count: inputIndices.count) { inputIndices[$0] }, name: name,
      pullback: pullback, requiresGradient: inputs.contains { $0.needsGradient })
  }

  /// Appends a tensor node fed by scalar variables (constants among them are recorded as leaves first, so
  /// that every input has a node): custom scalar rules, checkpointed segments, tensors built from scalars.
  func recordTensor(
    _ value: Tensor, scalarInputs: [Variable<Double>], name: String, pullback: @escaping TensorPullback
  ) -> Variable<Tensor> {
    let recorded = scalarInputs.map { $0.tape == nil ? variable($0.value) : $0 }
    return recordTensor(
      value, inputIndices: recorded.map(\.index), inputValues: recorded.map { Tensor($0.value) }, name: name,
      pullback: pullback)
  }

  /// First-order sweep: adds the adjoint `v` of an element into element `k` of a tensor node's adjoint.
  func addElement(_ v: Double, at k: Int, ofTensorNode node: Int, to tensorAdjoints: inout [Tensor?]) {
    let slot = Int(arena.pointee.entries[node].rhs)
    guard tensorEntries[slot].requiresGradient else { return }
    var adjoint = tensorAdjoints[slot] ?? Tensor.zeros(tensorEntries[slot].value.shape)
    tensorAdjoints[slot] = nil  // so that `adjoint` is uniquely referenced and updated in place
    adjoint.withUnsafeMutableBufferPointer { $0[k] += v }
    tensorAdjoints[slot] = adjoint
  }
}

// MARK: Arithmetic between a tensor and a scalar variable (the scalar broadcasts)

extension Variable where Value == Tensor {
  /// x + s, the scalar variable added to every element.
  public static func + (x: Variable, s: Variable<Double>) -> Variable { x + Variable<Tensor>(s) }
  /// s + x.
  public static func + (s: Variable<Double>, x: Variable) -> Variable { Variable<Tensor>(s) + x }
  /// x − s.
  public static func - (x: Variable, s: Variable<Double>) -> Variable { x - Variable<Tensor>(s) }
  /// s − x.
  public static func - (s: Variable<Double>, x: Variable) -> Variable { Variable<Tensor>(s) - x }
  /// x · s, every element scaled by the scalar variable.
  public static func * (x: Variable, s: Variable<Double>) -> Variable { x * Variable<Tensor>(s) }
  /// s · x.
  public static func * (s: Variable<Double>, x: Variable) -> Variable { Variable<Tensor>(s) * x }
  /// x / s.
  public static func / (x: Variable, s: Variable<Double>) -> Variable { x / Variable<Tensor>(s) }
  /// s / x, elementwise.
  public static func / (s: Variable<Double>, x: Variable) -> Variable { Variable<Tensor>(s) / x }
}
