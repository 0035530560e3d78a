import Adjoint
import Foundation

/// Workload W6 (second order and Jacobians, Tests/Benchmarks/peers/WORKLOADS.md): (a) the Hessian of
/// Σ softplus(Ax) + ½λ‖x‖² in 100 dimensions, (b) its Hessian–vector product and gradient in 1,000
/// dimensions, (c) the 50 × 50 Jacobian of Moré–Garbow–Hillstrom's discrete integral equation and one Newton
/// step, (d) the gradient of a 10,000-step pendulum with respect to its length and damping. Every result is
/// checked against the reference values of WORKLOADS.md before it is timed.
enum SecondOrderBenchmark {
  static let lambda = 0.1

  /// Runs the four parts and returns one JSON line per figure.
  static func run() throws -> [String] {
    var lines: [String] = []
    lines += try hessianPart()
    lines += try hvpPart()
    lines += try jacobianPart()
    lines += pendulumPart()
    return lines
  }

  /// f(x) = Σ softplus(A x) + ½ λ x·x, for x of shape [n].
  static func softplusObjective(_ a: Tensor) -> (Variable<Tensor>) -> Variable<Tensor> {
    let matrix = Variable(a)
    let n = a.shape[1]
    return { x in softplus(matrix.matmul(x.reshaped(to: [n, 1]))).sum() + (x * x).sum() * (0.5 * lambda) }
  }

  static func hessianPart() throws -> [String] {
    let a = try BenchmarkData.rawDoubles("w6a_A.f64", shape: [200, 100])
    let x = try BenchmarkData.rawDoubles("w6a_x.f64", shape: [100])
    let f = softplusObjective(a)
    let h = hessian(at: x, in: f)
    let s = h.scalars
    let trace = (0..<100).map { s[$0 * 101] }.reduce(0, +)
    let frobenius = s.map { $0 * $0 }.reduce(0, +).squareRoot()
    let difference = relativeDifference(
      [trace, frobenius] + Array(s[0..<4]),
      [4074.574778864651, 506.5821492151019, 39.6656573316652, -0.9760068787167597, -2.7504313543553818, -2.120951995614209])
    let (times, first) = timeCalls { _ = hessian(at: x, in: f) }
    return [line("W6a-hessian", "adjoint-hessian", "hessian_ms", times, first, difference,
                 note: "reverse over reverse: 1 recorded sweep + 1 batched sweep of 100 seeds")]
  }

  static func hvpPart() throws -> [String] {
    let a = try BenchmarkData.rawDoubles("w6b_A.f64", shape: [2000, 1000])
    let x = try BenchmarkData.rawDoubles("w6b_x.f64", shape: [1000])
    let v = try BenchmarkData.rawDoubles("w6b_v.f64", shape: [1000])
    let f = softplusObjective(a)
    let hv = hessianVectorProduct(at: x, along: v, in: f).scalars
    let hvDifference = relativeDifference(
      [hv.reduce(0, +), hv.map { $0 * $0 }.reduce(0, +).squareRoot()] + Array(hv[0..<4]),
      [-16504.07688668305, 16391.768448720028, -1228.156534424465, -650.2656858266879, 1370.2357500639791, -168.59589471153689])
    let (value, g) = valueWithGradient(at: x, in: f)
    let gs = g.scalars
    let gradientDifference = relativeDifference(
      [value, gs.map { $0 * $0 }.reduce(0, +).squareRoot()] + Array(gs[0..<4]),
      [1641.4549534609748, 913.111236333934, 4.465847531076388, -6.9251497629948595, -5.774468830062435, -22.288314879854966])
    // One thread (the figure compared with torch at one thread), then two: the products of a 16 MB matrix are
    // split across the cores when two are allowed (Docs/MatrixProduct.md, "Matrix times vector").
    return [1, 2].flatMap { threads in
      withMatrixProductThreads(threads) { () -> [String] in
        let (hvTimes, hvFirst) = timeCalls { _ = hessianVectorProduct(at: x, along: v, in: f) }
        let (gradientTimes, gradientFirst) = timeCalls { _ = valueWithGradient(at: x, in: f) }
        return [
          line("W6b-hvp", "adjoint-hvp", "hvp_ms", hvTimes, hvFirst, hvDifference, threads: threads,
               note: "reverse over reverse: 1 recorded sweep + 1 sweep"),
          line("W6b-hvp", "adjoint-value-and-grad", "grad_ms", gradientTimes, gradientFirst, gradientDifference,
               threads: threads),
        ]
      }
    }
  }

  /// Moré–Garbow–Hillstrom problem 29, F: ℝ⁵⁰ → ℝ⁵⁰, written with scalars.
  static func mgh(_ x: [Variable<Double>]) -> [Variable<Double>] {
    let n = x.count
    let h = 1 / Double(n + 1)
    let t = (1...n).map { Double($0) / Double(n + 1) }
    let u = (0..<n).map { j -> Variable<Double> in
      let w = x[j] + (t[j] + 1)
      return w * w * w
    }
    var s1: [Variable<Double>] = []
    var running = Variable<Double>(0)
    for j in 0..<n {
      running = j == 0 ? t[j] * u[j] : running + t[j] * u[j]
      s1.append(running)
    }
    var s2 = [Variable<Double>](repeating: Variable(0), count: n)
    for i in stride(from: n - 2, through: 0, by: -1) {
      s2[i] = i == n - 2 ? (1 - t[i + 1]) * u[i + 1] : s2[i + 1] + (1 - t[i + 1]) * u[i + 1]
    }
    return (0..<n).map { i in x[i] + h * ((1 - t[i]) * s1[i] + t[i] * s2[i]) / 2 }
  }

  static func jacobianPart() throws -> [String] {
    let n = 50
    let x0 = (1...n).map { Double($0) / Double(n + 1) }.map { $0 * ($0 - 1) }
    let j = jacobian(at: x0, in: mgh)
    let trace = (0..<n).map { j[$0][$0] }.reduce(0, +)
    let frobenius = j.joined().map { $0 * $0 }.reduce(0, +).squareRoot()
    let jDifference = relativeDifference(
      [trace, frobenius] + Array(j[0][0..<4]),
      [50.43547402677538, 7.137884418309746, 1.0005658282350907, 0.000555791066242264, 0.0005465404102105353, 0.0005380285597405899])
    func newtonStep() throws -> [Double] {
      let (value, jacobian) = valueWithJacobian(at: x0, in: mgh)
      let d = try solve(Variable(Tensor(jacobian)), Variable(Tensor(value))).value.scalars
      return zip(x0, d).map { $0 - $1 }
    }
    let x1 = try newtonStep()
    let x1Difference = relativeDifference(
      [x1.map { $0 * $0 }.reduce(0, +).squareRoot()] + Array(x1[0..<4]),
      [0.8862753851333037, -0.009642209591449406, -0.019086433898340714, -0.028326781516537808, -0.03735719286260718])
    var lines: [String] = []
    for mode in [JacobianMode.reverse, .forward] {
      let (times, first) = timeCalls { _ = jacobian(at: x0, mode: mode, in: mgh) }
      let modeDifference = relativeDifference(jacobian(at: x0, mode: mode, in: mgh).joined().map { $0 }, j.joined().map { $0 })
      lines.append(line("W6c-jacobian", "adjoint-jacobian-\(mode)", "jacobian_ms", times, first, max(jDifference, modeDifference)))
    }
    let (times, first) = timeCalls { _ = try? newtonStep() }
    lines.append(line("W6c-jacobian", "adjoint-jacobian-reverse", "newton_step_ms", times, first, x1Difference,
                      note: "F and J from one recording, then Adjoint's solve (LU with partial pivoting)"))
    return lines
  }

  /// W6d's pendulum: θ_N after `steps` explicit Euler steps, as a function of (L, c).
  static func pendulum(_ p: [Variable<Double>], steps: Int) -> Variable<Double> {
    let k = 9.81 / p[0], c = p[1]
    var theta = Variable<Double>(1.0), omega = Variable<Double>(0.0)
    for _ in 0..<steps {
      let acceleration = k * sin(theta) + c * omega
      (theta, omega) = (theta + 1e-3 * omega, omega - 1e-3 * acceleration)
    }
    return theta
  }

  static func pendulumPart() -> [String] {
    let steps = 10_000
    let (value, g) = valueWithGradient(at: [1.0, 0.5]) { pendulum($0, steps: steps) }
    let difference = relativeDifference([value] + g, [0.06597864455035876, -0.816048330914213, -0.31990102076825633])
    let (times, first) = timeCalls { _ = valueWithGradient(at: [1.0, 0.5]) { pendulum($0, steps: steps) } }
    return [line("W6d-pendulum", "adjoint", "grad_ms", times, first, difference,
                 extra: ["steps": .int(steps), "ns_per_op": .double(median(times) / Double(8 * steps) * 1e9)])]
  }

  // MARK: Helpers

  /// max |a − b| / max |b|, as the peers' max_rel_diff; traps beyond 1e-11 (a wrong result is not timed).
  static func relativeDifference(_ a: [Double], _ b: [Double]) -> Double {
    let scale = b.map(abs).max() ?? 1
    let d = zip(a, b).map { abs($0 - $1) }.max() ?? 0
    let relative = d / scale
    checkPrecondition(relative <= 1e-11, "W6: result \(a) differs from the reference \(b) (relative \(relative))")
    return relative
  }

  /// 2 warm-up calls, then single calls until about 2 s are spent (5 to 101, or 3 if a call takes over
  /// 0.5 s), as the peers' `time_calls`. Returns the times and the first call's duration, in seconds.
  static func timeCalls(budget: Double = 2, _ body: () -> Void) -> ([Double], Double) {
    let first = measureSeconds(body)
    let one = measureSeconds(body)
    let lowest = one > 0.5 ? 3 : 5
    let reps = Int(max(Double(lowest), min(101, budget / max(one, 1e-9))))
    return ((0..<reps).map { _ in measureSeconds(body) }, first)
  }

  static func line(
    _ workload: String, _ system: String, _ metric: String, _ times: [Double], _ first: Double, _ difference: Double,
    threads: Int = 1, note: String = "", extra: KeyValuePairs<String, JSONField> = [:]
  ) -> String {
    var fields: [(String, JSONField)] = [
      ("stat", .string("median")), ("reps", .int(times.count)), ("min", .double((times.min() ?? 0) * 1e3)),
      ("first_call_ms", .double(first * 1e3)), ("max_rel_diff_vs_reference", .double(difference)),
    ]
    fields += extra.map { ($0.key, $0.value) }
    if !note.isEmpty { fields.append(("note", .string(note))) }
    var text = jsonLine(
      workload: workload, system: system, threads: threads, metric: metric, value: median(times) * 1e3, unit: "ms")
    text.removeLast()  // the closing brace: the fields follow
    return text + fields.map { ", \"\($0.0)\": \($0.1.encoded)" }.joined() + "}"
  }
}

extension BenchmarkData {
  /// A tensor read from a raw little-endian float64 file of the data directory (`py/make_data.py w6`).
  static func rawDoubles(_ name: String, shape: [Int]) throws -> Tensor {
    let url = directory.appendingPathComponent(name)
    let count = shape.reduce(1, *)
    guard let data = try? Data(contentsOf: url) else {
      throw MissingFile(path: url.path, reason: "missing; run `python Tests/Benchmarks/peers/py/make_data.py w6`")
    }
    guard data.count == count * 8 else {
      throw MissingFile(path: url.path, reason: "\(data.count) bytes, expected \(count * 8) for shape \(shape)")
    }
    let scalars = (0..<count).map { i in
      Double(bitPattern: UInt64(littleEndian: data.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self) }))
    }
    return Tensor(shape: shape, scalars: scalars)
  }
}
