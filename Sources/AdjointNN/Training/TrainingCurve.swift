import Foundation

/// A picture of a training run as an SVG document: the training loss (left axis) and the training and test
/// accuracy (right axis, percent) per epoch, with axes, ticks, grid lines and a legend. No plotting library
/// is involved: the document is written as text.
///
/// ```swift
/// let svg = TrainingCurve(records: history, title: "Digits, 64-128-10 MLP").svg
/// try svg.write(to: URL(filePath: "curve.svg"), atomically: true, encoding: .utf8)
/// ```
public struct TrainingCurve: Sendable {
  /// The epochs to draw, in order.
  public var records: [EpochRecord]
  /// The title above the plot.
  public var title: String
  /// The size of the picture in pixels.
  public var width = 720.0, height = 420.0

  /// Creates the picture of `records`.
  public init(records: [EpochRecord], title: String = "Training curve") {
    self.records = records
    self.title = title
  }

  /// The SVG document (UTF-8 text, SVG 1.1).
  ///
  /// - Complexity: O(epochs).
  public var svg: String {
    let plot = (left: 70.0, right: width - 70, top: 50.0, bottom: height - 60)
    let epochs = records.map { Double($0.epoch) }
    let xRange = (epochs.min() ?? 0, max((epochs.max() ?? 1), (epochs.min() ?? 0) + 1))
    let losses = records.map(\.loss).filter(\.isFinite)
    let lossTicks = niceTicks(0, max(losses.max() ?? 1, 1e-12))
    let accuracyTicks = niceTicks(accuracyFloor, 100)
    func x(_ epoch: Double) -> Double { plot.left + (epoch - xRange.0) / (xRange.1 - xRange.0) * (plot.right - plot.left) }
    func y(_ value: Double, _ ticks: [Double]) -> Double {
      let (low, high) = (ticks.first ?? 0, ticks.last ?? 1)
      return plot.bottom - (value - low) / (high - low) * (plot.bottom - plot.top)
    }
    var out = [
      ##"<svg xmlns="http://www.w3.org/2000/svg" width="\##(f(width))" height="\##(f(height))" viewBox="0 0 \##(f(width)) \##(f(height))" font-family="Helvetica, Arial, sans-serif" font-size="12">"##,
      ##"<rect width="100%" height="100%" fill="white"/>"##,
      ##"<text x="\##(f(width / 2))" y="28" text-anchor="middle" font-size="16">\##(escaped(title))</text>"##,
    ]
    for tick in lossTicks {
      let ty = y(tick, lossTicks)
      out.append(##"<line x1="\##(f(plot.left))" y1="\##(f(ty))" x2="\##(f(plot.right))" y2="\##(f(ty))" stroke="#e4e4e4"/>"##)
      out.append(##"<text x="\##(f(plot.left - 8))" y="\##(f(ty + 4))" text-anchor="end" fill="#1f77b4">\##(label(tick))</text>"##)
    }
    for tick in accuracyTicks {
      out.append(##"<text x="\##(f(plot.right + 8))" y="\##(f(y(tick, accuracyTicks) + 4))" fill="#444">\##(label(tick))</text>"##)
    }
    for tick in niceTicks(xRange.0, xRange.1, integers: true) where tick >= xRange.0 && tick <= xRange.1 {
      let tx = x(tick)
      out.append(##"<line x1="\##(f(tx))" y1="\##(f(plot.bottom))" x2="\##(f(tx))" y2="\##(f(plot.bottom + 5))" stroke="black"/>"##)
      out.append(##"<text x="\##(f(tx))" y="\##(f(plot.bottom + 20))" text-anchor="middle">\##(label(tick))</text>"##)
    }
    out.append(##"<rect x="\##(f(plot.left))" y="\##(f(plot.top))" width="\##(f(plot.right - plot.left))" height="\##(f(plot.bottom - plot.top))" fill="none" stroke="black"/>"##)
    out.append(##"<text x="\##(f((plot.left + plot.right) / 2))" y="\##(f(height - 18))" text-anchor="middle">epoch</text>"##)
    out.append(axisTitle("training loss", x: 20, y: (plot.top + plot.bottom) / 2, color: "#1f77b4"))
    out.append(axisTitle("accuracy (%)", x: width - 16, y: (plot.top + plot.bottom) / 2, color: "#444"))
    let series: [(name: String, color: String, dash: String, values: [Double], ticks: [Double])] = [
      ("training loss", "#1f77b4", "", records.map(\.loss), lossTicks),
      ("train accuracy", "#ff7f0e", "", records.map { 100 * $0.trainAccuracy }, accuracyTicks),
      ("test accuracy", "#2ca02c", " stroke-dasharray=\"6 4\"", records.map { 100 * $0.testAccuracy }, accuracyTicks),
    ]
    for s in series {
      let points = zip(epochs, s.values).filter { $0.1.isFinite }.map { "\(f(x($0.0))),\(f(y(max($0.1, s.ticks[0]), s.ticks)))" }
      out.append(##"<polyline fill="none" stroke="\##(s.color)" stroke-width="2"\##(s.dash) points="\##(points.joined(separator: " "))"/>"##)
      for point in points where records.count <= 60 {
        let xy = point.split(separator: ",")
        out.append(##"<circle cx="\##(xy[0])" cy="\##(xy[1])" r="2.5" fill="\##(s.color)"/>"##)
      }
    }
    let legend = (x: plot.right - 170, y: plot.top + 0.42 * (plot.bottom - plot.top))  // between the curves
    out.append(##"<rect x="\##(f(legend.x - 10))" y="\##(f(legend.y - 12))" width="160" height="62" fill="white" fill-opacity="0.9" stroke="#999"/>"##)
    for (i, s) in series.enumerated() {
      let ly = legend.y + Double(i) * 18
      out.append(##"<line x1="\##(f(legend.x))" y1="\##(f(ly))" x2="\##(f(legend.x + 24))" y2="\##(f(ly))" stroke="\##(s.color)" stroke-width="2"\##(s.dash)/>"##)
      out.append(##"<text x="\##(f(legend.x + 32))" y="\##(f(ly + 4))">\##(s.name)</text>"##)
    }
    out.append("</svg>")
    return out.joined(separator: "\n") + "\n"
  }

  /// The bottom of the accuracy axis: 0, or a round figure below the lowest accuracy when all are high.
  private var accuracyFloor: Double {
    let lowest = records.flatMap { [$0.trainAccuracy, $0.testAccuracy] }.filter(\.isFinite).min() ?? 0
    return max(0, (floor(100 * lowest / 10) - 1) * 10)
  }
}

/// Round tick values covering [low, high]: steps of 1, 2 or 5 × 10ᵏ, about five of them.
func niceTicks(_ low: Double, _ high: Double, integers: Bool = false) -> [Double] {
  let span = max(high - low, 1e-12)
  let raw = span / 5
  let magnitude = pow(10, floor(log10(raw)))
  var step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
  if integers { step = max(1, step.rounded()) }
  let first = floor(low / step) * step
  var ticks: [Double] = []
  var t = first
  while t < high + step * 0.999 && ticks.count < 50 {
    ticks.append(t)
    if t >= high - 1e-9 * step { break }
    t = first + Double(ticks.count) * step
  }
  return ticks
}

/// A number for the SVG: at most two decimals, no trailing zeros.
private func f(_ x: Double) -> String {
  let text = String(format: "%.2f", x)
  return text.contains(".") ? String(text.reversed().drop { $0 == "0" }.drop { $0 == "." }.reversed()) : text
}

/// A tick label: a whole number without decimals, otherwise up to three significant decimals.
private func label(_ x: Double) -> String {
  abs(x - x.rounded()) < 1e-9 ? String(Int(x.rounded())) : String(format: "%g", (x * 1000).rounded() / 1000)
}

/// A vertical axis title centred at (x, y).
private func axisTitle(_ text: String, x: Double, y: Double, color: String) -> String {
  ##"<text x="\##(f(x))" y="\##(f(y))" text-anchor="middle" fill="\##(color)" transform="rotate(-90 \##(f(x)) \##(f(y)))">\##(text)</text>"##
}

/// Text with XML's special characters escaped.
private func escaped(_ text: String) -> String {
  text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    .replacingOccurrences(of: ">", with: "&gt;")
}
