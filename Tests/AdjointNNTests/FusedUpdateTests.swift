import Testing

import AdjointNN

/// Gradients "set to none" on `zeroGradient()` (PyTorch's `zero_grad(set_to_none=True)`), the first
/// accumulation sharing the derivative, and the optimizers' fused in-place steps: the values users read
/// stay those of plain tensor arithmetic, bit for bit.
@Suite struct FusedUpdateTests {
  /// The address of a tensor's first scalar (to tell shared or in-place storage from a new buffer).
  func address(of t: Tensor) -> UnsafeRawPointer? {
    t.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
  }

  @Test func gradientReadsZerosOfTheValueShapeAfterZeroGradient() {
    let w = Parameter(Tensor([[1, 2, 3], [4, 5, 6]]), name: "w")
    #expect(w.gradient == Tensor.zeros([2, 3]))
    let tape = Tape()
    w.accumulateGradient(from: (w.variable(on: tape) * 3).sum().backward())
    #expect(w.gradient == Tensor(repeating: 3, shape: [2, 3]))
    w.zeroGradient()
    #expect(w.gradient == Tensor.zeros([2, 3]))
    #expect(w.gradient.shape == [2, 3])
  }

  /// The first accumulation after zeroing takes the derivative as it is: the same tensor, sharing the
  /// gradients' storage (no zeros made, nothing added).
  @Test func accumulatingAfterZeroGradientAssignsTheDerivative() {
    let w = Parameter(Tensor([2, -3, 0]), name: "w")
    w.gradient = Tensor([100, 100, 100])
    w.zeroGradient()
    let tape = Tape()
    let v = w.variable(on: tape)
    let gradients = (v * Variable(Tensor([0.5, -1, 4]))).sum().backward()
    w.accumulateGradient(from: gradients)
    #expect(w.gradient == Tensor([0.5, -1, 4]))
    #expect(address(of: w.gradient) == address(of: gradients[v]))
  }

  @Test func accumulatingTwiceSumsAndLeavesTheGradientsUnchanged() {
    let w = Parameter(Tensor([1, 2]), name: "w")
    let first = Tape()
    let w1 = w.variable(on: first)
    let g1 = (w1 * Variable(Tensor([3, 5]))).sum().backward()
    w.accumulateGradient(from: g1)
    let second = Tape()
    let g2 = (w.variable(on: second) * Variable(Tensor([0.25, -1]))).sum().backward()
    w.accumulateGradient(from: g2)
    #expect(w.gradient == Tensor([3.25, 4]))
    // Adding into the gradient that shares the first recording's tensor left that tensor alone.
    #expect(g1[w1] == Tensor([3, 5]))
  }

  @Test func gradientClippingSeesTheAccumulatedGradient() {
    let a = Parameter(Tensor([1, 1]), name: "a")
    let b = Parameter(Tensor([1]), name: "b")
    let tape = Tape()
    let loss = (a.variable(on: tape) * Variable(Tensor([3, 0]))).sum() + (b.variable(on: tape) * 4).sum()
    let gradients = loss.backward()
    [a, b].accumulateGradients(from: gradients)
    // ‖g‖ = √(3² + 4²) = 5; clipped to 1: c = 1 / (5 + 10⁻⁶).
    let norm = [a, b].clipGradientNorm(maxNorm: 1)
    #expect(norm == 5)
    let c = 1 / (5 + 1e-6)
    #expect(a.gradient == Tensor([3 * c, 0]))
    #expect(b.gradient == Tensor([4 * c]))
    // A zeroed parameter has norm 0 and stays zero.
    a.zeroGradient()
    b.zeroGradient()
    #expect([a, b].gradientNorm == 0)
    [a, b].clipGradientNorm(maxNorm: 1)
    #expect(a.gradient == Tensor.zeros([2]))
  }

  /// η = 0.25, g = [0.5, −1, 3], p = [1, 2, −0.75]: p − η·g = [0.875, 2.25, −1.5] (dyadic: exact).
  @Test func plainSGDStepEqualsTheHandComputedValuesAndUpdatesInPlace() {
    let p = Parameter(Tensor([1, 2, -0.75]), name: "p")
    p.gradient = Tensor([0.5, -1, 3])
    let before = address(of: p.value)
    var sgd = SGD(learningRate: 0.25)
    sgd.update([p])
    #expect(p.value == Tensor([0.875, 2.25, -1.5]))
    #expect(address(of: p.value) == before)
    #expect(p.gradient == Tensor([0.5, -1, 3]))
  }

  /// The fused step rounds as the unfused formula p − η·g, element for element, on random values.
  @Test func sgdStepEqualsTheUnfusedFormulaBitForBit() {
    var rng = SplitMix64(seed: 12)
    let value = Tensor.randomNormal(shape: [37, 29], using: &rng)
    let gradient = Tensor.randomNormal(shape: [37, 29], using: &rng)
    let p = Parameter(value, name: "p")
    p.gradient = gradient
    var sgd = SGD(learningRate: 0.1, weightDecay: 0.01)
    sgd.update([p])
    #expect(p.value == value - 0.1 * (gradient + 0.01 * value))
  }

  /// μ = 0.5, η = 0.25, g = 2 then 4 (not zeroed in between: 2 + 2): b = 2, p = 1 − 0.5 = 0.5; then
  /// b = 0.5·2 + 4 = 5, p = 0.5 − 1.25 = −0.75. Nesterov: g' = 2 + 1 = 3, p = 0.25; then b = 5,
  /// g' = 4 + 2.5 = 6.5, p = 0.25 − 1.625 = −1.375.
  @Test(arguments: [false, true]) func momentumStepsEqualTheHandComputedValues(nesterov: Bool) {
    let p = Parameter(Tensor([1]), name: "p")
    var sgd = SGD(learningRate: 0.25, momentum: 0.5, nesterov: nesterov)
    for _ in 0..<2 {
      let tape = Tape()
      p.accumulateGradient(from: (p.variable(on: tape) * 2).sum().backward())
      sgd.update([p])
    }
    #expect(p.value == Tensor([nesterov ? -1.375 : -0.75]))
    // The velocity started as the gradient's tensor; updating it in place did not change the gradient.
    #expect(p.gradient == Tensor([4]))
  }

  /// A checkpoint's copy of the velocity keeps the value it had when it was read.
  @Test func savedVelocityIsNotChangedByLaterSteps() {
    let p = Parameter(Tensor([1, 1]), name: "p")
    p.gradient = Tensor([1, 2])
    var sgd = SGD(learningRate: 0.5, momentum: 0.5)
    sgd.update([p])
    let saved = sgd.state(of: p)["velocity"]
    #expect(saved == Tensor([1, 2]))
    sgd.update([p])
    #expect(saved == Tensor([1, 2]))
    #expect(sgd.state(of: p)["velocity"] == Tensor([1.5, 3]))
    // p = 1 − 0.5·1 − 0.5·1.5 = −0.25 and 1 − 0.5·2 − 0.5·3 = −1.5.
    #expect(p.value == Tensor([-0.25, -1.5]))
  }

  /// Adam's first step moves each element by η·g/(|g| + ε); the fused step equals p − η·step exactly.
  @Test func adamStepEqualsTheUnfusedFormulaBitForBit() {
    let value = Tensor([0.5, -1, 2])
    let g = Tensor([0.25, 4, -1])
    let p = Parameter(value, name: "p")
    p.gradient = g
    var adam = Adam(learningRate: 0.01)
    adam.update([p])
    // m̂ = g, v̂ = g² after the bias correction (computed as the optimizer does, from its published rule).
    let first = (1 - 0.9) * g / (1 - 0.9)
    let second = (1 - 0.999) * (g * g) / (1 - 0.999)
    #expect(p.value == value - 0.01 * (first / (sqrt(second) + 1e-8)))
  }

  @Test func assigningAValueOfAnotherShapeStillTraps() async {
    await #expect(processExitsWith: .failure) {
      let p = Parameter(Tensor([1, 2]), name: "p")
      p.value = Tensor([1, 2, 3])
    }
  }
}
