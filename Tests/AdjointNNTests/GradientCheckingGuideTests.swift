import Testing

import AdjointNN

/// The examples of `Docs/GradientChecking.md`, as written there, with their stated results.
@Suite struct GradientCheckingGuideTests {
  @Test func summaryExample() {
    let report = checkGradient(at: [Tensor([[0.5, -1.2], [2.0, 0.3]])]) { x in tanh(x[0]).sum() }
    #expect(report.passed)
    #expect(report.maxAbsoluteError < 1e-9)
    #expect(report.worstInput == 0 && report.worstOffset == 2)
    expectClose(report.analytic, 0.07065082485316443, relative: 1e-14)  // 1 − tanh²(2)
    expectClose(report.numerical, 0.07065082485713248, absolute: 1e-9)
    #expect(report.description.hasPrefix("gradient check passed: max abs error "))
  }

  @Test func scalarExample() {
    #expect(checkGradient(at: [0.5, 2.0]) { v in v[0] * sin(v[1]) }.passed)
  }

  /// The guide's custom operation, with the wrong rule and with the right one.
  private func cube(_ x: Variable<Tensor>, isRight: Bool) -> Variable<Tensor> {
    Variable.record("cube", value: x.value * x.value * x.value, inputs: [x]) { v, inputs, _ in
      isRight ? [3 * v * inputs[0] * inputs[0]] : [2 * v * inputs[0] * inputs[0]]
    }
  }

  @Test func wrongPullbackExample() {
    let report = checkGradient(at: [Tensor([1, 2])]) { cube($0[0], isRight: false).sum() }
    #expect(!report.passed)
    #expect(report.worstInput == 0 && report.worstOffset == 1)
    #expect(report.analytic == 8)  // 2·2², exactly
    expectClose(report.numerical, 12, absolute: 1e-6)  // 3·2²
    #expect(report.description.hasPrefix("gradient check FAILED: "))
  }

  @Test func catalogRowExample() {
    let wrong = GradientCheckCase("cube", shapeSets: [[[3]], [[2, 3]]], in: [-2...2]) { cube($0[0], isRight: false) }
    let failures = wrong.instances(seeds: 1...2).filter { !$0.check().passed }
    #expect(failures.map(\.description) == ["cube [3] seed 1", "cube [3] seed 2", "cube [2, 3] seed 1", "cube [2, 3] seed 2"])

    let right = GradientCheckCase("cube", shapeSets: [[[3]], [[2, 3]]], in: [-2...2]) { cube($0[0], isRight: true) }
    #expect(right.instances(seeds: 1...2).allSatisfy { $0.check().passed })
  }

  @Test func layerExample() {
    var rng = SplitMix64(seed: 3)
    let x = Tensor.random(shape: [4, 3], in: -1...1, using: &rng)
    let w = Tensor.random(shape: [3, 2], in: -1...1, using: &rng)
    let b = Tensor.random(shape: [2], in: -1...1, using: &rng)
    let layer = checkLayerGradient(at: [x, w, b]) { p in Dense(weight: p[0], bias: p[1], activation: .tanh) }
    #expect(layer.passed, "\(layer)")
    let loss = checkLayerGradient(at: [x, w, b], makingLayer: { p in Dense(weight: p[0], bias: p[1]) }) { layer, x in
      meanSquaredError(predicted: layer(x), expected: Tensor.zeros([4, 2]))
    }
    #expect(loss.passed, "\(loss)")
  }

  @Test func catalogExample() {
    let failures = GradientCheckCatalog.engine.instances(seeds: 1...2).filter { !$0.check().passed }
    #expect(failures.isEmpty, "\(failures)")
    let nn = GradientCheckCatalog.layersAndLosses.instances(seeds: 1...2).filter { !$0.check().passed }
    #expect(nn.isEmpty, "\(nn)")
  }
}
