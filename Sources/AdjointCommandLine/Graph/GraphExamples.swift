import Adjoint
import AdjointNN

/// The computational graphs `adjoint graph` draws: the examples of the backpropagation chapter (and of
/// Docs/Tutorial.md) — the two shopping examples, the ReLU and sigmoid nodes, the affine layer, softmax with
/// loss, and a small two-layer network — each recorded, differentiated and named.
enum GraphExample: String, ArgumentChoice {
  case apples, fruit, relu, sigmoid, affine
  case softmaxLoss = "softmax-loss"
  case network

  /// The file name (without extension) the example is written to.
  var fileName: String {
    switch self {
    case .apples: return "shopping-apples"
    case .fruit: return "shopping-apples-oranges"
    case .relu: return "relu-node"
    case .sigmoid: return "sigmoid-node"
    case .affine: return "affine-layer"
    case .softmaxLoss: return "softmax-with-loss"
    case .network: return "two-layer-network"
    }
  }

  /// One line on what the drawing shows.
  var caption: String {
    switch self {
    case .apples: return "buying 2 apples at 100 with tax 1.1: price 220"
    case .fruit: return "2 apples at 100 and 3 oranges at 150 with tax 1.1: price 715"
    case .relu: return "relu(x) + relu(z) at x = 2, z = -1: the adjoint passes where the input is positive"
    case .sigmoid: return "1 / (1 + exp(-x)) at x = 0, node by node: the adjoint 0.25 = y(1 - y)"
    case .affine: return "sum(x·W + b) on a batch of 2: the bias adjoint is summed over the batch"
    case .softmaxLoss: return "softmax with loss of 3 logits, label 2: adjoints (y - t)"
    case .network: return "a 3-4-3 ReLU network on a batch of 2, softmax with loss"
    }
  }

  /// The recorded graph with its adjoints and names.
  func graph() -> TapeGraph {
    switch self {
    case .apples: return Self.apples()
    case .fruit: return Self.applesAndOranges()
    case .relu: return Self.reluNode()
    case .sigmoid: return Self.sigmoidNode()
    case .affine: return Self.affineLayer()
    case .softmaxLoss: return Self.softmaxWithLoss()
    case .network: return Self.twoLayerNetwork()
    }
  }

  /// price = apple · count · tax.
  static func apples() -> TapeGraph {
    let tape = Tape()
    let apple = tape.variable(100.0), count = tape.variable(2.0), tax = tape.variable(1.1)
    let price = apple * count * tax
    var graph = TapeGraph(of: price, gradients: price.backward())
    for (name, v) in [("apple", apple), ("apple count", count), ("tax", tax), ("price", price)] {
      graph.setName(name, for: v)
    }
    return graph
  }

  /// price = (apple · appleCount + orange · orangeCount) · tax.
  static func applesAndOranges() -> TapeGraph {
    let tape = Tape()
    let apple = tape.variable(100.0), appleCount = tape.variable(2.0)
    let orange = tape.variable(150.0), orangeCount = tape.variable(3.0)
    let tax = tape.variable(1.1)
    let price = (apple * appleCount + orange * orangeCount) * tax
    var graph = TapeGraph(of: price, gradients: price.backward())
    let names = [
      ("apple", apple), ("apple count", appleCount), ("orange", orange), ("orange count", orangeCount),
      ("tax", tax), ("price", price),
    ]
    for (name, v) in names { graph.setName(name, for: v) }
    return graph
  }

  /// out = relu(x) + relu(z) at x = 2, z = −1.
  static func reluNode() -> TapeGraph {
    let tape = Tape()
    let x = tape.variable(2.0), z = tape.variable(-1.0)
    let out = Adjoint.relu(x) + Adjoint.relu(z)
    var graph = TapeGraph(of: out, gradients: out.backward())
    for (name, v) in [("x", x), ("z", z), ("out", out)] { graph.setName(name, for: v) }
    return graph
  }

  /// y = 1 / (1 + exp(−x)) at x = 0, written with the primitives the chapter draws (×−1, exp, +1, /).
  static func sigmoidNode() -> TapeGraph {
    let tape = Tape()
    let x = tape.variable(0.0)
    let y = 1 / (1 + exp(-x))
    var graph = TapeGraph(of: y, gradients: y.backward())
    for (name, v) in [("x", x), ("y", y)] { graph.setName(name, for: v) }
    return graph
  }

  /// out = sum(x·W + b) for a batch of 2 rows, 2 inputs and 3 outputs (the tutorial's affine example).
  static func affineLayer() -> TapeGraph {
    let tape = Tape()
    let x = tape.constant(Tensor([[1.0, 0.5], [-1.0, 2.0]]))
    let w = tape.variable(Tensor([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]]))
    let b = tape.variable(Tensor([0.1, 0.2, 0.3]))
    let out = (x.matmul(w) + b).sum()
    var graph = TapeGraph(of: out, gradients: out.backward())
    for (name, v) in [("x", x), ("W", w), ("b", b), ("out", out)] { graph.setName(name, for: v) }
    return graph
  }

  /// loss = softmaxCrossEntropy([[0.3, 2.9, 4.0]], label 2): the logits' adjoint is y − t.
  static func softmaxWithLoss() -> TapeGraph {
    let tape = Tape()
    let logits = tape.variable(Tensor([[0.3, 2.9, 4.0]]))
    let loss = softmaxCrossEntropy(logits: logits, labels: [2])
    var graph = TapeGraph(of: loss, gradients: loss.backward())
    for (name, v) in [("logits", logits), ("loss", loss)] { graph.setName(name, for: v) }
    return graph
  }

  /// The inputs and initial parameters of the network example (seeded, so the drawing is reproducible).
  static func networkParameters() -> (x: Tensor, labels: [Int], w1: Tensor, b1: Tensor, w2: Tensor, b2: Tensor) {
    var rng = SplitMix64(seed: 7)
    let x = Tensor([[0.6, 0.9, -0.3], [-0.2, 0.4, 0.8]])
    let w1 = Tensor.randomNormal(shape: [3, 4], standardDeviation: 0.5, using: &rng)
    let w2 = Tensor.randomNormal(shape: [4, 3], standardDeviation: 0.5, using: &rng)
    return (x, [2, 0], w1, Tensor.zeros([4]), w2, Tensor.zeros([3]))
  }

  /// loss = softmaxCrossEntropy(relu(x·W1 + b1)·W2 + b2, labels): Affine, ReLU, Affine, Softmax-with-Loss.
  static func twoLayerNetwork() -> TapeGraph {
    let p = networkParameters()
    let tape = Tape()
    let x = tape.constant(p.x)
    let w1 = tape.variable(p.w1), b1 = tape.variable(p.b1), w2 = tape.variable(p.w2), b2 = tape.variable(p.b2)
    let hidden = Adjoint.relu(x.matmul(w1) + b1)
    let logits = hidden.matmul(w2) + b2
    let loss = softmaxCrossEntropy(logits: logits, labels: p.labels)
    var graph = TapeGraph(of: loss, gradients: loss.backward())
    for (name, v) in [("x", x), ("W1", w1), ("b1", b1), ("W2", w2), ("b2", b2), ("loss", loss)] {
      graph.setName(name, for: v)
    }
    return graph
  }
}
