import Adjoint
import Testing

// The graph view against hand-computed values of the backpropagation chapter's shopping examples:
// price = apple · count · tax, so ∂price/∂apple = count · tax = 2.2, ∂/∂count = apple · tax = 110,
// ∂/∂tax = apple · count = 200; with oranges, price = (100·2 + 150·3) · 1.1 = 715 and the adjoints
// 2·1.1 = 2.2, 100·1.1 = 110, 3·1.1 = 3.3, 150·1.1 = 165, 650.

/// The scalar of a node value, failing the test when it is not a number.
private func number(_ value: TapeGraph.Value?, sourceLocation: SourceLocation = #_sourceLocation) -> Double {
  guard let x = value?.scalar else {
    Issue.record("expected a number, got \(String(describing: value))", sourceLocation: sourceLocation)
    return .nan
  }
  return x
}

@Suite struct TapeGraphTests {
  @Test func applesGraphHasTheTextbookValuesAndAdjoints() {
    let tape = Tape()
    let apple = tape.variable(100.0), count = tape.variable(2.0), tax = tape.variable(1.1)
    let price = apple * count * tax
    let graph = TapeGraph(of: price, gradients: price.backward())
    #expect(graph.nodes.map(\.index) == [0, 1, 2, 3, 4])
    #expect(graph.nodes.map(\.operation) == ["leaf", "leaf", "leaf", "multiply", "multiply"])
    #expect(graph.nodes.map(\.symbol) == ["", "", "", "×", "×"])
    #expect(graph.nodes.map(\.isLeaf) == [true, true, true, false, false])
    #expect(graph.nodes[3].inputs == [.node(0), .node(1)])
    #expect(graph.nodes[4].inputs == [.node(3), .node(2)])
    expectClose(graph.nodes.map { number($0.value) }, [100, 2, 1.1, 200, 220], relative: 1e-15)
    expectClose(graph.nodes.map { number($0.adjoint) }, [2.2, 110, 200, 1.1, 1], relative: 1e-15)
    #expect(graph.output == 4)
  }

  @Test func applesAndOrangesGraphHasEveryAdjointOfTheChapter() {
    let tape = Tape()
    let apple = tape.variable(100.0), appleCount = tape.variable(2.0)
    let orange = tape.variable(150.0), orangeCount = tape.variable(3.0), tax = tape.variable(1.1)
    let applePrice = apple * appleCount, orangePrice = orange * orangeCount
    let total = applePrice + orangePrice
    let price = total * tax
    let graph = TapeGraph(of: price, gradients: price.backward())
    #expect(graph.nodes.count == 9)
    #expect(graph.node(for: total)?.symbol == "+")
    expectClose(number(graph.node(for: price)?.value), 715, relative: 1e-15)
    let adjoints = [apple, appleCount, orange, orangeCount, tax, applePrice, orangePrice, total].map {
      number(graph.node(for: $0)?.adjoint)
    }
    expectClose(adjoints, [2.2, 110, 3.3, 165, 650, 1.1, 1.1, 1.1], relative: 1e-14)
  }

  @Test func graphOfAResultLeavesOutNodesItDoesNotDependOn() {
    let tape = Tape()
    let x = tape.variable(3.0), unused = tape.variable(5.0)
    let y = exp(x)
    _ = unused * 2.0
    let graph = TapeGraph(of: y)
    #expect(graph.nodes.map(\.index) == [0, 2])
    #expect(graph.node(for: unused) == nil)
    #expect(graph.nodes.allSatisfy { $0.adjoint == nil })
    #expect(TapeGraph(tape).nodes.map(\.index) == [0, 1, 2, 3])
    #expect(TapeGraph(tape).output == nil)
  }

  @Test func operationsWithAConstantShowTheConstantInTheirSymbol() {
    let tape = Tape()
    let x = tape.variable(2.0)
    let nodes = [x * 1.1, x + 2, x - 2, 3 - x, x / 4, pow(x, 3)].map { TapeGraph(of: $0).nodes.last?.symbol }
    #expect(nodes == ["×1.1", "+2", "−2", "3−", "÷4", "^3"])
    #expect(TapeGraph(of: x * 1.1).nodes.last?.operation == "multiplyByConstant")
  }

  @Test func tensorNodesCarryTheirNameTheirTensorAndTheirAdjoint() {
    let tape = Tape()
    let x = tape.variable(Tensor([[1, -2, 3], [4, 5, -6]]))
    let square = x * x
    let y = square.sum()
    let graph = TapeGraph(of: y, gradients: y.backward())
    #expect(graph.nodes.map(\.operation) == ["leaf", "multiply", "sum"])
    #expect(graph.nodes.map(\.symbol) == ["", "×", "sum"])
    #expect(graph.node(for: square)?.inputs == [.node(0), .node(0)])
    #expect(graph.node(for: x)?.value == .tensor(Tensor([[1, -2, 3], [4, 5, -6]])))
    // ∂(Σ x²)/∂x = 2x, exactly representable.
    #expect(graph.node(for: x)?.adjoint == .tensor(Tensor([[2, -4, 6], [8, 10, -12]])))
    #expect(graph.node(for: y)?.value.shape == [])
    expectClose(number(graph.node(for: y)?.value), 1 + 4 + 9 + 16 + 25 + 36)
  }

  @Test func constantsAreMarkedAndHaveNoAdjoint() {
    let tape = Tape()
    let data = tape.constant(Tensor([[1, 2]]))
    let w = tape.variable(Tensor([[3], [4]]))
    let offset = Variable(Tensor([10]))
    let y = (data.matmul(w) + offset).sum()
    let graph = TapeGraph(of: y, gradients: y.backward())
    let dataNode = graph.node(for: data)
    #expect(dataNode?.operation == "constant")
    #expect(dataNode?.isConstant == true)
    #expect(dataNode?.adjoint == nil)
    #expect(graph.node(for: w)?.isConstant == false)
    #expect(graph.node(for: w)?.adjoint == .tensor(Tensor([[1], [2]])))  // ∂(data·w)/∂w = dataᵀ
    let plus = graph.nodes.first { $0.operation == "add" }
    #expect(plus?.inputs.last == .constant(.tensor(Tensor([10]))))
  }

  @Test func namesAttachToLeavesAndToTheOutput() {
    let tape = Tape()
    let apple = tape.variable(100.0), count = tape.variable(2.0)
    let price = apple * count
    var graph = TapeGraph(of: price)
    graph.setName("apple", for: apple)
    graph.setName("price", for: price)
    graph.setName("ignored", for: Variable(1.0))
    #expect(graph.nodes.map(\.name) == ["apple", nil, "price"])
    #expect(graph.outputName == "price")
  }

  @Test func valueSummariesRoundLikePercentGAndShowAFewScalarsOfATensor() {
    #expect(TapeGraph.Value.scalar(100 * 2 * 1.1).summary() == "220")
    #expect(TapeGraph.Value.scalar(100 * 1.1).summary() == "110")
    #expect(TapeGraph.Value.scalar(0.009100123).summary(significantDigits: 2) == "0.0091")
    #expect(TapeGraph.Value.scalar(-1234567).summary(significantDigits: 3) == "-1230000")
    #expect(TapeGraph.Value.tensor(Tensor(2.5)).summary() == "2.5")
    let t = Tensor(shape: [2, 3], scalars: [1, 2.5, -3, 4, 5, 6])
    #expect(TapeGraph.Value.tensor(t).summary(elements: 3) == "[2, 3] 1 2.5 -3 …")
    #expect(TapeGraph.Value.tensor(Tensor([1, 2])).summary(elements: 3) == "[2] 1 2")
  }

  @Test func theViewOutlivesAConsumingBackwardAndAReset() {
    let tape = Tape()
    let x = tape.variable(2.0)
    let y = x * x
    let graph = TapeGraph(of: y, gradients: y.backward())
    tape.reset()
    _ = tape.variable(9.0)
    expectClose(number(graph.nodes.last?.value), 4)
    expectClose(number(graph.node(for: x)?.adjoint), 4)
  }
}
