import Adjoint
import Testing

// The DOT export read back structurally: node statements, edges and their labels, against the
// hand-computed values of the shopping examples (see TapeGraphTests for their derivation).

/// The statements of a DOT text, split into nodes (`name [attributes];`) and edges (`a -> b [label=…];`).
private struct ParsedDOT {
  var nodes: [String: String] = [:]  // name → attributes
  var edges: [(from: String, to: String, label: String)] = []

  init(_ text: String) {
    for line in text.split(separator: "\n").map({ $0.trimmingPrefix(" ") }) {
      guard line.hasSuffix("];"), let open = line.firstIndex(of: "[") else { continue }
      let head = line[..<open].split(separator: " ").map(String.init)
      let attributes = String(line[line.index(after: open)..<line.index(line.endIndex, offsetBy: -2)])
      if head.count == 3, head[1] == "->" {
        edges.append((head[0], head[2], attributes))
      } else if head.count == 1, !["node", "edge"].contains(head[0]) {
        nodes[head[0]] = attributes
      }
    }
  }

  /// The forward value and adjoint of an edge label `label=<value<BR/><FONT COLOR="red">adjoint</FONT>>`.
  static func values(of label: String) -> (forward: String, adjoint: String?) {
    let body = label.dropFirst("label=<".count).dropLast()
    let parts = body.split(separator: "<BR/>", omittingEmptySubsequences: false).map(String.init)
    let adjoint = parts.count > 1 ? parts.last?.replacing(#"<FONT COLOR="red">"#, with: "").replacing("</FONT>", with: "") : nil
    return (parts[0], adjoint)
  }
}

private func applesAndOranges() -> TapeGraph {
  let tape = Tape()
  let apple = tape.variable(100.0), appleCount = tape.variable(2.0)
  let orange = tape.variable(150.0), orangeCount = tape.variable(3.0), tax = tape.variable(1.1)
  let price = (apple * appleCount + orange * orangeCount) * tax
  var graph = TapeGraph(of: price, gradients: price.backward())
  for (name, v) in [("apple", apple), ("apple count", appleCount), ("orange", orange), ("tax", tax), ("price", price)] {
    graph.setName(name, for: v)
  }
  return graph
}

@Suite struct TapeGraphDOTTests {
  @Test func applesAndOrangesDrawOneNodePerOperationAndLeavesAsLabels() {
    let dot = ParsedDOT(applesAndOranges().dot())
    #expect(dot.nodes.count == 10)  // 5 leaves, 4 operations, the output label
    let operations = dot.nodes.values.filter { $0.contains("shape=circle") }.map { $0.prefix(9) }
    #expect(operations.sorted() == [#"label="+""#, #"label="×""#, #"label="×""#, #"label="×""#])
    #expect(dot.nodes["n0"] == #"label="apple", shape=plaintext"#)
    #expect(dot.nodes["n3"] == #"label="x3", shape=plaintext"#)  // orange count, left unnamed
    #expect(dot.nodes["output"] == #"label="price", shape=plaintext"#)
  }

  @Test func everyEdgeCarriesTheForwardValueAboveTheAdjointInRed() {
    let text = applesAndOranges().dot()
    let dot = ParsedDOT(text)
    #expect(dot.edges.count == 9)  // 8 operand edges and the output's
    let pairs = dot.edges.map { ParsedDOT.values(of: $0.label) }.map { "\($0.forward)/\($0.adjoint ?? "none")" }
    #expect(
      pairs.sorted()
        == ["1.1/650", "100/2.2", "150/3.3", "2/110", "200/1.1", "3/165", "450/1.1", "650/1.1", "715/1"].sorted())
    #expect(text.contains(#"n0 -> n5 [label=<100<BR/><FONT COLOR="red">2.2</FONT>>];"#))
    #expect(text.contains(#"n8 -> output [label=<715<BR/><FONT COLOR="red">1</FONT>>];"#))
    #expect(text.hasPrefix("digraph \"tape\" {\n  rankdir=LR;"))
  }

  @Test func withoutGradientsEdgesCarryOnlyForwardValues() {
    let tape = Tape()
    let x = tape.variable(3.0)
    let y = exp(x) * 2.0
    let dot = ParsedDOT(TapeGraph(of: y).dot())
    #expect(dot.edges.map(\.label) == ["label=<3>", "label=<20.09>", "label=<40.17>"])  // e³ = 20.0855…
    #expect(dot.nodes["n2"] == #"label="×2", shape=circle"#)
  }

  @Test func aNodeBudgetDrawsTheLastNodesAndCountsTheRestInANote() {
    let tape = Tape()
    var y = tape.variable(1.0)
    for _ in 0..<99 { y = y * 1.01 }
    let graph = TapeGraph(of: y, gradients: y.backward())
    #expect(graph.nodes.count == 100)
    let dot = ParsedDOT(graph.dot(options: .init(nodeBudget: 10)))
    let drawn = dot.nodes.keys.filter { $0.hasPrefix("n") }
    #expect(Set(drawn) == Set((90..<100).map { "n\($0)" }))
    #expect(dot.nodes["elided"] == #"label="… 90 earlier nodes elided", shape=note, style=dashed"#)
    #expect(dot.edges.filter { $0.from == "elided" }.map(\.to) == ["n90"])
    #expect(dot.edges.count == 11)  // 1 from the note, 9 between drawn nodes, 1 to the output
    #expect(ParsedDOT(graph.dot(options: .init(nodeBudget: 100))).nodes["elided"] == nil)
  }

  @Test func tensorValuesAreSummarisedByShapeAndAFewScalars() {
    let tape = Tape()
    let w = tape.variable(Tensor(shape: [20, 50], scalars: (0..<1000).map(Double.init)))
    let y = (w * 3.0).sum()
    let dot = ParsedDOT(TapeGraph(of: y, gradients: y.backward()).dot(options: .init(tensorElements: 2)))
    let first = dot.edges.first { $0.from == "n0" }?.label
    // The value's shape and first two scalars, then the adjoint's scalars: ∂(Σ 3w)/∂w = 3.
    #expect(first == #"label=<[20, 50]<BR/>0 1 …<BR/><FONT COLOR="red">3 3 …</FONT>>"#)
    #expect(dot.nodes["n1"] == #"label="×c", shape=circle"#)  // a tensor times a constant number
    #expect(dot.nodes["n2"] == #"label="sum", shape=circle"#)
  }

  @Test func unrecordedConstantsAndTapeConstantsAreDrawnGrey() {
    let tape = Tape()
    let data = tape.constant(Tensor([[1, 2]]))
    let w = tape.variable(Tensor([[3], [4]]))
    let y = (data.matmul(w) + Variable(Tensor([10]))).sum()
    let dot = ParsedDOT(TapeGraph(of: y).dot())
    #expect(dot.nodes["n0"] == #"label="constant 0", shape=plaintext, fontcolor=gray40"#)
    #expect(dot.nodes["c3_1"] == #"label="constant", shape=plaintext, fontcolor=gray40"#)
    #expect(dot.edges.contains { $0.from == "c3_1" && $0.to == "n3" && $0.label == "label=<[1] 10>" })
  }

  @Test func namesAreEscapedForDOTAndLabelsForHTML() {
    let tape = Tape()
    let x = tape.variable(1.0)
    var graph = TapeGraph(of: x + 1)
    graph.setName(#"say "hi" \ <b>"#, for: x)
    let text = graph.dot(options: .init(adjointColor: "a&b", title: "t\"q"))
    #expect(text.contains(#"n0 [label="say \"hi\" \\ <b>", shape=plaintext];"#))
    #expect(text.hasPrefix(#"digraph "t\"q" {"#))
  }
}
