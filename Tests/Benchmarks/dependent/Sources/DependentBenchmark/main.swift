// What a package that depends on Adjoint gets, with no build flags: the matrix-product kernels it
// dispatches to, a 512×512 product, and the W4-shaped training step (784-256-10, batch 128) through the
// public API only. Prints one JSON line per figure, like `adjoint bench`.
import Adjoint
import AdjointNN

func seconds(_ body: () -> Void) -> Double {
  let d = ContinuousClock().measure(body)
  return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }

var rng = SplitMix64(seed: 7)
let a = Tensor.randomNormal(shape: [512, 512], using: &rng)
let b = Tensor.randomNormal(shape: [512, 512], using: &rng)
let gemm = median((0..<15).map { _ in seconds { _ = withMatrixProductThreads(1) { a.matmul(b) } } })
print(
  "{\"workload\": \"W5-gemm\", \"system\": \"adjoint-as-dependency\", \"threads\": 1, \"n\": 512, \"metric\": \"gflops\", "
    + "\"value\": \(2 * 512.0 * 512 * 512 / gemm / 1e9), \"isa\": \"\(Tensor.matrixProductInstructionSet)\"}")

let model = Sequential(
  Dense(inputSize: 784, outputSize: 256, activation: .relu, using: &rng),
  Dense(inputSize: 256, outputSize: 10, using: &rng))
let x = Tensor.randomNormal(shape: [128, 784], using: &rng)
let labels = (0..<128).map { $0 % 10 }
var sgd = SGD(learningRate: 0.1)
@MainActor func step() {
  let tape = Tape()
  let loss = softmaxCrossEntropy(logits: model(tape.constant(x)), labels: labels)
  model.parameters.accumulateGradients(from: loss.backward())
  sgd.update(model.parameters)
  model.parameters.zeroGradients()
}
for _ in 0..<5 { step() }
let times = withMatrixProductThreads(1) { (0..<60).map { _ in seconds(step) } }
print(
  "{\"workload\": \"W4-mnist-size-mlp\", \"system\": \"adjoint-as-dependency\", \"threads\": 1, \"metric\": \"step_ms\", "
    + "\"value\": \(median(times) * 1e3)}")
