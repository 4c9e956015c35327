import Transport

/// `--rate N/s`: when each message is due, counted from the first.
struct Pacing {
    let start: Deadline
    let interval: Double

    init(_ rate: Rate) {
        interval = rate.interval
        start = .now
    }

    /// When message number `index` (0-based) may go.
    func due(_ index: Int) -> Deadline { start.adding(seconds: Double(index) * interval) }
}
