/// A read-only view of the graph a tape recorded: for each node its operation, its inputs, its value and,
/// once a `backward()` has run, its adjoint — the computational graph as the backpropagation chapter draws
/// it. Export it to Graphviz with `dot(options:)`.
///
/// ```swift
/// let tape = Tape()
/// let apple = tape.variable(100.0), count = tape.variable(2.0), tax = tape.variable(1.1)
/// let price = apple * count * tax
/// var graph = TapeGraph(of: price, gradients: price.backward())
/// graph.setName("apple", for: apple)
/// print(graph.nodes.map(\.symbol))                                  // prints: ["", "", "", "×", "×"]
/// print(graph.nodes.map { $0.adjoint?.summary() ?? "" })            // prints: ["2.2", "110", "200", "1.1", "1"]
/// ```
///
/// The view copies what it shows when it is made (tensor values share their storage with the tape), so it
/// stays valid after the tape is consumed, reset or freed.
///
/// - Complexity: O(number of nodes up to the output) to make; tensors are not copied.
public struct TapeGraph {
  /// The nodes, in creation order (a topological order: every input comes before the nodes using it).
  public private(set) var nodes: [Node]
  /// The index of the node the graph was made for (`init(of:gradients:)`), or nil for a whole tape.
  public let output: Int?
  /// The name of the output, drawn on the edge that leaves the graph (`"price"`); nil draws `"output"`.
  public var outputName: String?
  /// Position in `nodes` of each node index.
  private var positions: [Int: Int]

  /// The view of every node recorded on `tape` since its last `reset()`.
  ///
  /// - Parameters:
  ///   - tape: the tape to read.
  ///   - gradients: the result of a `backward()` on this recording, to show adjoints; nil to show none.
  /// - Precondition: `gradients`, if given, come from the tape's current recording.
  public init(_ tape: Tape, gradients: Gradients? = nil) {
    self.init(tape: tape, last: tape.count - 1, output: nil, gradients: gradients)
  }

  /// The view of the nodes that `output` depends on, `output` last.
  ///
  /// - Parameters:
  ///   - output: the result whose computation to show.
  ///   - gradients: the result of `output.backward()`, to show adjoints; nil to show none.
  /// - Precondition: `output` is recorded on a tape that has not been reset since; `gradients`, if given,
  ///   come from the same recording.
  public init<V>(of output: Variable<V>, gradients: Gradients? = nil) {
    guard let tape = output.validTape(for: "TapeGraph(of:)") else {
      failPrecondition("TapeGraph(of:): this variable is a constant, recorded on no tape; it has no graph")
    }
    self.init(tape: tape, last: Int(output.index), output: Int(output.index), gradients: gradients)
  }

  private init(tape: Tape, last: Int, output: Int?, gradients: Gradients?) {
    if let gradients {
      checkPrecondition(
        gradients.recording == tape.currentRecording,
        "TapeGraph: the gradients come from another tape or recording than the graph's nodes")
    }
    self.output = output
    let entries = tape.arena.pointee.entries
    let values = tape.arena.pointee.values
    var needed = [Bool](repeating: output == nil, count: last + 1)
    if let output { needed[output] = true }
    var built: [Node] = []
    var i = last
    while i >= 0 {  // one loop down the tape: a node is needed when a needed node uses it
      defer { i -= 1 }
      guard needed[i] else { continue }
      let node = Self.node(at: i, entry: entries[i], values: values, tape: tape, gradients: gradients)
      for input in node.inputIndices { needed[input] = true }
      built.append(node)
    }
    nodes = built.reversed()
    positions = Dictionary(uniqueKeysWithValues: nodes.enumerated().map { ($0.element.index, $0.offset) })
  }

  private static func node(
    at i: Int, entry e: ScalarEntry, values: UnsafeMutablePointer<Double>, tape: Tape, gradients: Gradients?
  ) -> Node {
    if e.op.isTensor {
      let slot = Int(e.rhs)
      let t = tape.tensorEntries[slot]
      let inputs = zip(t.inputIndices, t.inputValues).map { index, value in
        index >= 0 ? Input.node(Int(index)) : .constant(.tensor(value))
      }
      let isLeaf = e.op == .tensorLeaf
      let isConstant = !t.requiresGradient
      var adjoint: Value? = nil
      if let gradients, !isConstant {
        adjoint = .tensor((slot < gradients.tensors.count ? gradients.tensors[slot] : nil) ?? Tensor.zeros(t.value.shape))
      }
      return Node(
        index: i, operation: isLeaf ? (isConstant ? "constant" : "leaf") : t.name, symbol: isLeaf ? "" : tensorSymbol(t.name),
        inputs: inputs, value: .tensor(t.value), adjoint: adjoint, isLeaf: isLeaf, isConstant: isConstant)
    }
    let inputs = [e.lhs, e.op.isBinary ? e.rhs : -1].filter { $0 >= 0 }.map { Input.node(Int($0)) }
    let adjoint = gradients.map { g in Value.scalar(i < g.scalars.count ? g.scalars.pointer[i] : 0) }
    let isLeaf = e.op == .leaf
    return Node(
      index: i, operation: isLeaf ? "leaf" : "\(e.op)", symbol: e.op.symbol(aux: e.aux), inputs: inputs,
      value: .scalar(values[i]), adjoint: adjoint, isLeaf: isLeaf, isConstant: false)
  }

  /// The node with the given tape index, or nil if the graph does not include it.
  public subscript(index: Int) -> Node? {
    positions[index].map { nodes[$0] }
  }

  /// The node of `variable`, or nil if the graph does not include it (or it is a constant).
  public func node<V>(for variable: Variable<V>) -> Node? {
    guard variable.tape != nil else { return nil }
    return self[Int(variable.index)]
  }

  /// Names a node for drawings: a leaf is drawn as its name (`"apple"`), and the graph's output names the
  /// edge that leaves the graph (`"price"`).
  ///
  /// - Parameters:
  ///   - name: the name to draw.
  ///   - variable: a variable of the graph (a constant, or one the graph does not include, is ignored).
  public mutating func setName<V>(_ name: String, for variable: Variable<V>) {
    guard variable.tape != nil else { return }
    let index = Int(variable.index)
    if index == output { outputName = name }
    if let position = positions[index] { nodes[position].name = name }
  }
}
