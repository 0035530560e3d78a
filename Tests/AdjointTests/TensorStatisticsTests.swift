import Testing
import Adjoint

/// Products, variance, standard deviation, norms, cumulative sums, the whole-tensor log-sum-exp and argmin/
/// argmax: values and gradients against PyTorch 2.13 in float64 (printed by
/// Tests/References/reductions_and_losses_pytorch.py), closed forms, and identities.
@Suite struct TensorStatisticsTests {
  let m: Tensor = [[1, -2, 3], [0.5, 4, -1.5]]

  // MARK: Product

  @Test func prodValuesAlongAxesAndOverAll() {
    expectClose(m.prod(), Tensor(1 * -2 * 3 * 0.5 * 4 * -1.5))
    expectClose(m.prod(alongAxes: [1]), Tensor([-6, -3]))
    expectClose(m.prod(alongAxes: [0], keepingDimensions: true), Tensor([[0.5, -8, -4.5]]))
    expectClose(Tensor.zeros([2, 0]).prod(alongAxes: [1]), Tensor([1, 1]))  // the empty product
    expectClose(Variable(m).prod(alongAxes: [-1]).value, m.prod(alongAxes: [-1]))
  }

  /// PyTorch: prod([2, 0, 3, −1]) has gradient [−0, −6, −0, 0]: only the zero gets the product of the others.
  @Test func prodGradientWithOneZeroIsTheProductOfTheOthersAtTheZero() {
    let g = gradient(at: Tensor([2, 0, 3, -1])) { $0.prod() }
    expectClose(g, Tensor([0, -6, 0, 0]))
  }

  /// PyTorch: prod([2, 0, 3, 0]) has gradient 0 everywhere (out/x would give NaN at the zeros).
  @Test func prodGradientWithTwoZerosIsZeroEverywhere() {
    let g = gradient(at: Tensor([2, 0, 3, 0])) { $0.prod() }
    expectClose(g, Tensor([0, 0, 0, 0]))
    #expect(g.isFinite)
  }

  /// ∂Π/∂xᵢ = Π/xᵢ without zeros, along axes of odd and even extent.
  @Test func prodGradientWithoutZerosIsTheProductOverEachElement() {
    let x: Tensor = [[1.5, -2, 0.5, 3, 1.25], [2, 2, -1, 0.5, 4]]
    let g = gradient(at: x) { $0.prod(alongAxes: [1]).sum() }
    expectClose(g, x.prod(alongAxes: [1], keepingDimensions: true) / x)
  }

  // MARK: Variance and standard deviation

  @Test func varianceMatchesPyTorchWithBothCorrections() {
    expectClose(m.variance(alongAxes: [1]), Tensor([4.222222222222222, 5.166666666666667]))
    expectClose(m.variance(alongAxes: [1], correction: 1), Tensor([6.333333333333333, 7.75]))
    let g0 = gradient(at: m) { $0.variance(alongAxes: [1]).sum() }
    expectClose(g0, [[0.22222222222222224, -1.7777777777777777, 1.5555555555555556], [-0.3333333333333333, 2.0, -1.6666666666666665]])
    let g1 = gradient(at: m) { $0.variance(alongAxes: [1], correction: 1).sum() }
    expectClose(g1, [[0.33333333333333337, -2.6666666666666665, 2.3333333333333335], [-0.5, 3.0, -2.5]])
  }

  @Test func standardDeviationMatchesPyTorchWithBothCorrections() {
    expectClose(m.standardDeviation(), Tensor(2.173067468400883))
    expectClose(m.standardDeviation(correction: 1), Tensor(2.3804761428476167))
    let g0 = gradient(at: m) { $0.standardDeviation() }
    expectClose(
      g0, [[0.012782749814122836, -0.21730674684008827, 0.1661757475835969], [-0.02556549962824568, 0.24287224646833394, -0.17895849739771977]])
    let g1 = gradient(at: m) { $0.standardDeviation(correction: 1) }
    expectClose(
      g1, [[0.014002800840280095, -0.23804761428476168, 0.18203641092364126], [-0.0280056016805602, 0.26605321596532183, -0.1960392117639214]])
  }

  /// Identity: var(x) = mean(x²) − mean(x)², on random draws.
  @Test func varianceIsTheMeanOfSquaresLessTheSquareOfTheMean() {
    var rng = SplitMix64(seed: 8)
    let x = randomTensor([4, 6], in: -3...3, using: &rng)
    let meanOfSquares = (x * x).mean(alongAxes: [1])
    let squareOfMean = x.mean(alongAxes: [1]) * x.mean(alongAxes: [1])
    expectClose(x.variance(alongAxes: [1]), meanOfSquares - squareOfMean, tolerance: 1e-12)
    expectClose(Variable(x).standardDeviation().value * Variable(x).standardDeviation().value, x.variance(), tolerance: 1e-12)
  }

  /// Where every element is equal the standard deviation has a kink; its gradient is 0 there (the norm's
  /// convention), not ∞·0 = NaN.
  @Test func standardDeviationOfEqualElementsHasGradientZero() {
    let g = gradient(at: Tensor([2, 2, 2])) { $0.standardDeviation() }
    expectClose(g, Tensor([0, 0, 0]))
  }

  // MARK: Norms

  @Test func normsMatchPyTorch() {
    expectClose(m.norm(order: 1, alongAxes: [1]), Tensor([6, 6]))
    expectClose(m.norm(alongAxes: [1]), Tensor([3.7416573867739413, 4.301162633521313]))
    expectClose(m.norm(order: 3, alongAxes: [1]), Tensor([3.3019272488946263, 4.07162642489236]))
    expectClose(m.norm(order: .infinity, alongAxes: [1]), Tensor([3, 4]))
    let expected: [(Double, Tensor)] = [
      (1, [[1, -1, 1], [1, 1, -1]]),
      (2, [[0.2672612419124244, -0.5345224838248488, 0.8017837257372732], [0.11624763874381928, 0.9299811099505543, -0.34874291623145787]]),
      (3, [[0.0917202013581841, -0.3668808054327364, 0.8254818122236569], [0.015080097869971705, 0.9651262636781891, -0.13572088082974534]]),
      (.infinity, [[0, 0, 1], [0, 1, 0]]),
    ]
    for (order, gradientByPyTorch) in expected {
      expectClose(gradient(at: m) { $0.norm(order: order, alongAxes: [1]).sum() }, gradientByPyTorch, tolerance: 1e-14)
    }
  }

  /// The norm's kink at 0: gradient 0 for every order (PyTorch gives 0 for the 2-norm too).
  @Test func normOfZerosHasGradientZero() {
    for order in [1, 1.5, 2, 3, Double.infinity] {
      let (value, g) = valueWithGradient(at: Tensor([0, 0, 0])) { $0.norm(order: order) }
      #expect(value == 0)
      expectClose(g, Tensor([0, 0, 0]))
    }
  }

  /// Scaling by the largest magnitude: no overflow at 1e200 nor underflow at 1e−200 (the 3-4-5 triangle).
  @Test func normNeitherOverflowsNorUnderflows() {
    expectClose(Tensor([3e200, 4e200]).norm(), Tensor(5e200))
    expectClose(Tensor([3e-200, -4e-200]).norm(), Tensor(5e-200))
    expectClose(Tensor([3e200, 4e200]).norm(order: 3), Tensor(4.497941445275415e200), tolerance: 1e-14)  // (27 + 64)^(1/3)
    expectClose(gradient(at: Tensor([3e200, 4e200])) { $0.norm() }, Tensor([0.6, 0.8]))
  }

  // MARK: Cumulative sums and log-sum-exp

  @Test func cumulativeSumValuesAndWeightedGradientMatchPyTorch() {
    expectClose(m.cumulativeSum(alongAxis: 1), [[1, -1, 2], [0.5, 4.5, 3]])
    expectClose(m.cumulativeSum(alongAxis: 0), [[1, -2, 3], [1.5, 2, 1.5]])
    expectClose(Tensor([1, 2, 3]).cumulativeSum(alongAxis: 0, reverse: true), Tensor([6, 5, 3]))
    let w: Tensor = [[1, 2, 3], [4, 5, 6]]
    let g = gradient(at: m) { ($0.cumulativeSum(alongAxis: 1) * Variable(w)).sum() }
    expectClose(g, [[6, 5, 3], [15, 11, 6]])
  }

  /// Identity: the last running sum is the sum.
  @Test func lastRunningSumIsTheSum() {
    var rng = SplitMix64(seed: 9)
    let x = randomTensor([3, 5, 2], in: -2...2, using: &rng)
    let last = x.cumulativeSum(alongAxis: 1).slicing(4..<5, alongAxis: 1).reshaped(to: [3, 2])
    expectClose(last, x.sum(alongAxes: [1]), tolerance: 1e-14)
  }

  @Test func wholeTensorLogSumExpMatchesPyTorchAndLogOfSumOfExp() {
    expectClose(m.logSumExp(), Tensor(4.3746136701556475))
    expectClose(m.logSumExp(), log(exp(m).sum()), tolerance: 1e-15)
    let g = gradient(at: m) { $0.logSumExp() }
    expectClose(
      g, [[0.03423134034585617, 0.0017042780821227605, 0.25293729415711935], [0.020762357442819828, 0.6875548504468978, 0.002809879525183815]])
    expectClose(Tensor([1000, 1000]).logSumExp(), Tensor(1000 + 0.6931471805599453))
    expectClose(Tensor(3).logSumExp(), Tensor(3))
  }

  // MARK: Minimum and argmin/argmax

  /// The minimum splits its adjoint equally among ties, like the maximum.
  @Test func minSplitsTheGradientAmongTies() {
    expectClose(gradient(at: Tensor([2, 1, 1, 3])) { $0.min() }, Tensor([0, 0.5, 0.5, 0]))
    let g = gradient(at: [[1, 1, 1], [0, 2, 0]]) { $0.min(alongAxes: [1]).sum() }
    expectClose(g, Tensor([[1.0 / 3, 1.0 / 3, 1.0 / 3], [0.5, 0, 0.5]]))
  }

  @Test func argminAndArgmaxTakeTheFirstOfTies() {
    let x: Tensor = [[1, 9, 3], [9, 2, 2]]
    #expect(x.argmax() == 1)
    #expect(x.argmin() == 0)
    #expect(x.argmin(alongAxis: 1) == [0, 1])
    #expect(x.argmin(alongAxis: -2) == [0, 1, 1])
    #expect(x.argmax(alongAxis: 0) == [1, 0, 0])
  }
}
