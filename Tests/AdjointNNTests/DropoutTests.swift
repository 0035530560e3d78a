import Testing

import AdjointNN

@Suite struct DropoutTests {
  /// 100,000 draws with p = 0.3: the fraction zeroed is within 0.01 of p (7 standard deviations of a
  /// binomial fraction, √(p(1−p)/n) ≈ 0.0014; the generator is seeded, so the outcome is fixed), and the
  /// survivors are 1/(1 − p), which keeps the mean at 1.
  @Test func trainingZeroesAFractionPAndPreservesTheMean() {
    let dropout = Dropout(probability: 0.3, generator: SplitMix64(seed: 77))
    let y = dropout(Tensor.ones([1000, 100])).scalars
    let dropped = Double(y.filter { $0 == 0 }.count) / Double(y.count)
    #expect(Swift.abs(dropped - 0.3) < 0.01, "fraction dropped \(dropped)")
    #expect(y.allSatisfy { $0 == 0 || Swift.abs($0 - 1 / 0.7) < 1e-15 })
    let mean = y.reduce(0, +) / Double(y.count)
    #expect(Swift.abs(mean - 1) < 0.015, "mean \(mean)")
  }

  @Test func inferenceIsTheIdentity() {
    let dropout = Dropout(probability: 0.5, generator: SplitMix64(seed: 1))
    dropout.setLearningPhase(.inference)
    let x = Tensor([[1, -2, 3], [4, 5, -6]])
    #expect(dropout(x) == x)
  }

  @Test func sequentialSwitchesItsDropoutLayers() {
    let dropout = Dropout(probability: 0.5, generator: SplitMix64(seed: 1))
    let model = Sequential(ReLU(), dropout)
    model.setLearningPhase(.inference)
    #expect(dropout.phase == .inference)
    model.setLearningPhase(.training)
    #expect(dropout.phase == .training)
  }

  @Test func sameSeedGivesTheSameMaskAndTheMaskChangesEveryCall() {
    let a = Dropout(probability: 0.5, generator: SplitMix64(seed: 3))
    let b = Dropout(probability: 0.5, generator: SplitMix64(seed: 3))
    let x = Tensor.ones([4, 8])
    let first = a(x)
    #expect(first == b(x))
    #expect(a(x) != first)
  }

  /// The gradient flows through the kept elements only, scaled by 1/(1 − p) like the forward pass.
  @Test func gradientFollowsTheMask() {
    let dropout = Dropout(probability: 0.5, generator: SplitMix64(seed: 5))
    let tape = Tape()
    let x = tape.variable(Tensor.ones([2, 8]))
    let y = dropout(x)
    let g = y.sum().backward()[x]
    #expect(g == y.value)
  }

  @Test func probabilityOfOneTraps() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = Dropout(probability: 1, generator: SplitMix64(seed: 1))
    }
    expectMessage(result, contains: "Dropout: probability must be in [0, 1), got 1.0")
  }
}
