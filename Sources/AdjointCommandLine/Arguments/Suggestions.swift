/// The candidate closest to `typed`, if one is close enough to be a likely typo: within an edit distance of 2
/// (3 for names of more than 8 characters), or beginning with `typed` when `typed` has at least 3 characters.
/// Ties go to the earlier candidate.
func closestMatch(to typed: String, among candidates: [String]) -> String? {
  let typedCharacters = Array(typed.lowercased())
  var best: (candidate: String, distance: Int)?
  for candidate in candidates {
    let lowered = candidate.lowercased()
    var distance = editDistance(typedCharacters, Array(lowered))
    if typedCharacters.count >= 3 && lowered.hasPrefix(String(typedCharacters)) { distance = min(distance, 1) }
    let threshold = candidate.count > 8 ? 3 : 2
    if distance <= threshold && distance < (best?.distance ?? Int.max) {
      best = (candidate, distance)
    }
  }
  return best?.candidate
}

/// The Levenshtein distance between two strings: the fewest insertions, deletions and substitutions of one
/// character that turn `a` into `b`.
///
/// - Complexity: O(`a.count × b.count`) time, O(`b.count`) space.
func editDistance(_ a: [Character], _ b: [Character]) -> Int {
  if a.isEmpty { return b.count }
  if b.isEmpty { return a.count }
  var previous = Array(0...b.count)
  var current = [Int](repeating: 0, count: b.count + 1)
  for i in 1...a.count {
    current[0] = i
    for j in 1...b.count {
      let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
      current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
    }
    swap(&previous, &current)
  }
  return previous[b.count]
}
