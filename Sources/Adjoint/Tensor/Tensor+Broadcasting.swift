// Broadcasting: NumPy's rule for combining tensors of different shapes, the elementwise binary kernel that
// implements it (with fast paths for the shapes a neural network uses), and its adjoint `summed(toShape:)`.
//
// The rule: align the shapes at their trailing dimensions (a missing leading dimension counts as 1); in each
// dimension the extents must be equal or one of them 1, and a 1 stretches to the other extent.
// [3, 4] with [4] gives [3, 4]; [3, 4] with [3, 1] gives [3, 4]; [2, 1, 4] with [3, 1] gives [2, 3, 4].

extension Tensor {
  /// The shape of the result of broadcasting two shapes together, or nil if they are not compatible.
  ///
  /// ```swift
  /// Tensor.broadcastShape([2, 1, 4], [3, 1])   // [2, 3, 4]
  /// Tensor.broadcastShape([4, 3], [2])         // nil
  /// ```
  public static func broadcastShape(_ a: [Int], _ b: [Int]) -> [Int]? {
    if a == b { return a }
    let rank = Swift.max(a.count, b.count)
    var result = [Int](repeating: 1, count: rank)
    for k in 0..<rank {
      let i = a.count - rank + k
      let j = b.count - rank + k
      let x = i >= 0 ? a[i] : 1
      let y = j >= 0 ? b[j] : 1
      guard x == y || x == 1 || y == 1 else { return nil }
      result[k] = x == 1 ? y : x
    }
    return result
  }

  /// The broadcast shape of two shapes, trapping with a message naming `operation` if they are incompatible.
  static func checkedBroadcastShape(_ a: [Int], _ b: [Int], _ operation: @autoclosure () -> String) -> [Int] {
    guard let shape = broadcastShape(a, b) else {
      failPrecondition("\(operation()): shapes \(a) and \(b) are not broadcast-compatible")
    }
    return shape
  }

  /// This tensor stretched to `shape` by the broadcasting rule (a copy; NumPy's `broadcast_to`).
  ///
  /// ```swift
  /// Tensor([1, 2]).broadcasted(to: [2, 2])   // [[1, 2], [1, 2]]
  /// ```
  ///
  /// - Precondition: broadcasting `self.shape` with `shape` gives `shape`.
  /// - Complexity: O(product of `shape`).
  public func broadcasted(to shape: [Int]) -> Tensor {
    if self.shape == shape { return self }
    checkPrecondition(
      Tensor.broadcastShape(self.shape, shape) == shape,
      "broadcasted(to:): shape \(self.shape) cannot be broadcast to \(shape)")
    if count == 1 { return Tensor(repeating: scalar, shape: shape) }
    let strides = Tensor.broadcastStrides(self.shape, to: shape)
    let step = strides[shape.count - 1]
    return Tensor(shape: shape) { result in
      self.withUnsafeBufferPointer { x in
        Tensor.forEachRow(of: shape, strides, strides) { start, inner, offset, _ in
          for j in 0..<inner { result[start + j] = x[offset + j * step] }
        }
      }
    }
  }

  /// Sums this tensor down to `shape`, the inverse of broadcasting: every dimension that broadcasting
  /// stretched (or added in front) is summed over. This is how the gradient of a broadcast operand is
  /// brought back to the operand's shape (NumPy has no single name for it; PyTorch's `sum_to_size`).
  ///
  /// ```swift
  /// Tensor([[1, 2, 3], [4, 5, 6]]).summed(toShape: [3])      // [5, 7, 9]
  /// Tensor([[1, 2, 3], [4, 5, 6]]).summed(toShape: [2, 1])   // [[6], [15]]
  /// ```
  ///
  /// - Precondition: `shape` broadcasts to `self.shape`.
  /// - Complexity: O(count).
  public func summed(toShape shape: [Int]) -> Tensor {
    if self.shape == shape { return self }
    checkPrecondition(
      Tensor.broadcastShape(shape, self.shape) == self.shape,
      "summed(toShape:): shape \(shape) does not broadcast to \(self.shape)")
    if self.shape.count == 2, shape.count <= 2, shape.last == self.shape[1], shape.count == 1 || shape[0] == 1 {
      return summedOverRows(toShape: shape)
    }
    let leading = self.shape.count - shape.count
    var axes = Array(0..<leading)
    for (k, extent) in shape.enumerated() where extent == 1 && self.shape[leading + k] != 1 {
      axes.append(leading + k)
    }
    return sum(alongAxes: axes, keepingDimensions: true).reshaped(to: shape)
  }

  /// The column sums of a matrix `[b, n]`, of shape `[n]` or `[1, n]` — the adjoint of a bias added to every
  /// row, summed back (every dense layer's backward pass). Each column's rows are added in order, as the
  /// general reduction adds them (the same sums to the bit), four columns at a time in one vector register
  /// that stays there across the rows: no index arithmetic per element and no store until the end.
  private func summedOverRows(toShape shape: [Int]) -> Tensor {
    let (rows, columns) = (self.shape[0], self.shape[1])
    return Tensor(shape: shape, unsafeUninitializedScalars: { r in
      withUnsafeBufferPointer { x in
        var j = 0
        while j + 4 <= columns {
          var sum = SIMD4<Double>(repeating: 0)
          for i in 0..<rows {
            let p = x.baseAddress! + (i * columns + j)
            sum += SIMD4(p[0], p[1], p[2], p[3])
          }
          for k in 0..<4 { r[j + k] = sum[k] }
          j += 4
        }
        while j < columns {
          var sum = 0.0
          for i in 0..<rows { sum += x[i * columns + j] }
          r[j] = sum
          j += 1
        }
      }
    })
  }

  // MARK: The binary kernel

  /// Applies `op` elementwise to two tensors broadcast together.
  ///
  /// Fast paths, each a loop with no index arithmetic per element: equal shapes; one operand a single
  /// scalar; one operand repeated across the rows of the other (`[b, n]` with `[n]`); one operand holding
  /// one scalar per row of the other (`[b, n]` with `[b, 1]`). Other shapes take a general path that does
  /// index arithmetic once per row of the result.
  ///
  /// - Precondition: the shapes are broadcast-compatible (the message names `operation`).
  @inline(__always)
  static func elementwise(
    _ a: Tensor, _ b: Tensor, _ operation: @autoclosure () -> String, _ op: (Double, Double) -> Double
  ) -> Tensor {
    let sameShape = a.shape == b.shape
    let shape = sameShape ? a.shape : checkedBroadcastShape(a.shape, b.shape, operation())
    let count = shape.reduce(1, *)
    if count == 0 { return Tensor.zeros(shape) }
    let layouts = sameShape
      ? (BroadcastLayout.full, BroadcastLayout.full)
      : (BroadcastLayout(a.count, a.shape, in: shape), BroadcastLayout(b.count, b.shape, in: shape))
    // Read both operands through their buffers and write the result through a plain pointer: one level of
    // closures, so that `op` is inlined into every loop.
    let (xs, ys) = (a.storageBuffer, b.storageBuffer)
    let result = TensorBuffer(uninitializedCount: count)
    withExtendedLifetime((xs, ys)) {
      run(layouts, shape, a.shape, b.shape, count, xs.base, ys.base, result.base, op)
    }
    return Tensor(shape: shape, buffer: result)
  }

  /// The loops of `elementwise`, one per pair of layouts.
  @inline(__always)
  private static func run(
    _ layouts: (BroadcastLayout, BroadcastLayout), _ shape: [Int], _ aShape: [Int], _ bShape: [Int], _ count: Int,
    _ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, _ r: UnsafeMutablePointer<Double>,
    _ op: (Double, Double) -> Double
  ) {
    switch layouts {
    case (.full, .full):
      for i in 0..<count { r[i] = op(x[i], y[i]) }
    case (.full, .scalar):
      let s = y[0]
      for i in 0..<count { r[i] = op(x[i], s) }
    case (.scalar, .full):
      let s = x[0]
      for i in 0..<count { r[i] = op(s, y[i]) }
    // Row loops index rebased pointers, so that the inner loop has no offset arithmetic and vectorizes.
    case (.full, .repeatedRow(let n)):
      for start in stride(from: 0, to: count, by: n) {
        let (xRow, rRow) = (x + start, r + start)
        for j in 0..<n { rRow[j] = op(xRow[j], y[j]) }
      }
    case (.repeatedRow(let n), .full):
      for start in stride(from: 0, to: count, by: n) {
        let (yRow, rRow) = (y + start, r + start)
        for j in 0..<n { rRow[j] = op(x[j], yRow[j]) }
      }
    case (.full, .onePerRow(let n)):
      for row in 0..<(count / n) {
        let (s, xRow, rRow) = (y[row], x + row * n, r + row * n)
        for j in 0..<n { rRow[j] = op(xRow[j], s) }
      }
    case (.onePerRow(let n), .full):
      for row in 0..<(count / n) {
        let (s, yRow, rRow) = (x[row], y + row * n, r + row * n)
        for j in 0..<n { rRow[j] = op(s, yRow[j]) }
      }
    default:
      let sa = broadcastStrides(aShape, to: shape), sb = broadcastStrides(bShape, to: shape)
      let (ia, ib) = (sa[shape.count - 1], sb[shape.count - 1])
      forEachRow(of: shape, sa, sb) { start, inner, oa, ob in
        let (xRow, yRow, rRow) = (x + oa, y + ob, r + start)
        for j in 0..<inner { rRow[j] = op(xRow[j * ia], yRow[j * ib]) }
      }
    }
  }

  /// The row-major strides of an operand of shape `operand` read as if it had the broadcast shape `shape`:
  /// 0 along the dimensions it is stretched in.
  static func broadcastStrides(_ operand: [Int], to shape: [Int]) -> [Int] {
    var strides = [Int](repeating: 0, count: shape.count)
    var step = 1
    for k in stride(from: operand.count - 1, through: 0, by: -1) {
      let target = shape.count - operand.count + k
      strides[target] = operand[k] == 1 ? 0 : step
      step *= operand[k]
    }
    return strides
  }

  /// Calls `body(start, inner, offsetA, offsetB)` for each row (run of the last dimension) of a result of
  /// `shape`: `start` is the row's offset in the result, `inner` its length, and the offsets are where the
  /// row begins in two operands read with the given strides. Index arithmetic happens once per row.
  static func forEachRow(
    of shape: [Int], _ stridesA: [Int], _ stridesB: [Int], _ body: (Int, Int, Int, Int) -> Void
  ) {
    let rank = shape.count
    guard rank > 0 else { return body(0, 1, 0, 0) }
    let inner = shape[rank - 1]
    let rows = shape.dropLast().reduce(1, *)
    guard inner > 0 && rows > 0 else { return }
    var index = [Int](repeating: 0, count: rank - 1)
    var (oa, ob) = (0, 0)
    for row in 0..<rows {
      body(row * inner, inner, oa, ob)
      var d = rank - 2
      while d >= 0 {
        index[d] += 1
        oa += stridesA[d]
        ob += stridesB[d]
        if index[d] < shape[d] { break }
        oa -= stridesA[d] * shape[d]
        ob -= stridesB[d] * shape[d]
        index[d] = 0
        d -= 1
      }
    }
  }
}

/// How an operand's scalars line up with a broadcast result, for the kernel's fast paths.
enum BroadcastLayout {
  /// As many scalars as the result, in the same order.
  case full
  /// A single scalar.
  case scalar
  /// A block of `n` scalars repeated: the operand's shape, without leading 1s, is a suffix of the result's.
  case repeatedRow(Int)
  /// One scalar per row of length `n`: the operand's shape is the result's with the last extent 1.
  case onePerRow(Int)
  /// Anything else.
  case general

  init(_ count: Int, _ operand: [Int], in shape: [Int]) {
    let total = shape.reduce(1, *)
    if count == total {
      self = .full
    } else if count == 1 {
      self = .scalar
    } else if let last = shape.last, last > 1, count * last == total,
      operand.last == 1, Array(operand.dropLast()).trimmingLeadingOnes == Array(shape.dropLast()).trimmingLeadingOnes
    {
      self = .onePerRow(last)
    } else {
      let core = operand.trimmingLeadingOnes
      self = shape.count >= core.count && Array(shape.suffix(core.count)) == core ? .repeatedRow(count) : .general
    }
  }
}

extension Array where Element == Int {
  /// The shape without its leading extents of 1.
  var trimmingLeadingOnes: [Int] { Array(drop { $0 == 1 }) }
}
