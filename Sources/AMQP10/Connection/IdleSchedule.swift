import Transport

/// When to send an empty frame and when the peer has been silent too long (AMQP 1.0 section 2.4.5):
/// empty frames go out at half the peer's idle-time-out; the peer counts as gone after ours.
struct IdleSchedule: Sendable {
    enum Due: Equatable, Sendable {
        case nothing
        case emptyFrame
        case peerSilent(seconds: Double)
    }

    /// Seconds between our frames (half the peer's idle-time-out), 0 for none.
    let sendInterval: Double
    /// Seconds of silence from the peer we accept (our idle-time-out), 0 for no limit.
    let silenceLimit: Double
    private(set) var lastSent: Deadline
    private(set) var lastReceived: Deadline

    init(peerIdleTimeOut milliseconds: UInt32?, ourIdleTimeOut seconds: Double, now: Deadline) {
        sendInterval = milliseconds.map { Double($0) / 2000 } ?? 0
        silenceLimit = seconds
        lastSent = now
        lastReceived = now
    }

    mutating func sent(at now: Deadline) { lastSent = now }
    mutating func received(at now: Deadline) { lastReceived = now }

    func due(at now: Deadline) -> Due {
        if silenceLimit > 0, now >= lastReceived.adding(seconds: silenceLimit) {
            return .peerSilent(seconds: silenceLimit)
        }
        if sendInterval > 0, now >= lastSent.adding(seconds: sendInterval) { return .emptyFrame }
        return .nothing
    }

    /// The earlier of `deadline` and the next moment something may be due.
    func nextCheck(before deadline: Deadline) -> Deadline {
        var next = deadline
        if silenceLimit > 0 { next = min(next, lastReceived.adding(seconds: silenceLimit)) }
        if sendInterval > 0 { next = min(next, lastSent.adding(seconds: sendInterval)) }
        return next
    }
}
