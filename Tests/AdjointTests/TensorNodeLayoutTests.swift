import Testing

@testable import Adjoint

/// The tensor node's layout (Engine/TensorRecording.swift): input indices held inline for one or two
/// inputs and in an array beyond, the first-order inputs kept as stand-ins (an input that needs a gradient)
/// or plain constants, the caller's array of inputs left as it was, and operations whose operands are all
/// constants recording nothing. Expected values are closed forms.
@Suite struct TensorNodeLayoutTests {
  @Test(arguments: 0...5)
  func inputIndicesHoldAnyNumberOfInputs(_ count: Int) {
    let indices = TensorInputIndices(count: count) { Int32(10 + 3 * $0) }
    #expect(indices.count == count)
    for k in 0..<count { #expect(indices[k] == Int32(10 + 3 * k)) }
  }

  @Test func aNodeKeepsAStandInOnlyForInputsThatNeedAGradient() {
    let tape = Tape()
    let w = tape.variable(Tensor([1, 2, 3]))
    let data = tape.constant(Tensor([4, 5, 6]))
    let offset = Variable(Tensor([0.5, 0.5, 0.5]))
    let y = w * data
    let z = y + offset
    let yEntry = tape.tensorEntries[tape.tensorSlot(of: y.index)]
    let zEntry = tape.tensorEntries[tape.tensorSlot(of: z.index)]
    #expect(yEntry.inputs.map(\.needsGradient) == [true, false])
    #expect(yEntry.inputIndices == [w.index, data.index])
    #expect(zEntry.inputs.map(\.needsGradient) == [true, false])
    #expect(zEntry.inputIndices == [y.index, -1])
    // Every first-order input is a constant (a pullback run on it records nothing), with its input's value.
    #expect(!(yEntry.inputs + zEntry.inputs).contains { $0.isRecorded })
    #expect(yEntry.inputValues == [Tensor([1, 2, 3]), Tensor([4, 5, 6])])
    #expect(zEntry.inputValues[1] == Tensor([0.5, 0.5, 0.5]))
    #expect(z.sum().backward()[w] == Tensor([4, 5, 6]))  // ∂Σ(w·d + o)/∂w = d
  }

  @Test func recordingLeavesTheCallersArrayOfInputsAsItWas() {
    let tape = Tape()
    let a = tape.variable(Tensor([1, 2]))
    let b = tape.variable(Tensor([3, 5]))
    let inputs = [a, b]
    let y = Variable.record("customProduct", value: a.value * b.value, inputs: inputs) { v, xs, _ in
      [v * xs[1], v * xs[0]]
    }
    #expect(inputs.allSatisfy { $0.isRecorded })  // the array converted on recording was a copy of this one
    #expect(inputs.map(\.index) == [a.index, b.index])
    let g = y.sum().backward()
    #expect(g[a] == Tensor([3, 5]))
    #expect(g[b] == Tensor([1, 2]))
  }

  /// Σ of the elementwise product of n inputs, all the same variable x: xⁿ, whose gradient is n·xⁿ⁻¹ and
  /// whose second derivative (the gradient of Σ n·xⁿ⁻¹) is n(n−1)·xⁿ⁻². With three and four inputs the
  /// indices past the second are read from the node's array, in both sweeps.
  @Test(arguments: [3, 4])
  func anOperationOfMoreThanTwoInputsPullsBackToEachAtFirstAndSecondOrder(_ n: Int) {
    let x = Tensor([-1.5, 0.5, 2])
    let tape = Tape()
    let xv = tape.variable(x)
    let g = gradient(at: xv) { product(Array(repeating: $0, count: n)).sum() }
    let power = { (p: Int) in x.map { Double.pow($0, Double(p)) } }
    expectClose(g.value, Double(n) * power(n - 1))
    let h = g.sum().backward()[xv]
    expectClose(h, Double(n * (n - 1)) * power(n - 2))
  }

  @Test func constantsAmongManyInputsGetNoContribution() {
    let tape = Tape()
    let a = tape.variable(Tensor([2, 3]))
    let b = Variable(Tensor([5, 7]))
    let c = tape.constant(Tensor([11, 13]))
    let y = product([a, b, c])
    let entry = tape.tensorEntries[tape.tensorSlot(of: y.index)]
    #expect(entry.inputs.map(\.needsGradient) == [true, false, false])
    #expect(entry.inputIndices == [a.index, -1, c.index])
    #expect(y.sum().backward()[a] == Tensor([55, 91]))  // b·c
  }

  @Test func operationsOnConstantsRecordNothing() {
    let tape = Tape()
    let w = tape.variable(Tensor([[1, -2], [3, 4]]))
    let before = tape.count
    let a = Variable(Tensor([[1, -2], [3, 4]]))
    let b = Variable(Tensor([[0.5, 2], [-1, 3]]))
    let results: [(Variable<Tensor>, Tensor)] = [
      (a + b, Tensor([[1.5, 0], [2, 7]])), (a - b, Tensor([[0.5, -4], [4, 1]])),
      (a * b, Tensor([[0.5, -4], [-3, 12]])), (a / b, Tensor([[2, -1], [-3, 4.0 / 3]])),
      (-a, Tensor([[-1, 2], [-3, -4]])), (a * 2, Tensor([[2, -4], [6, 8]])), (a + 1, Tensor([[2, -1], [4, 5]])),
      (1 - a, Tensor([[0, 3], [-2, -3]])), (relu(a), Tensor([[1, 0], [3, 4]])),
      (a.matmul(b), Tensor([[2.5, -4], [-2.5, 18]])), (a.summed(toShape: [1, 2]), Tensor([[4, 2]])),
      (Variable(Tensor([1, 2])).broadcasted(to: [2, 2]), Tensor([[1, 2], [1, 2]])),
    ]
    for (result, expected) in results {
      #expect(!result.isRecorded)
      expectClose(result.value, expected, tolerance: 1e-15)
    }
    #expect(tape.count == before)
    // One recorded operand is enough to record the operation.
    let mixed = [a + w, w * b, relu(w), a.matmul(w), w.summed(toShape: [1, 2])]
    #expect(mixed.allSatisfy { $0.isRecorded })
    #expect(tape.count == before + mixed.count)
  }
}

/// The elementwise product of the inputs, recorded as one node of `inputs.count` inputs; pullback: v times
/// the product of the other inputs, for each input.
private func product(_ inputs: [Variable<Tensor>]) -> Variable<Tensor> {
  let value = inputs.dropFirst().reduce(inputs[0].value) { $0 * $1.value }
  return Variable.record("product", value: value, inputs: inputs) { v, xs, _ in
    xs.indices.map { k in xs.indices.filter { $0 != k }.reduce(v) { $0 * xs[$1] } }
  }
}
