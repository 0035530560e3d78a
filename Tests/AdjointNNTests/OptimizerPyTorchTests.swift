import Testing

import AdjointNN

/// AdamW and RMSProp against PyTorch 2.13 (float64), five steps on a quadratic. The expected values were
/// printed by `Tests/References/optimizer_reference.py` with the peers' venv; the problem:
/// p₀ = [1, −2, 0.5], loss = Σ c·p² + Σ d·p with c = [0.5, 1.5, 2], d = [0.3, −0.1, 0.7] (gradient 2c·p + d),
/// and a second parameter q₀ = [0.25] with loss 3q (gradient 3).
@Suite struct OptimizerPyTorchTests {
  static let c = Tensor([0.5, 1.5, 2.0])
  static let d = Tensor([0.3, -0.1, 0.7])

  /// Runs five steps of `optimizer`; `p` has shape `pShape` (the same three scalars).
  func run(_ optimizer: inout some Optimizer, pShape: [Int] = [3]) -> (p: Tensor, q: Tensor) {
    let p = Parameter(Tensor(shape: pShape, scalars: [1, -2, 0.5]), name: "weight")
    let q = Parameter(Tensor([0.25]), name: "bias")
    for _ in 0..<5 {
      p.gradient = Tensor(shape: pShape, scalars: (2 * Self.c * p.value.reshaped(to: [3]) + Self.d).scalars)
      q.gradient = Tensor([3])
      optimizer.update([p, q])
    }
    return (p.value.reshaped(to: [3]), q.value)
  }

  @Test func adamWMatchesPyTorch() {
    var optimizer = AdamW(learningRate: 0.1, weightDecay: 0.1)
    let (p, q) = run(&optimizer)
    expectClose(p, Tensor([0.46690349423776, -1.4154847426938575, 0.0019650170363698927]), relative: 1e-12)
    expectClose(q, Tensor([-0.2523519868913337]), relative: 1e-12)
  }

  @Test func adamWDefaultsArePyTorchs() {
    var optimizer = AdamW()
    let (p, q) = run(&optimizer)
    expectClose(p, Tensor([0.9949504393101609, -1.9949003200387825, 0.49497575172373426]), relative: 1e-12)
    expectClose(q, Tensor([0.24498760026566388]), relative: 1e-12)
  }

  /// PyTorch: q in a parameter group with weight_decay = 0; here the rank-1 q is left out by `.weightsOnly`.
  @Test func adamWWeightsOnlyLeavesBiasesUndecayed() {
    var optimizer = AdamW(learningRate: 0.1, weightDecay: 0.1, decaying: .weightsOnly)
    let (p, q) = run(&optimizer, pShape: [1, 3])
    expectClose(p, Tensor([0.46690349423776, -1.4154847426938575, 0.0019650170363698927]), relative: 1e-12)
    expectClose(q, Tensor([-0.24999999833333197]), relative: 1e-12)
  }

  @Test func rmsPropDefaultsMatchPyTorch() {
    var optimizer = RMSProp(learningRate: 0.01)
    let (p, q) = run(&optimizer)
    expectClose(p, Tensor([0.6912645069182942, -1.6853103015933515, 0.2080442200866925]), relative: 1e-12)
    expectClose(q, Tensor([-0.07446055188220077]), relative: 1e-12)
  }

  @Test func centeredRMSPropWithMomentumAndDecayMatchesPyTorch() {
    var optimizer = RMSProp(learningRate: 0.05, weightDecay: 0.1, momentum: 0.9, centered: true)
    let (p, q) = run(&optimizer)
    expectClose(p, Tensor([-1.3779182846120621, 1.340696584277917, -0.4285463432128543]), relative: 1e-11)
    expectClose(q, Tensor([-4.4903563343218]), relative: 1e-11)
  }

  /// RMSProp's first step from v = 0: v = (1 − α)g², so p moves by η·g/(√(1 − α)·|g| + ε) ≈ η/√0.01 = 10η.
  @Test func rmsPropFirstStepIsTenLearningRates() {
    let p = Parameter(Tensor([0.0]), name: "p")
    p.gradient = Tensor([2])
    var optimizer = RMSProp(learningRate: 0.01)
    optimizer.update([p])
    expectClose(p.value, Tensor([-0.01 * 2 / (0.1 * 2 + 1e-8)]), relative: 1e-14)
  }
}
