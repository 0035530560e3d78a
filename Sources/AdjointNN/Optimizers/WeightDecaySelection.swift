/// Which parameters an optimizer's weight decay applies to.
///
/// Decaying biases and normalisation scales rarely helps and often hurts, so the usual practice (BERT,
/// GPT-2, most PyTorch recipes with parameter groups) is to decay only the weight matrices and kernels. A
/// `Parameter` does not know its role, so the rule decides by rank: weights have rank ≥ 2, biases and
/// per-feature scales rank 1.
///
/// ```swift
/// var adamW = AdamW(learningRate: 1e-3, weightDecay: 0.01, decaying: .weightsOnly)
/// adamW.update(model.parameters)   // biases move by the Adam step alone
/// ```
public enum WeightDecaySelection: Sendable, Codable, Equatable {
  /// Every parameter is decayed (PyTorch's behaviour with a single parameter group).
  case all
  /// Only parameters of rank ≥ 2 (weight matrices, convolution kernels); biases and norm scales are not.
  case weightsOnly
  /// The parameters whose name is not in the set (names as in `Parameter.name`, such as `"bias"`).
  case excludingNames(Set<String>)

  /// Whether the weight decay applies to `parameter`.
  public func includes(_ parameter: Parameter) -> Bool {
    switch self {
    case .all: return true
    case .weightsOnly: return parameter.value.rank >= 2
    case .excludingNames(let names): return !names.contains(parameter.name)
    }
  }
}

/// Traps unless a weight decay is finite and ≥ 0, naming the optimizer.
func checkWeightDecay(_ weightDecay: Double, of optimizer: String) {
  checkPrecondition(
    weightDecay >= 0 && weightDecay.isFinite, "\(optimizer): weight decay must be ≥ 0, got \(weightDecay)")
}
