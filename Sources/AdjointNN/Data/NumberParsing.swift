/// Parses the decimal number in `bytes[range]` (already trimmed), or returns `nil` if it is not one.
///
/// Accepts what `Double(_: String)` accepts (`12`, `-0.5`, `.5`, `3.`, `1e-3`, `inf`, `nan`, hex floats), so
/// the caller must still reject non-finite results. Plain decimals with at most 19 significant digits whose
/// value is an integer below 2^53 scaled by at most 10^±22 take an exact fast path (Clinger's: one correctly
/// rounded multiplication or division of two exactly representable doubles, hence the correctly rounded
/// result); everything else goes through the standard library's parser.
///
/// - Complexity: O(`range.count`).
func parseDouble(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Double? {
  if let value = parseSimpleDecimal(bytes, range) { return value }
  if range.isEmpty { return nil }
  return Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self))
}

/// Exact powers of ten that a `Double` represents exactly: 10^0 … 10^22.
private let exactPowersOfTen: [Double] = [
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
]

/// The fast path of ``parseDouble(_:_:)``: `nil` when the text is not a plain decimal or is outside the exact
/// range (the caller then falls back to the general parser, which also decides whether the text is a number).
private func parseSimpleDecimal(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Double? {
  let zero = UInt8(ascii: "0")
  var i = range.lowerBound
  let end = range.upperBound
  guard i < end else { return nil }

  var isNegative = false
  if bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
    isNegative = bytes[i] == UInt8(ascii: "-")
    i += 1
  }

  var mantissa: UInt64 = 0
  var significantDigits = 0
  var digitCount = 0
  var decimalExponent = 0
  // Integer part.
  while i < end, bytes[i] &- zero < 10 {
    let digit = UInt64(bytes[i] &- zero)
    if mantissa != 0 || digit != 0 { significantDigits += 1 }
    guard significantDigits <= 19 else { return nil }
    mantissa = mantissa &* 10 &+ digit
    digitCount += 1
    i += 1
  }
  // Fraction part.
  if i < end, bytes[i] == UInt8(ascii: ".") {
    i += 1
    while i < end, bytes[i] &- zero < 10 {
      let digit = UInt64(bytes[i] &- zero)
      if mantissa != 0 || digit != 0 { significantDigits += 1 }
      guard significantDigits <= 19 else { return nil }
      mantissa = mantissa &* 10 &+ digit
      decimalExponent -= 1
      digitCount += 1
      i += 1
    }
  }
  guard digitCount > 0 else { return nil }
  // Exponent part.
  if i < end, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
    i += 1
    var exponentIsNegative = false
    if i < end, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
      exponentIsNegative = bytes[i] == UInt8(ascii: "-")
      i += 1
    }
    var exponent = 0
    var exponentDigits = 0
    while i < end, bytes[i] &- zero < 10 {
      exponent = exponent * 10 + Int(bytes[i] &- zero)
      exponentDigits += 1
      guard exponentDigits <= 4 else { return nil }
      i += 1
    }
    guard exponentDigits > 0 else { return nil }
    decimalExponent += exponentIsNegative ? -exponent : exponent
  }
  guard i == end else { return nil }

  guard mantissa <= (1 << 53) else { return nil }
  var value = Double(mantissa)
  if mantissa != 0 {
    guard decimalExponent >= -22 && decimalExponent <= 22 else { return nil }
    if decimalExponent >= 0 {
      value *= exactPowersOfTen[decimalExponent]
    } else {
      value /= exactPowersOfTen[-decimalExponent]
    }
  }
  return isNegative ? -value : value
}
