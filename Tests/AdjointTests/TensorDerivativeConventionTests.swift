import Testing
import Adjoint

/// The derivative at kinks (the scalar side's conventions), the strong-zero rule that keeps NaN out of the
/// inactive branch of a select, and finite values and gradients for huge inputs. Expected values are worked
/// out by hand from the conventions documented in Docs/TensorOperations.md.
@Suite struct TensorDerivativeConventionTests {
  /// The gradient of Σ f(x) at x, i.e. f′ elementwise.
  func derivative(at x: [Double], _ f: (Variable<Tensor>) -> Variable<Tensor>) -> Tensor {
    gradient(at: Tensor(x)) { f($0).sum() }
  }

  // MARK: Kinks

  @Test func reluHasDerivativeZeroAtZero() {
    expectClose(derivative(at: [-1, 0, 2]) { relu($0) }, Tensor([0, 0, 1]))
  }

  @Test func leakyReluHasDerivativeSlopeAtZero() {
    expectClose(derivative(at: [-1, 0, 2]) { leakyRelu($0, slope: 0.1) }, Tensor([0.1, 0.1, 1]))
  }

  @Test func absHasDerivativeZeroAtZero() {
    expectClose(derivative(at: [-2, 0, 3]) { abs($0) }, Tensor([-1, 0, 1]))
  }

  @Test func clampHasDerivativeOneAtItsBounds() {
    expectClose(derivative(at: [-1, 1, 0, 2, -3]) { $0.clamped(to: -1...1) }, Tensor([1, 1, 1, 0, 0]))
  }

  @Test func elementwiseMinAndMaxSplitTiesInHalf() {
    let tape = Tape()
    let x = tape.variable(Tensor([1, 2, 3])), y = tape.variable(Tensor([2, 2, 2]))
    let g = (max(x, y) + 10 * min(x, y)).sum().backward()
    // max: y, tie, x → (0, ½, 1) to x; min: x, tie, y → (10, 5, 0) to x.
    expectClose(g[x], Tensor([10, 5.5, 1]))
    expectClose(g[y], Tensor([1, 5.5, 10]))
  }

  @Test func maxWithAConstantSplitsATieInHalf() {
    expectClose(derivative(at: [0, 1, -1]) { max($0, 0) }, Tensor([0.5, 1, 0]))
  }

  @Test func maxReductionSplitsTiesEqually() {
    expectClose(gradient(at: Tensor([1, 3, 3])) { $0.max() }, Tensor([0, 0.5, 0.5]))
    let m = Tensor([[4, 4, 4], [0, 5, 5]])
    let third: Double = 1.0 / 3
    expectClose(gradient(at: m) { $0.max(alongAxes: [1]).sum() }, Tensor([[third, third, third], [0, 0.5, 0.5]]))
    expectClose(gradient(at: m) { $0.min(alongAxes: [0]).sum() }, Tensor([[0, 1, 1], [1, 0, 0]]))
  }

  // MARK: No NaN from the branch not taken

  @Test func selectingSqrtOfNegativeHasZeroGradientNotNaN() {
    let g = gradient(at: Tensor([-1, 4])) { x in
      Variable.selecting(where: x.value.map { $0 > 0 ? 1 : 0 }, sqrt(x), Variable(Tensor(0))).sum()
    }
    expectClose(g, Tensor([0, 0.25]))
  }

  @Test func selectingLogAtZeroHasZeroGradientNotNaN() {
    let g = gradient(at: Tensor([0, 2])) { x in
      Variable.selecting(where: x.value.map { $0 > 0 ? 1 : 0 }, log(x) * 3, Variable(Tensor(0))).sum()
    }
    expectClose(g, Tensor([0, 1.5]))
  }

  @Test func divisionByZeroInTheInactiveBranchHasZeroGradient() {
    let g = gradient(at: Tensor([0, 2])) { x in
      Variable.selecting(where: x.value.map { $0 != 0 ? 1 : 0 }, 1 / x, x).sum()
    }
    expectClose(g, Tensor([1, -0.25]))
  }

  @Test func powOfZeroBaseHasZeroExponentGradient() {
    let tape = Tape()
    let x = tape.variable(Tensor([0, 2])), y = tape.variable(Tensor([2, 3]))
    let g = pow(x, y).sum().backward()
    expectClose(g[y], Tensor([0, 8 * 0.6931471805599453]))  // 0 at x = 0; 2³·ln 2
    expectClose(g[x], Tensor([0, 12]))  // y·x^(y−1)
  }

  // MARK: Huge inputs

  @Test func sigmoidAndSoftplusAreFiniteForHugeInputs() {
    let x = Tensor([-1e308, -1000, 1000, 1e308])
    expectClose(sigmoid(x), Tensor([0, 0, 1, 1]))
    expectClose(softplus(x), Tensor([0, 0, 1000, 1e308]))
    expectClose(derivative(at: x.scalars) { sigmoid($0) }, Tensor([0, 0, 0, 0]))
    expectClose(derivative(at: x.scalars) { softplus($0) }, Tensor([0, 0, 1, 1]))
  }

  @Test func reluIsFiniteForHugeInputs() {
    let x = [-1e308, -1000, 1000, 1e308]
    expectClose(relu(Tensor(x)), Tensor([0, 0, 1000, 1e308]))
    expectClose(derivative(at: x) { relu($0) }, Tensor([0, 0, 1, 1]))
  }

  @Test func logSumExpIsFiniteForHugeInputs() {
    let x = Tensor([[1000, 1000], [-1000, -1000], [-1e308, 1e308], [1e308, 1e308]])
    let ln2 = 0.6931471805599453
    expectClose(x.logSumExp(alongAxis: 1), Tensor([1000 + ln2, -1000 + ln2, 1e308, 1e308]))
    let g = gradient(at: x) { $0.logSumExp(alongAxis: 1).sum() }
    expectClose(g, Tensor([[0.5, 0.5], [0.5, 0.5], [0, 1], [0.5, 0.5]]))
  }

  @Test func softmaxFamilyIsFiniteForInputsOfAThousand() {
    let x = Tensor([[1000, 0], [-1000, 1000]])
    expectClose(x.softmax(alongAxis: 1), Tensor([[1, 0], [0, 1]]))
    // log-softmax of [1000, 0] is [−log(1 + e^−1000), −1000 − log(1 + e^−1000)] = [−0, −1000] in doubles.
    expectClose(x.logSoftmax(alongAxis: 1), Tensor([[0, -1000], [-2000, 0]]))
    // d/dx Σ logSoftmax(x) = 1 − n·softmax(x), with n = 2 columns.
    expectClose(gradient(at: x) { $0.logSoftmax(alongAxis: 1).sum() }, Tensor([[-1, 1], [1, -1]]))
    // Σ softmax is constant along the axis, so its gradient is 0.
    expectClose(gradient(at: x) { $0.softmax(alongAxis: 1).sum() }, Tensor([[0, 0], [0, 0]]))
  }

  @Test func constantsRecordNothing() {
    let y = exp(Variable(Tensor([1, 2]))) * Variable(Tensor(3))
    #expect(!y.isRecorded)
  }
}
