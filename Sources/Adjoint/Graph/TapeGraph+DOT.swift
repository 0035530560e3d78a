// Graphviz export in the convention of the backpropagation chapter: each operation a circle with its sign,
// leaves as plain labels, the forward value written above each edge and the adjoint below it in red.

extension TapeGraph {
  /// What `dot(options:)` draws and how much of it.
  public struct DOTOptions {
    /// The most nodes drawn; the earliest nodes beyond it are replaced by one note that counts them.
    public var nodeBudget: Int
    /// How many scalars of a tensor an edge label shows after the tensor's shape.
    public var tensorElements: Int
    /// Significant digits of every number drawn (C's `%g`): 220.00000000000003 is drawn `220`, 1.5399 `1.54`.
    public var significantDigits: Int
    /// The Graphviz colour of the adjoints (`"red"`, as the textbook).
    public var adjointColor: String
    /// The graph's name in the DOT text.
    public var title: String

    /// Options with the given values; the defaults suit a page: 60 nodes, 3 scalars per tensor, 4 digits.
    ///
    /// - Precondition: `nodeBudget` is at least 1; `tensorElements` and `significantDigits` are at least 0
    ///   and 1.
    public init(
      nodeBudget: Int = 60, tensorElements: Int = 3, significantDigits: Int = 4, adjointColor: String = "red",
      title: String = "tape"
    ) {
      checkPrecondition(nodeBudget >= 1, "TapeGraph.DOTOptions: nodeBudget must be at least 1, got \(nodeBudget)")
      checkPrecondition(tensorElements >= 0, "TapeGraph.DOTOptions: tensorElements must be at least 0, got \(tensorElements)")
      checkPrecondition(
        (1...17).contains(significantDigits), "TapeGraph.DOTOptions: significantDigits must be in 1...17, got \(significantDigits)")
      self.nodeBudget = nodeBudget
      self.tensorElements = tensorElements
      self.significantDigits = significantDigits
      self.adjointColor = adjointColor
      self.title = title
    }
  }

  /// The graph as Graphviz DOT text, drawn left to right as the backpropagation chapter draws it.
  ///
  /// Each operation is a node labelled with its symbol (`×`, `+`, `×1.1`, `matmul`); a leaf is a plain label,
  /// its name or `x` and its index; an unrecorded constant operand is a plain `constant` label. Each edge
  /// carries, above, the forward value of the node it leaves and, below in `adjointColor`, that node's adjoint
  /// (the derivative of the output with respect to it: where a node feeds several operations, the sum over
  /// its uses). The output's edge ends at its name. Tensor values are summarised by their shape and first
  /// scalars. When the graph has more nodes than `nodeBudget`, only the last `nodeBudget` are drawn (those
  /// nearest the output) and one dashed note, `elided`, stands for the rest and counts them.
  ///
  /// ```swift
  /// let tape = Tape()
  /// let apple = tape.variable(100.0), count = tape.variable(2.0), tax = tape.variable(1.1)
  /// let price = apple * count * tax
  /// var graph = TapeGraph(of: price, gradients: price.backward())
  /// graph.setName("apple", for: apple)
  /// print(graph.dot().contains(#"n0 -> n3 [label=<100<BR/><FONT COLOR="red">2.2</FONT>>];"#))
  /// // prints: true
  /// ```
  ///
  /// - Parameter options: the node budget, the precision and the colour.
  /// - Returns: DOT text; render it with `dot -Tsvg`.
  /// - Complexity: O(nodes drawn + their edges), plus the scalars shown.
  public func dot(options: DOTOptions = DOTOptions()) -> String {
    let drawn = nodes.suffix(options.nodeBudget)
    let elided = nodes.count - drawn.count
    let drawnIndices = Set(drawn.map(\.index))
    var lines = [
      "digraph \(Self.quoted(options.title)) {",
      "  rankdir=LR;",
      "  node [fontname=\"Helvetica\", fontsize=14];",
      "  edge [fontname=\"Helvetica\", fontsize=12, arrowsize=0.7];",
    ]
    if elided > 0 {
      let noun = elided == 1 ? "node" : "nodes"
      lines.append("  elided [label=\"… \(elided) earlier \(noun) elided\", shape=note, style=dashed];")
    }
    for node in drawn {
      lines.append("  n\(node.index) [\(nodeAttributes(node))];")
    }
    for node in drawn {
      for (k, input) in node.inputs.enumerated() {
        switch input {
        case .node(let source):
          let from = drawnIndices.contains(source) ? "n\(source)" : "elided"
          let label = self[source].map { edgeLabel(value: $0.value, adjoint: $0.adjoint, options) } ?? "\"\""
          lines.append("  \(from) -> n\(node.index) [label=\(label)];")
        case .constant(let value):
          let name = "c\(node.index)_\(k)"
          lines.append("  \(name) [label=\"constant\", shape=plaintext, fontcolor=gray40];")
          lines.append("  \(name) -> n\(node.index) [label=\(edgeLabel(value: value, adjoint: nil, options))];")
        }
      }
    }
    if let output, let node = self[output] {
      lines.append("  output [label=\(Self.quoted(outputName ?? "output")), shape=plaintext];")
      lines.append("  n\(output) -> output [label=\(edgeLabel(value: node.value, adjoint: node.adjoint, options))];")
    }
    lines.append("}")
    return lines.joined(separator: "\n") + "\n"
  }

  private func nodeAttributes(_ node: Node) -> String {
    if node.isLeaf {
      let name = node.name ?? (node.isConstant ? "constant \(node.index)" : "x\(node.index)")
      return "label=\(Self.quoted(name)), shape=plaintext" + (node.isConstant ? ", fontcolor=gray40" : "")
    }
    let symbol = node.symbol
    let shape = symbol.count <= 5 ? "circle" : "ellipse"
    return "label=\(Self.quoted(symbol)), shape=\(shape)" + (node.isConstant ? ", color=gray60" : "")
  }

  /// `value` above, `adjoint` below in colour, as a Graphviz HTML-like label. A tensor of more than one
  /// element takes two lines, its shape and its first scalars; its adjoint, of the same shape, one.
  private func edgeLabel(value: Value, adjoint: Value?, _ options: DOTOptions) -> String {
    let forward = Self.lines(value, options).joined(separator: "<BR/>")
    guard let adjoint else { return "<\(forward)>" }
    let color = Self.escaped(options.adjointColor)
    var adjointLines = Self.lines(adjoint, options)
    if adjointLines.count == 2 { adjointLines.removeFirst() }  // the shape, which is the value's
    let backward = adjointLines.map { "<FONT COLOR=\"\(color)\">\($0)</FONT>" }.joined(separator: "<BR/>")
    return "<\(forward)<BR/>\(backward)>"
  }

  /// The escaped lines of a value's summary: one for a number, shape and scalars for a tensor.
  private static func lines(_ value: Value, _ options: DOTOptions) -> [String] {
    let summary = value.summary(elements: options.tensorElements, significantDigits: options.significantDigits)
    guard value.scalar == nil, let bracket = summary.firstIndex(of: "]") else { return [escaped(summary)] }
    let shape = summary[...bracket]
    let scalars = summary[summary.index(after: bracket)...].drop { $0 == " " }
    return scalars.isEmpty ? [escaped(String(shape))] : [escaped(String(shape)), escaped(String(scalars))]
  }

  /// A DOT string literal.
  static func quoted(_ text: String) -> String {
    "\"" + text.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"").replacingAll("\n", with: "\\n") + "\""
  }

  /// Text safe inside a Graphviz HTML-like label.
  static func escaped(_ text: String) -> String {
    text.replacingAll("&", with: "&amp;").replacingAll("<", with: "&lt;").replacingAll(">", with: "&gt;")
      .replacingAll("\"", with: "&quot;")
  }
}

extension String {
  /// The string with every occurrence of `target` replaced (the engine does not import Foundation).
  fileprivate func replacingAll(_ target: Character, with replacement: String) -> String {
    var result = ""
    result.reserveCapacity(count)
    for character in self {
      if character == target { result += replacement } else { result.append(character) }
    }
    return result
  }
}
