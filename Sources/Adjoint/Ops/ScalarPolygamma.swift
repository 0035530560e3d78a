#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The digamma and polygamma functions on `Double`, which the C library lacks.
///
/// Method (Abramowitz & Stegun 6.3.5–6.3.18, 6.4.6–6.4.11): for x > 0, the recurrence
/// ψ⁽ⁿ⁾(x) = ψ⁽ⁿ⁾(x + 1) − (−1)ⁿ n!/xⁿ⁺¹ shifts the argument up to x ≥ 12 + n, where the asymptotic series
/// ψ(x) ~ ln x − 1/(2x) − Σₖ B₂ₖ/(2k·x²ᵏ) and
/// ψ⁽ⁿ⁾(x) ~ (−1)ⁿ⁺¹ [(n−1)!/xⁿ + n!/(2xⁿ⁺¹) + Σₖ B₂ₖ (2k+n−1)!/((2k)! x²ᵏ⁺ⁿ)] converges to double precision
/// with ten Bernoulli numbers; within 0.1 of the root x₀ ≈ 1.4616 a Taylor series about x₀ replaces them
/// (`digammaNearRoot`). For x < 0, digamma uses the reflection ψ(x) = ψ(1 − x) − π cot(πx) (with the
/// cotangent of the reduced argument, exact in period); polygamma runs the recurrence up from x (O(|x|)
/// steps). Poles: ψ⁽ⁿ⁾ at 0, −1, −2, … is +∞ for odd n and NaN otherwise (the two one-sided limits differ);
/// ψ(+0) = −∞, ψ(−0) = +∞.
@usableFromInline
enum Polygamma {
  /// B₂, B₄, …, B₂₀.
  static let bernoulli: [Double] = [
    1.0 / 6, -1.0 / 30, 1.0 / 42, -1.0 / 30, 5.0 / 66, -691.0 / 2730, 7.0 / 6, -3617.0 / 510, 43867.0 / 798,
    -174611.0 / 330,
  ]

  /// ψ(x) = Γ′(x)/Γ(x).
  @usableFromInline static func digamma(_ x: Double) -> Double {
    if x.isNaN || x == -.infinity { return .nan }
    if x == .infinity { return .infinity }
    if x == 0 { return x.sign == .plus ? -.infinity : .infinity }
    if x < 0 {
      if x == x.rounded(.down) { return .nan }
      let r = x - x.rounded()  // cot(πx) = cot(πr), r in [−½, ½]
      let cotangent = Swift.abs(r) == 0.5 ? 0 : cos(Double.pi * r) / sin(Double.pi * r)  // exact at half-integers
      return digamma(1 - x) - Double.pi * cotangent
    }
    if Swift.abs(x - 1.4616321449683622) < 0.1 { return digammaNearRoot(x) }
    var x = x
    var result = 0.0
    while x < 12 {
      result -= 1 / x
      x += 1
    }
    let t = 1 / (x * x)
    var power = t
    var series = 0.0
    for k in 1...bernoulli.count {
      series += bernoulli[k - 1] / Double(2 * k) * power
      power *= t
    }
    return result + log(x) - 0.5 / x - series
  }

  /// ψ near its positive root x₀ = 1.46163214496836234…, where the recurrence and series lose every digit
  /// to cancellation: the Taylor series Σ ψ⁽ᵏ⁾(x₀)/k!·δᵏ in δ = x − x₀ (x₀ split in two doubles), with
  /// coefficients computed by mpmath 1.4.1 (polygamma(k, x₀)/k!, 50 digits, rounded to Double).
  static func digammaNearRoot(_ x: Double) -> Double {
    let delta = (x - 1.4616321449683622) - 9.549995429965697e-17
    let coefficients: [Double] = [
      0.9676722454476212, -0.4427631689835921, 0.258499760955651, -0.16394270544240652, 0.10782405069126237,
      -0.07219956125645471, 0.04880428816414311, -0.03316112647484736, 0.022597648232218104,
      -0.01542476590494896, 0.010538791616612175, -0.007204534386356869, 0.004926781395729853,
      -0.003369801655439328, 0.002305126326734928, -0.0015769367714301972, 0.0010788252019162967,
      -0.0007380709389960052,
    ]
    var sum = 0.0
    for c in coefficients.reversed() { sum = (sum + c) * delta }  // Horner: Σ cₖ δᵏ, k ≥ 1
    return sum
  }

  /// ψ⁽ⁿ⁾(x) for n ≥ 1.
  @usableFromInline static func polygamma(_ n: Int, _ x: Double) -> Double {
    checkPrecondition(n >= 0, "polygamma: order n = \(n) must be at least 0")
    if n == 0 { return digamma(x) }
    if x.isNaN || x == -.infinity { return .nan }
    if x == .infinity { return 0 }
    if x <= 0 && x == x.rounded(.down) { return n % 2 == 1 ? .infinity : .nan }
    let order = Double(n + 1)
    var factorial = 1.0  // n!
    for j in stride(from: 2, through: n, by: 1) { factorial *= Double(j) }
    let sign: Double = n % 2 == 1 ? 1 : -1  // (−1)ⁿ⁺¹
    var x = x
    var shifted = 0.0  // Σ 1/(x + k)ⁿ⁺¹ over the recurrence's steps
    let bound = 12 + Double(n)
    while x < bound {
      shifted += 1 / pow(x, order)
      x += 1
    }
    // Asymptotic series at x ≥ bound, divided by n!: 1/(n·xⁿ) + 1/(2xⁿ⁺¹) + Σ B₂ₖ (2k+n−1)!/((2k)! n!) / x²ᵏ⁺ⁿ.
    let t = 1 / x
    let tn = pow(t, Double(n))
    var series = tn / Double(n) + 0.5 * tn * t
    var ratio = 1.0 / Double(n)  // (2k+n−1)!/((2k)! n!) at k = 0 is (n−1)!/n! = 1/n
    var power = tn
    for k in 1...bernoulli.count {
      ratio *= Double(2 * k + n - 2) * Double(2 * k + n - 1) / (Double(2 * k - 1) * Double(2 * k))
      power *= t * t
      series += bernoulli[k - 1] * ratio * power
    }
    return sign * factorial * (shifted + series)
  }
}
