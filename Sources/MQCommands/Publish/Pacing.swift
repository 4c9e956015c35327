import Transport

/// `--rate N/s`: when each message is due, counted from the first (or from the last restart).
struct Pacing {
    private var start: Deadline
    /// The index of the message due at `start`.
    private var first = 0
    let interval: Double

    init(_ rate: Rate) {
        interval = rate.interval
        start = .now
    }

    /// When message number `index` (0-based) may go.
    func due(_ index: Int) -> Deadline { start.adding(seconds: Double(max(index - first, 0)) * interval) }

    /// Counts again from now, with message number `index` due at once: after a reconnect, the
    /// time spent away is not made up for in a burst.
    mutating func restart(at index: Int) {
        start = .now
        first = index
    }
}
