import ArgumentParsing

/// A rate written `N/s`, `N/m` or `N/h` (a bare `N` is per second), e.g. `--rate 100/s`.
struct Rate: TextDecodable, Hashable {
    /// Seconds between two events at this rate: more than 0, at most `DurationText.longest`.
    let interval: Double

    /// The slowest rate as a user reads it: one event per longest duration. A slower one would
    /// pace past any deadline (and one so slow that its interval is infinite, not at all).
    static let slowestText = "1 per \(DurationText.longestText)"

    init(text: String) throws(ValueProblem) {
        let parts = text.split(separator: "/", maxSplits: 1)
        let per: Double? = parts.count == 2 ? ["s": 1, "m": 60, "h": 3600][String(parts[1])] : 1
        guard let first = parts.first, let count = Double(first), count > 0, count.isFinite, let per else {
            throw ValueProblem("'\(text)' is not a rate like 100/s, 30/m or 5/h")
        }
        let interval = per / count
        guard interval <= DurationText.longest else {
            throw ValueProblem("'\(text)' is slower than the slowest rate, \(Self.slowestText)")
        }
        self.interval = interval
    }
}
