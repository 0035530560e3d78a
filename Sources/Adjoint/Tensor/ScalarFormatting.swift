#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// How numbers are written in printed tensors and drawn graphs. The engine does not import Foundation, so
// these are small hand-written routines over Swift's shortest round-trip `Double.description`.

/// Formatting of single numbers for tensor printing and graph labels.
enum ScalarFormatting {
  /// `x` rounded to at most `digits` digits after the decimal point, in Swift's shortest form:
  /// `0.30000000000000004` → `"0.3"`, `2.0` → `"2.0"`, `1/3` → `"0.33333333"` (NumPy's default precision 8).
  /// Magnitudes of 10⁸ and above are written as they are (rounding them would only add error).
  static func rounded(_ x: Double, fractionDigits digits: Int = 8) -> String {
    guard x.isFinite, Swift.abs(x) < 1e8 else { return x.description }
    let scale = pow(10.0, Double(digits))
    let r = (x * scale).rounded() / scale
    return r.description
  }

  /// `x` with at most `digits` significant digits and no trailing `.0`: `220.00000000000003` → `"220"`,
  /// `2.2000000000000002` → `"2.2"`, `0.0091001` → `"0.0091"` (with 2 digits). Like C's `%g`.
  static func significant(_ x: Double, digits: Int = 6) -> String {
    guard x.isFinite else { return x.description }
    if x == 0 { return x.sign == .minus ? "-0" : "0" }
    let exponent = Int(floor(log10(Swift.abs(x))))
    let fractionDigits = digits - 1 - exponent
    var r = x
    if fractionDigits >= 0 && fractionDigits <= 300 {
      let scale = pow(10.0, Double(fractionDigits))
      r = (x * scale).rounded() / scale
    } else if fractionDigits < 0 {
      let scale = pow(10.0, Double(-fractionDigits))
      r = (x / scale).rounded() * scale
    }
    var text = r.description
    if text.hasSuffix(".0") { text.removeLast(2) }
    return text
  }
}
