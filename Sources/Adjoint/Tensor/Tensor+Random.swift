// Random tensors from an injected generator (pass a seeded `SplitMix64` for repeatable runs).
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Tensor {
  /// A tensor of independent draws uniform in `range` (the standard library's `Double.random(in:using:)`).
  ///
  /// ```swift
  /// var rng = SplitMix64(seed: 1)
  /// Tensor.random(shape: [2, 3], in: -1..<1, using: &rng)
  /// ```
  ///
  /// - Precondition: the range is finite and not empty.
  /// - Complexity: O(count).
  @inlinable public static func random(
    shape: [Int], in range: Range<Double>, using generator: inout some RandomNumberGenerator
  ) -> Tensor {
    checkPrecondition(shape.allSatisfy { $0 >= 0 }, "Tensor.random(shape:in:using:): negative dimension in shape \(shape)")
    return Tensor(shape: shape) { r in for i in 0..<r.count { r[i] = Double.random(in: range, using: &generator) } }
  }

  /// A tensor of independent draws uniform in the closed `range`.
  ///
  /// - Precondition: the range is finite.
  /// - Complexity: O(count).
  @inlinable public static func random(
    shape: [Int], in range: ClosedRange<Double>, using generator: inout some RandomNumberGenerator
  ) -> Tensor {
    checkPrecondition(shape.allSatisfy { $0 >= 0 }, "Tensor.random(shape:in:using:): negative dimension in shape \(shape)")
    return Tensor(shape: shape) { r in for i in 0..<r.count { r[i] = Double.random(in: range, using: &generator) } }
  }

  /// A tensor of independent normal draws with the given mean and standard deviation, by the Box–Muller
  /// transform: from u₁ uniform in (0, 1] and u₂ uniform in [0, 1), √(−2 ln u₁)·cos 2πu₂ and
  /// √(−2 ln u₁)·sin 2πu₂ are two independent standard normal numbers.
  ///
  /// ```swift
  /// var rng = SplitMix64(seed: 42)
  /// let w = Tensor.randomNormal(shape: [784, 128], standardDeviation: 0.05, using: &rng)
  /// ```
  ///
  /// - Precondition: `standardDeviation ≥ 0`.
  /// - Complexity: O(count).
  @inlinable public static func randomNormal(
    shape: [Int], mean: Double = 0, standardDeviation: Double = 1, using generator: inout some RandomNumberGenerator
  ) -> Tensor {
    checkPrecondition(shape.allSatisfy { $0 >= 0 }, "Tensor.randomNormal: negative dimension in shape \(shape)")
    checkPrecondition(standardDeviation >= 0, "Tensor.randomNormal: negative standard deviation \(standardDeviation)")
    return Tensor(shape: shape) { r in
      var i = 0
      while i < r.count {
        let u1 = 1 - Double.random(in: 0..<1, using: &generator)  // in (0, 1], so the log is finite
        let u2 = Double.random(in: 0..<1, using: &generator)
        let radius = (-2 * libmLog(u1)).squareRoot()
        let angle = 2 * Double.pi * u2
        r[i] = mean + standardDeviation * radius * libmCos(angle)
        if i + 1 < r.count { r[i + 1] = mean + standardDeviation * radius * libmSin(angle) }
        i += 2
      }
    }
  }
}
