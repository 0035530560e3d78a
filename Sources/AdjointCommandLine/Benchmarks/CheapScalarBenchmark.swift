import Adjoint

/// Workload W8 (cheap scalar ops, Tests/Benchmarks/peers/WORKLOADS.md): two loops of the cheapest scalar
/// operations, where the cost of recording an operation is all there is; 2 ops per iteration, `ns/op` = one
/// complete value-and-gradient call / 2N.
///
/// - affine: `r = r * a + b`, N times from the input x = 0.5; wanted r and dr/dx.
/// - dot: `s = s + x[i] * y[i]`; `adjoint` makes each `x[i]` a variable and multiplies by the plain `y[i]`
///   (W8's definition); `adjoint-both-active` makes all 2N elements of x and y input variables (as Adept and
///   CoDiPack were measured) and reads both gradients. Both count the creation of the input variables and
///   the reading of every gradient, and report the time of each phase of one call.
///
/// The Swift floors of Tests/Benchmarks/peers/swift/w8_cheap_scalar.swift (plain loop, hand-written adjoint)
/// run in the same process, interleaved with Adjoint.
enum CheapScalarBenchmark {
  static let workload = "W8-cheap-scalar"
  static let a = 0.999999
  static let b = 1e-6
  /// Published values (WORKLOADS.md, "W8 reference values"): affine (r, dr/dx) and dot s, by N.
  static let affineReferences: [Int: (value: Double, gradient: Double)] = [
    100_000: (0.5475813136042853, 0.9048373727914752), 1_000_000: (0.8160603713894369, 0.3678792572210609),
  ]
  static let dotReferences: [Int: Double] = [100_000: -26.51953125, 1_000_000: -35.52001953125]

  // MARK: affine

  @inline(never)
  static func affinePlain(_ x: Double, _ n: Int) -> Double {
    var r = x
    for _ in 0..<n { r = r * a + b }
    return r
  }

  @inline(never)
  static func affineHand(_ x: Double, _ n: Int) -> (value: Double, gradient: Double) {
    var r = x
    for _ in 0..<n { r = r * a + b }
    var g = 1.0
    for _ in 0..<n { g = g * a }
    return (r, g)
  }

  @inline(never)
  static func affineAdjoint(_ x: Double, _ n: Int) -> (value: Double, gradient: Double) {
    valueWithGradient(at: x) { x in
      var r = x
      for _ in 0..<n { r = r * a + b }
      return r
    }
  }

  // MARK: dot

  static func dotData(_ n: Int) -> (x: [Double], y: [Double]) {
    ((0..<n).map { Double($0 % 97 - 48) / 64 }, (0..<n).map { Double($0 % 89 - 44) / 32 })
  }

  @inline(never)
  static func dotPlain(_ x: [Double], _ y: [Double]) -> Double {
    var s = 0.0
    for i in 0..<x.count { s = s + x[i] * y[i] }
    return s
  }

  @inline(never)
  static func dotHand(_ x: [Double], _ y: [Double], _ gx: inout [Double]) -> Double {
    var s = 0.0
    for i in 0..<x.count { s = s + x[i] * y[i] }
    if gx.count != x.count { gx = [Double](repeating: 0, count: x.count) }
    gx.withUnsafeMutableBufferPointer { g in
      var i = x.count - 1
      while i >= 0 {
        g[i] = 1 * y[i]
        i -= 1
      }
    }
    return s
  }

  /// The phases of one Adjoint dot call, in seconds: creating the inputs, the loop, backward(), reading.
  struct Phases {
    var create = 0.0, loop = 0.0, backward = 0.0, read = 0.0
  }

  /// Adds the time since the previous lap (or since it was made) to one phase.
  struct PhaseStopwatch {
    private let clock = ContinuousClock()
    private var last: ContinuousClock.Instant

    init() { last = clock.now }

    mutating func lap(_ field: WritableKeyPath<Phases, Double>, into phases: inout Phases) {
      let now = clock.now
      phases[keyPath: field] += CheapScalarBenchmark.seconds(now - last)
      last = now
    }
  }

  /// W8's dot: x active, y plain numbers.
  @inline(never)
  static func dotAdjoint(_ x: [Double], _ y: [Double], phases: inout Phases) -> (value: Double, gx: [Double]) {
    var stopwatch = PhaseStopwatch()
    func lap(_ field: WritableKeyPath<Phases, Double>) { stopwatch.lap(field, into: &phases) }
    let tape = Tape()
    let xs = tape.variables(x)
    lap(\.create)
    var s = xs[0] * y[0]
    for i in 1..<x.count { s = s + xs[i] * y[i] }
    lap(\.loop)
    let g = s.backward()
    lap(\.backward)
    let gx = g[xs]
    lap(\.read)
    return (s.value, gx)
  }

  /// Both vectors active: 2N input variables and both gradients.
  @inline(never)
  static func dotAdjointBoth(_ x: [Double], _ y: [Double], phases: inout Phases) -> (value: Double, gx: [Double], gy: [Double]) {
    var stopwatch = PhaseStopwatch()
    func lap(_ field: WritableKeyPath<Phases, Double>) { stopwatch.lap(field, into: &phases) }
    let tape = Tape()
    let xs = tape.variables(x)
    let ys = tape.variables(y)
    lap(\.create)
    var s = xs[0] * ys[0]
    for i in 1..<x.count { s = s + xs[i] * ys[i] }
    lap(\.loop)
    let g = s.backward()
    lap(\.backward)
    let gx = g[xs]
    let gy = g[ys]
    lap(\.read)
    return (s.value, gx, gy)
  }

  static func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
  }

  // MARK: running

  /// Runs both loops at each size and returns one JSON line per measurement.
  static func run(sizes: [Int] = [100_000, 1_000_000]) -> [String] {
    var lines: [String] = []
    var sink = 0.0
    for n in sizes {
      let ops = Double(2 * n)
      let repetitions = max(7, min(41, 4_000_000 / n))
      let perOp = { (t: Double) in t / ops * 1e9 }
      func line(_ system: String, _ loop: String, _ metric: String, _ times: [Double], _ extra: [(String, JSONField)]) -> String {
        let base: [(String, JSONField)] = [
          ("loop", .string(loop)), ("n", .int(n)), ("reps", .int(times.count)), ("stat", .string("median")),
          ("min", .double(perOp(times.min() ?? 0))), ("ms_per_call", .double(median(times) * 1e3)),
        ]
        return jsonLine(
          workload: workload, system: system, metric: metric, value: perOp(median(times)), unit: "ns/op",
          fields: base + extra)
      }

      // affine
      let x0 = opaque(0.5)
      let iterations = opaque(n)
      let plain = affinePlain(x0, iterations)
      let hand = affineHand(x0, iterations)
      let ad = affineAdjoint(x0, iterations)
      checkPrecondition(ad.value == plain && ad.value == hand.value, "W8 affine: value \(ad.value), plain \(plain), hand \(hand.value)")
      checkPrecondition(ad.gradient == hand.gradient, "W8 affine: gradient \(ad.gradient), hand adjoint \(hand.gradient)")
      if let r = affineReferences[n] {
        checkPrecondition(ad.value == r.value && ad.gradient == r.gradient, "W8 affine: (\(ad.value), \(ad.gradient)) differs from the reference \(r)")
      }
      var tPlain: [Double] = [], tHand: [Double] = [], tAD: [Double] = []
      for _ in 0..<2 { sink += affinePlain(x0, iterations) + affineHand(x0, iterations).gradient + affineAdjoint(x0, iterations).gradient }
      for _ in 0..<repetitions {
        tPlain.append(measureSeconds { sink += affinePlain(x0, iterations) })
        tHand.append(measureSeconds { sink += affineHand(x0, iterations).gradient })
        tAD.append(measureSeconds { sink += affineAdjoint(x0, iterations).gradient })
      }
      let floor = perOp(median(tPlain))
      lines.append(line("swift-plain-forward", "affine", "fwd_ns_per_op", tPlain, [("result", .double(plain))]))
      lines.append(line("swift-hand-adjoint", "affine", "grad_ns_per_op", tHand, [("result", .double(hand.value)), ("grad", .double(hand.gradient))]))
      lines.append(
        line("adjoint", "affine", "grad_ns_per_op", tAD, [
          ("result", .double(ad.value)), ("grad", .double(ad.gradient)), ("grad_over_swift_forward", .double(perOp(median(tAD)) / floor)),
        ]))

      // dot
      let (x, y) = dotData(opaque(n))
      let sPlain = dotPlain(x, y)
      var gx: [Double] = []
      let sHand = dotHand(x, y, &gx)
      var phases = Phases(), bothPhases = Phases()
      let one = dotAdjoint(x, y, phases: &phases)
      let both = dotAdjointBoth(x, y, phases: &bothPhases)
      checkPrecondition(sPlain == sHand && one.value == sPlain && both.value == sPlain, "W8 dot: s = \(one.value), \(both.value), plain \(sPlain)")
      if let r = dotReferences[n] { checkPrecondition(sPlain == r, "W8 dot: s = \(sPlain), reference \(r)") }
      checkPrecondition(one.gx == y && both.gx == y && both.gy == x && gx == y, "W8 dot: a gradient differs from y (or x) bit for bit")
      var dPlain: [Double] = [], dHand: [Double] = [], dAD: [Double] = [], dBoth: [Double] = []
      for _ in 0..<2 {
        sink += dotPlain(x, y) + dotHand(x, y, &gx) + dotAdjoint(x, y, phases: &phases).gx[0] + dotAdjointBoth(x, y, phases: &bothPhases).gy[0]
      }
      phases = Phases()
      bothPhases = Phases()
      for _ in 0..<repetitions {
        dPlain.append(measureSeconds { sink += dotPlain(x, y) })
        dHand.append(measureSeconds { sink += dotHand(x, y, &gx) })
        dAD.append(measureSeconds { sink += dotAdjoint(x, y, phases: &phases).gx[0] })
        dBoth.append(measureSeconds { sink += dotAdjointBoth(x, y, phases: &bothPhases).gy[0] })
      }
      let dotFloor = perOp(median(dPlain))
      func phaseFields(_ p: Phases) -> [(String, JSONField)] {
        let k = Double(repetitions)
        return [
          ("create_ms", .double(p.create / k * 1e3)), ("loop_ms", .double(p.loop / k * 1e3)),
          ("backward_ms", .double(p.backward / k * 1e3)), ("read_ms", .double(p.read / k * 1e3)),
        ]
      }
      lines.append(line("swift-plain-forward", "dot", "fwd_ns_per_op", dPlain, [("result", .double(sPlain))]))
      lines.append(line("swift-hand-adjoint", "dot", "grad_ns_per_op", dHand, [("result", .double(sHand))]))
      lines.append(
        line("adjoint", "dot", "grad_ns_per_op", dAD, [
          ("result", .double(one.value)), ("inputs", .int(n)), ("grad_over_swift_forward", .double(perOp(median(dAD)) / dotFloor)),
        ] + phaseFields(phases)))
      lines.append(
        line("adjoint-both-active", "dot", "grad_ns_per_op", dBoth, [
          ("result", .double(both.value)), ("inputs", .int(2 * n)), ("grad_over_swift_forward", .double(perOp(median(dBoth)) / dotFloor)),
        ] + phaseFields(bothPhases)))
    }
    if sink == 42 { print("") }  // keep the results alive
    return lines
  }
}
