import Testing

import AdjointNN

/// The backpropagation chapter's values, section by section, as `swift test` expectations: the shopping
/// examples, ReLU, sigmoid, the affine layer's bias summed over the batch, softmax with loss, a two-layer network's
/// gradient check and a small training run. Docs/Tutorial.md itself is compiled and run, and its `// prints:`
/// lines checked, by `Tests/DocExamples/check.py` (in `.ci/run`); these tests keep the same numbers checked in
/// the test suite.
@Suite struct TutorialTests {
  /// The tutorial's display helper: 4 decimals.
  func rounded(_ x: Double) -> Double { (x * 10_000).rounded() / 10_000 }
  func rounded(_ t: Tensor) -> [Double] { t.scalars.map(rounded) }

  @Test func section1ShoppingForApples() {
    let tape = Tape()
    let apple = tape.variable(100.0), count = tape.variable(2.0), tax = tape.variable(1.1)
    let price = apple * count * tax
    #expect("\(price.value)" == "220.00000000000003")
    #expect(rounded(price.value) == 220)
    let g = price.backward()
    #expect([g[apple], g[count], g[tax]].map(rounded) == [2.2, 110, 200])
  }

  @Test func section2ApplesAndOranges() {
    let tape = Tape()
    let apple = tape.variable(100.0), appleCount = tape.variable(2.0)
    let orange = tape.variable(150.0), orangeCount = tape.variable(3.0)
    let tax = tape.variable(1.1)
    let price = (apple * appleCount + orange * orangeCount) * tax
    #expect(rounded(price.value) == 715)
    let g = price.backward()
    #expect([g[apple], g[appleCount], g[orange], g[orangeCount], g[tax]].map(rounded) == [2.2, 110, 3.3, 165, 650])
  }

  @Test func section3ReLU() {
    let tape = Tape()
    let x = tape.variable(Tensor([[1.0, -0.5], [-2.0, 3.0]]))
    let y = relu(x)
    #expect(rounded(y.value) == [1, 0, 0, 3])
    #expect(rounded(y.sum().backward()[x]) == [1, 0, 0, 1])
  }

  @Test func section4Sigmoid() {
    let tape = Tape()
    let x = tape.variable(Tensor([0, 2]))
    let y = sigmoid(x)
    #expect(rounded(y.value) == [0.5, 0.8808])
    #expect(rounded(y.sum().backward()[x]) == [0.25, 0.105])
  }

  @Test func section5AffineLayer() {
    let affine = Dense(weight: Tensor([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]]), bias: Tensor([0.1, 0.2, 0.3]))
    let tape = Tape()
    let x = tape.constant(Tensor([[1.0, 0.5], [-1.0, 2.0]]))
    let y = affine(x)
    #expect(rounded(y.value) == [0.4, 0.65, 0.9, 0.8, 1.0, 1.2])
    affine.parameters.accumulateGradients(from: y.sum().backward())
    #expect(rounded(affine.weight.gradient) == [0, 0, 0, 2.5, 2.5, 2.5])
    #expect(rounded(affine.bias.gradient) == [2, 2, 2])
  }

  @Test func section6SoftmaxWithLoss() {
    let tape = Tape()
    let logits = tape.variable(Tensor([[0.3, 2.9, 4.0], [1.0, 1.0, 1.0]]))
    let loss = softmaxCrossEntropy(logits: logits, labels: [2, 0])
    #expect(rounded(loss.value.scalar) == 0.7022)
    #expect(rounded(logits.value.softmax(alongAxis: 1)) == [0.0182, 0.2452, 0.7366, 0.3333, 0.3333, 0.3333])
    #expect(rounded(loss.backward()[logits]) == [0.0091, 0.1226, -0.1317, -0.3333, 0.1667, 0.1667])
  }

  @Test func section7TwoLayerNetworkGradientCheck() {
    var rng = SplitMix64(seed: 7)
    let net = Sequential(
      Dense(inputSize: 4, outputSize: 5, activation: .relu, using: &rng),
      Dense(inputSize: 5, outputSize: 3, using: &rng))
    let x = Tensor.randomNormal(shape: [3, 4], using: &rng)
    let labels = [0, 2, 1]

    let tape = Tape()
    let loss = softmaxCrossEntropy(logits: net(tape.constant(x)), labels: labels)
    net.parameters.accumulateGradients(from: loss.backward())

    var report: [String] = []
    for (name, parameter) in net.namedParameters {
      let original = parameter.value
      let numerical = numericalGradient(at: original) { probe in
        parameter.value = probe
        return softmaxCrossEntropy(logits: net(Variable(x)), labels: labels).value.scalar
      }
      parameter.value = original
      let difference = zip(parameter.gradient.scalars, numerical.scalars)
        .map { abs($0 - $1) }.reduce(0, +) / Double(numerical.count)
      report.append("\(name): \(difference < 1e-7)")
    }
    #expect(report == ["0.weight: true", "0.bias: true", "1.weight: true", "1.bias: true"])
  }

  @Test func section8Training() {
    var rng = SplitMix64(seed: 8)
    // Three clusters of 20 points around (0, 2), (−2, −1) and (2, −1): class k around centre k.
    let centres: [(Double, Double)] = [(0, 2), (-2, -1), (2, -1)]
    var points: [Double] = []
    var labels: [Int] = []
    for (k, (cx, cy)) in centres.enumerated() {
      for _ in 0..<20 {
        points += [cx + Double.random(in: -1...1, using: &rng), cy + Double.random(in: -1...1, using: &rng)]
        labels.append(k)
      }
    }
    let x = Tensor(shape: [60, 2], scalars: points)
    let net = Sequential(
      Dense(inputSize: 2, outputSize: 8, activation: .relu, using: &rng),
      Dense(inputSize: 8, outputSize: 3, using: &rng))
    var optimizer = SGD(learningRate: 0.5)

    var losses: [Double] = []
    for _ in 0..<50 {
      let tape = Tape()
      let loss = softmaxCrossEntropy(logits: net(tape.constant(x)), labels: labels)
      losses.append(loss.value.scalar)
      net.parameters.zeroGradients()
      net.parameters.accumulateGradients(from: loss.backward())
      optimizer.update(net.parameters)
    }
    let predictions = net(x).argmax(alongAxis: 1)
    let accuracy = Double(zip(predictions, labels).filter { $0 == $1 }.count) / Double(labels.count)
    #expect([rounded(losses[0]), rounded(losses[49]), accuracy] == [1.1054, 0.0086, 1.0])
  }
}
