// Each case commits one programmer error that Adjoint must report by name in a release build.
import Adjoint
import AdjointNN
import Foundation

let cases: [String: () -> Void] = [
  "matmul": {
    let a = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
    let b = Tensor(shape: [4, 5], scalars: Array(repeating: 1, count: 20))
    print(a.matmul(b))
  },
  "broadcast": {
    let tape = Tape()
    let x = tape.variable(Tensor.zeros([2, 3]))
    print(x + tape.variable(Tensor.zeros([4])))
  },
  "axis": {
    print(Tensor.zeros([2, 3]).sum(alongAxes: [5]))
  },
  "subscript": {
    print(Tensor.zeros([2, 3])[2, 0])
  },
  "backward-twice": {
    let tape = Tape()
    let x = tape.variable(2.0)
    let y = x * x
    _ = y.backward()
    _ = y.backward()
  },
  "add-product": {
    var x = Tensor.zeros([2, 3])
    x.addProduct(0.5, Tensor.zeros([3]))
    print(x)
  },
  "dense-input": {
    var generator = SplitMix64(seed: 1)
    let layer = Dense(inputSize: 3, outputSize: 2, using: &generator)
    print(layer(Variable(Tensor.zeros([4, 5]))))
  },
  // Numerics checking and tape ownership: the reports must name the user's line (the marker comments
  // let .ci/check-release-messages find it) in a release build.
  "numerics-forward": {
    let tape = Tape(checkingNumerics: true)
    let x = tape.variable(0.5)
    print(log(x - 1))  // numerics-forward-line
  },
  "numerics-backward": {
    withNumericsChecking {
      let tape = Tape()
      let x = tape.variable(0.0)
      let y = sqrt(x) * 3  // numerics-backward-line
      print(y.backward()[x])
    }
  },
  "two-threads": {
    let tape = Tape()
    let x = tape.variable(Tensor([1, 2]))
    let done = DispatchSemaphore(value: 0)
    nonisolated(unsafe) let input = x
    DispatchQueue.global().async {
      print(exp(input))
      done.signal()
    }
    done.wait()
  },
]

let name = CommandLine.arguments.dropFirst().first ?? ""
guard let misuse = cases[name] else {
  print("usage: Misuse \(cases.keys.sorted().joined(separator: "|"))")
  exit(2)
}
misuse()
print("Misuse \(name): no trap")
exit(0)
