import Adjoint
import Foundation
import Testing

@testable import AdjointCommandLine

/// A fresh empty folder under the temporary directory.
private func temporaryFolder() throws -> String {
  let path = NSTemporaryDirectory() + "adjoint-graph-\(UUID().uuidString)"
  try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  return path
}

/// `adjoint graph`: its arguments, the files it writes, and the graphs it draws.
@Suite struct GraphCommandTests {
  @Test func wrongArgumentsExitWithStatus2AndHelpWithStatus0() {
    #expect(runAdjointCommand(["graph", "pears"]) == 2)
    #expect(runAdjointCommand(["graph", "--budget", "0"]) == 2)
    #expect(runAdjointCommand(["graph", "--help"]) == 0)
    #expect(overview.contains("graph"))
  }

  @Test func writesOneDOTFilePerExampleAndReportsEach() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    var lines: [String] = []
    var errors: [String] = []
    let status = GraphCommand.run(
      examples: GraphExample.allCases, directory: folder + "/out", budget: 60, graphviz: nil,
      output: { lines.append($0) }, errorOutput: { errors.append($0) })
    #expect(status == 0)
    #expect(errors.isEmpty)
    #expect(lines.first == "apples: buying 2 apples at 100 with tax 1.1: price 220 (5 nodes, output 220)")
    #expect(lines.contains("fruit: 2 apples at 100 and 3 oranges at 150 with tax 1.1: price 715 (9 nodes, output 715)"))
    #expect(lines.last == "(no SVG: Graphviz's dot is not on PATH, or --no-svg was given)")
    for name in ["shopping-apples", "shopping-apples-oranges", "two-layer-network"] {
      let text = try String(contentsOfFile: "\(folder)/out/\(name).dot", encoding: .utf8)
      #expect(text.hasPrefix("digraph \"\(name)\" {"))
    }
    let fruit = try String(contentsOfFile: "\(folder)/out/shopping-apples-oranges.dot", encoding: .utf8)
    // Every adjoint of the chapter's figure: 2.2, 110, 3.3, 165, 650, and 1.1 on the three inner edges.
    for (forward, adjoint) in [("100", "2.2"), ("2", "110"), ("150", "3.3"), ("3", "165"), ("1.1", "650"), ("650", "1.1")] {
      #expect(fruit.contains(#"label=<\#(forward)<BR/><FONT COLOR="red">\#(adjoint)</FONT>>"#), "\(forward)/\(adjoint)")
    }
    #expect(fruit.contains(#"[label="orange count", shape=plaintext]"#))
  }

  @Test func theApplesGraphIsTheChaptersFigure() {
    let dot = GraphExample.apples.graph().dot()
    #expect(dot.components(separatedBy: "->").count - 1 == 5)
    #expect(dot.contains(#"n0 [label="apple", shape=plaintext];"#))
    #expect(dot.contains(#"n1 [label="apple count", shape=plaintext];"#))
    #expect(dot.contains(#"n2 [label="tax", shape=plaintext];"#))
    #expect(dot.contains(#"n2 -> n4 [label=<1.1<BR/><FONT COLOR="red">200</FONT>>];"#))
    #expect(dot.contains(#"n1 -> n3 [label=<2<BR/><FONT COLOR="red">110</FONT>>];"#))
    #expect(dot.contains(#"n4 -> output [label=<220<BR/><FONT COLOR="red">1</FONT>>];"#))
  }

  /// The network's logits adjoint is Softmax-with-Loss's (y − t)/N, computed here from the logits the graph
  /// shows with plain arithmetic; the loss is the mean of −log softmax at the labels.
  @Test func theNetworkGraphShowsSoftmaxWithLossGradientAtTheLogits() throws {
    let graph = GraphExample.network.graph()
    #expect(graph.nodes.map(\.operation) == [
      "constant", "leaf", "leaf", "leaf", "leaf", "matmul", "add", "relu", "matmul", "add", "logSoftmax",
      "gathering(columnPerRow:)", "sum", "divideByConstant", "negate",
    ])
    #expect(graph.nodes.filter(\.isLeaf).map(\.name) == ["x", "W1", "b1", "W2", "b2"])
    guard case .tensor(let logits)? = graph.nodes.first(where: { $0.operation == "logSoftmax" }).flatMap({ n in
      graph[n.inputIndices[0]]?.value
    }), case .tensor(let adjoint)? = graph.nodes.first(where: { $0.operation == "logSoftmax" }).flatMap({ n in
      graph[n.inputIndices[0]]?.adjoint
    }) else {
      Issue.record("no logits node")
      return
    }
    let labels = GraphExample.networkParameters().labels
    var loss = 0.0
    for row in 0..<2 {
      let z = (0..<3).map { logits[row, $0] }
      let total = z.map { Foundation.exp($0) }.reduce(0, +)
      for k in 0..<3 {
        let expected = (Foundation.exp(z[k]) / total - (k == labels[row] ? 1 : 0)) / 2
        #expect(Swift.abs(adjoint[row, k] - expected) <= 1e-12, "row \(row), class \(k)")
      }
      loss -= Foundation.log(Foundation.exp(z[labels[row]]) / total) / 2
    }
    let shown = try #require(graph.output.flatMap { graph[$0]?.value.scalar })
    #expect(Swift.abs(shown - loss) <= 1e-12)
  }

  @Test func graphvizIsLookedUpOnThePathGiven() {
    #expect(Graphviz.find(path: "/nonexistent:/also/missing") == nil)
    #expect(Graphviz.find(path: "") == nil)
  }

  @Test func aSmallBudgetElidesTheNetworksEarlyNodes() {
    let dot = GraphExample.network.graph().dot(options: .init(nodeBudget: 5))
    #expect(dot.contains(#"elided [label="… 10 earlier nodes elided", shape=note, style=dashed];"#))
  }
}
