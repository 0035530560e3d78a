import Adjoint
import Foundation

/// `adjoint graph [EXAMPLE] [--output DIR] [--budget N] [--no-svg]`: draws the computational graphs of
/// the backpropagation chapter — forward values above the edges, adjoints below in red — as Graphviz DOT
/// files, and as SVG when Graphviz's `dot` is on `PATH`.
enum GraphCommand {
  static let summary = "Draws the tutorial's examples (shopping, ReLU, sigmoid, affine, softmax with loss, a two-layer network) as computational graphs (DOT, and SVG with Graphviz)."

  static let example = Positional<String>(
    "example", default: "all", help: "Which graph: apples, fruit (apples and oranges), relu, sigmoid, affine, softmax-loss, network, or all."
  ) { value in
    value == "all" || GraphExample(rawValue: value) != nil ? nil : "must be one of apples, fruit, relu, sigmoid, affine, softmax-loss, network or all"
  }
  static let output = Option<String>("output", placeholder: "DIR", default: "graphs", help: "The folder to write the files to.")
  static let budget = Option<Int>("budget", default: 60, help: "The most nodes drawn per graph; earlier ones are elided.") {
    $0 >= 1 ? nil : "must be at least 1"
  }
  static let noSVG = Flag("no-svg", help: "Write only the DOT files, even when Graphviz's dot is installed.")

  static var parser: ArgumentParser {
    ArgumentParser(command: "adjoint graph", summary: summary, arguments: [example, output, budget, noSVG])
  }

  static func run(_ arguments: [String]) -> Int32 {
    let parsed: ParsedArguments
    switch parseOrExit(parser, arguments) {
    case .success(let p): parsed = p
    case .failure(let status): return status.code
    }
    let name = parsed[example]
    let examples = name == "all" ? GraphExample.allCases : GraphExample(rawValue: name).map { [$0] } ?? []
    let graphviz = parsed[noSVG] ? nil : Graphviz.find()
    return run(
      examples: examples, directory: parsed[output], budget: parsed[budget], graphviz: graphviz,
      output: { print($0) }, errorOutput: printError)
  }

  /// Writes each example's DOT file (and SVG file, with `graphviz`) into `directory`, reporting each file.
  ///
  /// - Returns: 0 on success, 1 when a file cannot be written or rendered.
  static func run(
    examples: [GraphExample], directory: String, budget: Int, graphviz: Graphviz?, output: (String) -> Void,
    errorOutput: (String) -> Void
  ) -> Int32 {
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch {
      errorOutput("adjoint graph: cannot create the folder \(directory): \(error.localizedDescription)")
      return 1
    }
    for example in examples {
      let graph = example.graph()
      let options = TapeGraph.DOTOptions(nodeBudget: budget, title: example.fileName)
      let dotPath = "\(directory)/\(example.fileName).dot"
      do {
        try Data(graph.dot(options: options).utf8).write(to: URL(fileURLWithPath: dotPath))
      } catch {
        errorOutput("adjoint graph: cannot write \(dotPath): \(error.localizedDescription)")
        return 1
      }
      let result = graph.output.flatMap { graph[$0] }?.value.summary() ?? "?"
      output("\(example.rawValue): \(example.caption) (\(graph.nodes.count) nodes, output \(result))")
      output("  wrote \(dotPath)")
      guard let graphviz else { continue }
      let svgPath = "\(directory)/\(example.fileName).svg"
      do {
        try graphviz.renderSVG(from: dotPath, to: svgPath)
        output("  wrote \(svgPath)")
      } catch {
        errorOutput("adjoint graph: \(error)")
        return 1
      }
    }
    if graphviz == nil { output("(no SVG: Graphviz's dot is not on PATH, or --no-svg was given)") }
    return 0
  }
}
