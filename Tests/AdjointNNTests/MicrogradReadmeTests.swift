import Testing

import AdjointNN

/// The example of micrograd's README, with the values it prints (and checks against PyTorch in its test
/// suite): g = 24.7041, dg/da = 138.8338, dg/db = 645.5773 to 4 decimals.
@Suite struct MicrogradReadmeTests {
  @Test func readmeExampleGivesThePublishedValueAndGradients() {
    let tape = Tape()
    let a = tape.variable(-4.0)
    let b = tape.variable(2.0)
    var c = a + b
    var d = a * b + pow(b, 3)
    c += c + 1
    c += 1 + c + (-a)
    d += d * 2 + relu(b + a)
    d += 3 * d + relu(b - a)
    let e = c - d
    let f = pow(e, 2)
    var g = f / 2.0
    g += 10.0 / f
    #expect(String(format4: g.value) == "24.7041")
    let gradients = g.backward()
    #expect(String(format4: gradients[a]) == "138.8338")
    #expect(String(format4: gradients[b]) == "645.5773")
  }
}

extension String {
  /// The number rounded to 4 decimals, as Python's `f"{x:.4f}"` prints it.
  init(format4 x: Double) {
    let scaled = (x * 10_000).rounded()
    let integer = Int(scaled) / 10_000
    let fraction = Swift.abs(Int(scaled) % 10_000)
    let digits = String(fraction)
    self = "\(x < 0 && integer == 0 ? "-" : "")\(integer)." + String(repeating: "0", count: 4 - digits.count) + digits
  }
}
