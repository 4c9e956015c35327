import Transport

/// When a connection sends heartbeats and when it counts the broker as gone (spec 4.2.7): a
/// heartbeat after half an interval of our silence, the broker dead after two intervals of its
/// own. A value driven by the times the caller passes, so tests step a clock of their own.
struct HeartbeatSchedule: Sendable {
    /// What is due at a moment.
    enum Due: Equatable, Sendable {
        case nothing
        /// We have been quiet for half an interval: send a heartbeat frame.
        case heartbeat
        /// Nothing came from the broker for two intervals, this many seconds.
        case brokerSilent(seconds: Double)
    }

    /// The negotiated interval in seconds; 0 when heartbeats are off.
    let interval: Double
    private(set) var lastSent: Deadline
    private(set) var lastReceived: Deadline

    init(interval: Double, now: Deadline) {
        self.interval = interval
        lastSent = now
        lastReceived = now
    }

    /// We wrote to the broker at `now`.
    mutating func sent(at now: Deadline) { lastSent = now }

    /// Bytes came from the broker at `now`.
    mutating func received(at now: Deadline) { lastReceived = now }

    /// What is due at `now` (nothing when heartbeats are off).
    func due(at now: Deadline) -> Due {
        guard interval > 0 else { return .nothing }
        if now >= lastReceived.adding(seconds: 2 * interval) { return .brokerSilent(seconds: 2 * interval) }
        if now >= lastSent.adding(seconds: interval / 2) { return .heartbeat }
        return .nothing
    }

    /// When a wait that would end at `deadline` must wake to look again.
    func nextCheck(before deadline: Deadline) -> Deadline {
        guard interval > 0 else { return deadline }
        return min(deadline, lastSent.adding(seconds: interval / 2), lastReceived.adding(seconds: 2 * interval))
    }
}
