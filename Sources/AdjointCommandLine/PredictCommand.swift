import AdjointNN
import Foundation

/// `adjoint predict MODEL INPUT`: the predicted class and the class probabilities of each row of a CSV file
/// of features, with the model's own preprocessing.
enum PredictCommand {
  static let summary = "Prints the predicted class and the probabilities of each row of a CSV file of features."

  static let modelPath = Positional<String>("model", help: "The model file (from adjoint train --save).")
  static let input = Positional<String>("input", help: "A CSV file of feature rows (raw: the model applies its scaling).")
  static let dropColumn = Option<LabelColumn?>(
    "label-column", default: nil, help: "A column to ignore (such as the label of a labelled file).")
  static let decimals = Option<Int>("decimals", default: 4, help: "Decimals of the printed probabilities.") {
    (0...17).contains($0) ? nil : "must be in 0...17"
  }

  static var parser: ArgumentParser {
    ArgumentParser(
      command: "adjoint predict", summary: summary,
      arguments: [modelPath, input, DataArguments.separator, DataArguments.header, dropColumn, decimals])
  }

  static func run(_ arguments: [String]) -> Int32 {
    let parsed: ParsedArguments
    switch parseOrExit(parser, arguments) {
    case .success(let p): parsed = p
    case .failure(let status): return status.code
    }
    do {
      let path = parsed[modelPath]
      let model = try Model(contentsOf: URL(fileURLWithPath: path))
      var table = try CSVTable.read(
        from: URL(fileURLWithPath: parsed[input]), header: parsed[DataArguments.header],
        separator: DataArguments.separatorCharacter(parsed)
      ).values
      if let column = parsed[dropColumn] { table = try dropping(column, from: table, file: parsed[input]) }
      let expected = inputSize(of: model.architecture) ?? table.shape[1]
      guard table.shape[1] == expected else {
        printError(
          "adjoint predict: \(parsed[input]) has \(table.shape[1]) feature columns, the model takes \(expected)"
            + (table.shape[1] == expected + 1 ? " (is one of them a label? use --label-column)" : ""))
        return 1
      }
      guard table.shape[0] > 0 else {
        printError("adjoint predict: \(parsed[input]) has no rows")
        return 1
      }
      let probabilities = model.probabilities(table)
      let classes = probabilities.shape[1]
      let places = parsed[decimals]
      let width = max(places + 2, String(classes - 1).count)
      let rowWidth = max(3, String(table.shape[0]).count)
      func cell(_ s: String, _ w: Int) -> String { String(repeating: " ", count: max(0, w - s.count)) + s }
      print(cell("row", rowWidth) + "  class  " + (0..<classes).map { cell("p\($0)", width) }.joined(separator: " "))
      let predicted = predictedClasses(probabilities)
      probabilities.withUnsafeBufferPointer { p in
        for row in 0..<table.shape[0] {
          let values = (0..<classes).map { cell(String(format: "%.\(places)f", p[row * classes + $0]), width) }
          print(cell("\(row + 1)", rowWidth) + "  " + cell("\(predicted[row])", 5) + "  " + values.joined(separator: " "))
        }
      }
      return 0
    } catch {
      printError("adjoint predict: \(error)")
      return 1
    }
  }

  /// `table` without the given column.
  static func dropping(_ column: LabelColumn, from table: Tensor, file: String) throws -> Tensor {
    let columns = table.shape[1]
    let index: Int
    switch column {
    case .first: index = 0
    case .last: index = columns - 1
    case .index(let i): index = i
    }
    guard index >= 0 && index < columns else {
      throw TrainFailure("--label-column \(index) is outside the \(columns) columns of \(file)")
    }
    let keep = (0..<columns).filter { $0 != index }
    return table.withUnsafeBufferPointer { source in
      Tensor(shape: [table.shape[0], keep.count], scalars: (0..<table.shape[0]).flatMap { r in keep.map { source[r * columns + $0] } })
    }
  }
}
