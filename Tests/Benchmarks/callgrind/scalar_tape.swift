// Instruction counts of the scalar tape, for callgrind (repeatable where wall-clock time on a shared VM is
// not): one value-and-gradient call of W6d's pendulum (8 nodes per step), W8's affine loop (2 nodes per
// iteration), W1's chain (5 nodes per iteration) or W8's dot product (x active: 3 nodes per element, the
// inputs made with `tape.variables` and every gradient read), with N steps. See run.sh.
//
//   scalar_tape pendulum|affine|chain|dot N [REPETITIONS]
import Adjoint
#if canImport(Glibc)
import Glibc
#endif

@inline(never) func pendulum(_ steps: Int) -> [Double] {
  let (v, g) = valueWithGradient(at: [1.0, 0.5]) { p in
    let k = 9.81 / p[0], c = p[1]
    var theta = Variable<Double>(1.0), omega = Variable<Double>(0.0)
    for _ in 0..<steps {
      let acceleration = k * sin(theta) + c * omega
      (theta, omega) = (theta + 1e-3 * omega, omega - 1e-3 * acceleration)
    }
    return theta
  }
  return [v] + g
}
@inline(never) func affine(_ n: Int) -> (Double, Double) {
  valueWithGradient(at: 0.5) { x in
    var r = x
    for _ in 0..<n { r = r * 0.999999 + 1e-6 }
    return r
  }
}
@inline(never) func chain(_ iterations: Int) -> (Double, Double) {
  valueWithGradient(at: 0.5) { x in
    var y = x
    for _ in 0..<iterations { y = y + tanh(exp(sin(y))) * 0.001 }
    return y
  }
}
@inline(never) func dot(_ n: Int) -> Double {
  let xs = (0..<n).map { Double(($0 % 97) - 48) / 64 }
  let ys = (0..<n).map { Double(($0 % 89) - 44) / 32 }
  let tape = Tape()
  let x = tape.variables(xs)
  var s = Variable<Double>(0)
  for i in 0..<n { s = s + x[i] * ys[i] }
  return s.backward()[x].reduce(0, +)
}
let args = CommandLine.arguments
let which = args[1]
let n = Int(args[2])!
let reps = args.count > 3 ? Int(args[3])! : 1
var sink = 0.0
for _ in 0..<reps {
  switch which {
  case "pendulum": sink += pendulum(n)[1]
  case "affine": sink += affine(n).1
  case "chain": sink += chain(n).1
  case "dot": sink += dot(n)
  default: fatalError()
  }
}
print(which, n, sink)
