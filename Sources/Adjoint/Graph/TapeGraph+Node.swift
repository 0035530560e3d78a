extension TapeGraph {
  /// One recorded node: the operation that made it, its inputs, its value and, when the graph was made
  /// with gradients, its adjoint.
  public struct Node {
    /// The node's index on its tape (its position in creation order).
    public let index: Int
    /// The operation's name: a scalar operation's case (`"multiply"`, `"multiplyByConstant"`, `"exp"`), a
    /// tensor operation's recorded name (`"matmul"`, `"+"`, `"logSoftmax"`), or `"leaf"` for a variable
    /// made with `tape.variable(_:)` and `"constant"` for one made with `tape.constant(_:)`.
    public let operation: String
    /// How a drawing labels the operation, as the textbook does: `"×"`, `"+"`, `"×1.1"` for a product with
    /// the constant 1.1, `"exp"`, `"matmul"`. Empty for leaves.
    public let symbol: String
    /// The operands, in order: other nodes of the tape, or constants that are on no tape.
    public let inputs: [Input]
    /// The value the forward pass computed.
    public let value: Value
    /// The derivative of the graph's output with respect to this node, when the graph was made with
    /// gradients; nil otherwise, and for nodes no gradient flows to (tensor constants).
    public let adjoint: Value?
    /// True for nodes made directly on the tape (variables and constants), not by an operation.
    public let isLeaf: Bool
    /// True for nodes that need no gradient: `tape.constant(_:)` and operations on constants only.
    public let isConstant: Bool
    /// The name given with `TapeGraph.setName(_:for:)`, if any.
    public internal(set) var name: String?

    /// The indices of the input nodes that are on the tape, in operand order.
    public var inputIndices: [Int] {
      inputs.compactMap { if case .node(let i) = $0 { return i } else { return nil } }
    }
  }

  /// An operand of a node.
  public enum Input: Equatable {
    /// The node with this index on the same tape.
    case node(Int)
    /// A constant operand recorded on no tape (`Variable(tensor)`), with its value.
    case constant(Value)
  }

  /// A node's value or adjoint: a number for scalar nodes, a tensor for tensor nodes.
  public enum Value: Equatable {
    /// The value of a `Variable<Double>` node.
    case scalar(Double)
    /// The value of a `Variable<Tensor>` node (its storage is shared with the tape, not copied).
    case tensor(Tensor)

    /// The number of a scalar value, or the only element of a one-element tensor; nil otherwise.
    public var scalar: Double? {
      switch self {
      case .scalar(let x): return x
      case .tensor(let t): return t.count == 1 ? t.scalars[0] : nil
      }
    }

    /// The shape: `[]` for a scalar.
    public var shape: [Int] {
      switch self {
      case .scalar: return []
      case .tensor(let t): return t.shape
      }
    }

    /// A short text for a label: a number with `significantDigits` digits, or, for a tensor of more than one
    /// element, its shape and its first `elements` scalars: `"[2, 3] 0.1 -0.25 0.5 …"`.
    ///
    /// - Parameters:
    ///   - elements: how many scalars of a tensor to show.
    ///   - significantDigits: the precision of each number (like C's `%g`).
    /// - Returns: the text, `"220"` for the scalar 220.00000000000003.
    public func summary(elements: Int = 4, significantDigits: Int = 6) -> String {
      let number = { (x: Double) in ScalarFormatting.significant(x, digits: significantDigits) }
      switch self {
      case .scalar(let x): return number(x)
      case .tensor(let t):
        if t.rank == 0 { return number(t.scalar) }
        let shown = t.withUnsafeBufferPointer { $0.prefix(Swift.max(0, elements)).map(number) }
        let more = t.count > shown.count ? " …" : ""
        return "\(t.shape) " + shown.joined(separator: " ") + more
      }
    }
  }
}
