// How the graph view names and draws each scalar operation.

extension ScalarOp {
  /// The label a drawing gives a node of this operation, as the textbook draws it: an operator sign, with
  /// the node's constant operand `aux` where it has one (`x * 1.1` is drawn `×1.1`, `x + 2` is `+2`).
  func symbol(aux: Double) -> String {
    let c = ScalarFormatting.significant(aux)
    switch self {
    case .leaf, .tensorLeaf, .tensor: return ""
    case .identity: return "id"
    case .add: return "+"
    case .subtract: return "−"
    case .multiply: return "×"
    case .divide: return "÷"
    case .power: return "pow"
    case .minimum: return "min"
    case .maximum: return "max"
    case .addConstant: return aux < 0 ? "−" + ScalarFormatting.significant(-aux) : "+" + c
    case .constantMinus: return c + "−"
    case .multiplyByConstant: return "×" + c
    case .divideByConstant: return "÷" + c
    case .constantDividedBy: return c + "÷"
    case .powerOfConstant: return "^" + c
    case .negate: return "−x"
    case .sqrt: return "√"
    case .leakyRelu: return "leakyRelu"
    default: return "\(self)"
    }
  }
}

/// The label a drawing gives a tensor operation recorded under `name`: elementwise operations, recorded
/// under their scalar operation's name (`multiply`), get the same sign as on scalars (`×`); other names lose
/// their argument labels (`slicing(_:alongAxis:)` → `slicing`).
func tensorSymbol(_ name: String) -> String {
  switch name {
  case "add": return "+"
  case "subtract": return "−"
  case "multiply": return "×"
  case "divide": return "÷"
  case "negate": return "−x"
  case "addConstant": return "+c"
  case "constantMinus": return "c−"
  case "multiplyByConstant": return "×c"
  case "divideByConstant": return "÷c"
  case "constantDividedBy": return "c÷"
  case "powerOfConstant": return "^c"
  default:
    guard let parenthesis = name.firstIndex(of: "("), parenthesis != name.startIndex else { return name }
    return String(name[..<parenthesis])
  }
}
