/// "Did you mean" suggestions by edit distance.
public enum Suggestions {
    /// The candidate closest to `word`, if it is close enough to be a likely typo.
    public static func closest(to word: String, among candidates: [String]) -> String? {
        let scored = candidates.map { (candidate: $0, distance: distance(word, $0)) }
        guard let best = scored.min(by: { $0.distance < $1.distance }) else { return nil }
        let allowed = max(1, min(word.count, best.candidate.count) / 3)
        if best.distance <= allowed { return best.candidate }
        // An abbreviation: the nearest candidate it begins, even when another is nearer by edits.
        guard word.count >= 3 else { return nil }
        return scored.filter { $0.candidate.hasPrefix(word) }.min { $0.distance < $1.distance }?.candidate
    }

    /// Edit distance between `a` and `b` counting insertions, deletions, substitutions and
    /// swaps of two neighbouring characters (optimal string alignment), so `--cuont` is one edit
    /// from `--count`.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var rows = [Array(0...b.count)] + (1...a.count).map { [$0] + Array(repeating: 0, count: b.count) }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var best = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { best = min(best, rows[i - 2][j - 2] + 1) }
                rows[i][j] = best
            }
        }
        return rows[a.count][b.count]
    }
}
