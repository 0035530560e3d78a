import Adjoint
import Testing

/// The examples of Docs/Graphs.md and the printing section of Docs/TensorOperations.md, as written there,
/// with the output their `// prints:` comments show. The graph's values are the chapter's (see
/// TapeGraphTests for their derivation).
@Suite struct GraphsGuideTests {
  /// The shopping graph of the guide, named as the guide names it.
  private func shopping() -> (graph: TapeGraph, lines: [String]) {
    let tape = Tape()
    let apple = tape.variable(100.0), count = tape.variable(2.0), tax = tape.variable(1.1)
    let price = apple * count * tax
    var graph = TapeGraph(of: price, gradients: price.backward())
    graph.setName("apple", for: apple)
    graph.setName("apple count", for: count)
    graph.setName("tax", for: tax)
    graph.setName("price", for: price)
    let lines = graph.nodes.map { node in
      "\(node.index) \(node.isLeaf ? node.name ?? "" : node.symbol) \(node.inputIndices) "
        + "value \(node.value.summary()) adjoint \(node.adjoint?.summary() ?? "-")"
    }
    return (graph, lines)
  }

  @Test func graphsTheViewListsEachNode() {
    #expect(shopping().lines == [
      "0 apple [] value 100 adjoint 2.2",
      "1 apple count [] value 2 adjoint 110",
      "2 tax [] value 1.1 adjoint 200",
      "3 × [0, 1] value 200 adjoint 1.1",
      "4 × [3, 2] value 220 adjoint 1",
    ])
  }

  @Test func graphsDOTExport() {
    #expect(shopping().graph.dot(options: .init(title: "shopping")) == """
      digraph "shopping" {
        rankdir=LR;
        node [fontname="Helvetica", fontsize=14];
        edge [fontname="Helvetica", fontsize=12, arrowsize=0.7];
        n0 [label="apple", shape=plaintext];
        n1 [label="apple count", shape=plaintext];
        n2 [label="tax", shape=plaintext];
        n3 [label="×", shape=circle];
        n4 [label="×", shape=circle];
        n0 -> n3 [label=<100<BR/><FONT COLOR="red">2.2</FONT>>];
        n1 -> n3 [label=<2<BR/><FONT COLOR="red">110</FONT>>];
        n3 -> n4 [label=<200<BR/><FONT COLOR="red">1.1</FONT>>];
        n2 -> n4 [label=<1.1<BR/><FONT COLOR="red">200</FONT>>];
        output [label="price", shape=plaintext];
        n4 -> output [label=<220<BR/><FONT COLOR="red">1</FONT>>];
      }

      """)
  }

  @Test func graphsNodeBudget() {
    let tape = Tape()
    var y = tape.variable(1.0)
    for _ in 0..<1000 { y = sin(y) }
    let graph = TapeGraph(of: y)
    let dot = graph.dot(options: .init(nodeBudget: 8))
    #expect(graph.nodes.count == 1001)
    #expect(dot.split(separator: "\n")[4] == #"  elided [label="… 993 earlier nodes elided", shape=note, style=dashed];"#)
    #expect(dot.split(separator: "\n").filter { $0.contains("elided") }.count == 2)  // the note and its one edge
  }

  @Test func graphsTensorNetwork() {
    let tape = Tape()
    let x = tape.constant(Tensor([[1, 2], [3, 4]]))
    let w = tape.variable(Tensor([[0.5, -1], [2, 0.25]]))
    let loss = relu(x.matmul(w)).sum()
    let graph = TapeGraph(of: loss, gradients: loss.backward())
    #expect(graph.nodes.map(\.operation) == ["constant", "leaf", "matmul", "relu", "sum"])
    // x·w = [[4.5, −0.5], [9.5, −2]], so relu′ = [[1, 0], [1, 0]] and ∂loss/∂w = xᵀ·relu′ = [[4, 0], [6, 0]].
    #expect(graph.node(for: w)?.adjoint?.summary() == "[2, 2] 4 0 6 0")
  }

  // MARK: Docs/TensorOperations.md, Printing

  @Test func tensorOperationsPrinting() {
    #expect(Tensor(2.5).description == "2.5")
    #expect(Tensor([[1, 2.5, -3], [4, 5, 6.25]]).description == "[[ 1.0   2.5  -3.0 ]\n [ 4.0   5.0   6.25]]")
    #expect(Tensor(shape: [2, 1, 3], scalars: [1, 2, 3, 4, 5, 6]).description == "[[[1.0 2.0 3.0]]\n\n [[4.0 5.0 6.0]]]")
    #expect(Tensor((0..<2000).map(Double.init)).description == "[   0.0    1.0    2.0 … 1997.0 1998.0 1999.0]")
    let tape = Tape()
    let w = tape.variable(Tensor([[1, 2], [3, 4]]))
    #expect(w.description == "Variable([[1.0 2.0]\n          [3.0 4.0]], node 0)")
    #expect((w * w).sum().backward().description
      == "Gradients(3 nodes: 0 scalar with 0 adjoints nonzero, 3 tensor with 3 adjoints reached; recording 0 of a live tape)")
  }
}
