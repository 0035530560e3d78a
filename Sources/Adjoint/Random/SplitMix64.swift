/// A small, fast, seedable random number generator (Steele, Lea and Flood's SplitMix64).
///
/// `SystemRandomNumberGenerator` cannot be seeded, so everything in Adjoint that draws random numbers
/// (initialisers, shuffling, dropout, tests) takes an injected generator, and this one makes runs repeatable:
///
/// ```swift
/// var rng = SplitMix64(seed: 42)
/// let w = Tensor.randomNormal(shape: [3, 2], using: &rng)   // the same numbers on every run
/// ```
///
/// Not suitable for cryptography.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  /// The generator's whole state.
  public private(set) var state: UInt64

  /// Creates a generator whose sequence is determined by `seed`.
  public init(seed: UInt64) {
    state = seed
  }

  /// The next 64 random bits: `state += 0x9E3779B97F4A7C15`, then two xor-shift-multiply rounds.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
