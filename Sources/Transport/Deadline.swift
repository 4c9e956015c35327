#if canImport(Glibc)
    import Glibc
#endif

/// A point on the monotonic clock by which a wait must end.
public struct Deadline: Comparable, Sendable {
    /// Nanoseconds on CLOCK_MONOTONIC.
    public let nanoseconds: UInt64

    /// The current monotonic time.
    public static var now: Deadline {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Deadline(nanoseconds: UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec))
    }

    /// A deadline so far away that it never arrives.
    public static let distantFuture = Deadline(nanoseconds: UInt64.max / 2)

    /// The deadline `seconds` from now.
    public static func after(seconds: Double) -> Deadline {
        now.adding(seconds: seconds)
    }

    public init(nanoseconds: UInt64) { self.nanoseconds = nanoseconds }

    /// This deadline moved `seconds` later, saturating at `distantFuture` (never trapping: a
    /// huge, infinite or NaN number of seconds gives `distantFuture`, a negative one `self`).
    public func adding(seconds: Double) -> Deadline {
        let limit = Deadline.distantFuture.nanoseconds
        guard !seconds.isNaN else { return Deadline(nanoseconds: limit) }
        guard seconds > 0 else { return self }
        let nanoseconds = seconds * 1e9
        let delta = nanoseconds >= Double(limit) ? limit : UInt64(nanoseconds)
        return Deadline(nanoseconds: min(self.nanoseconds &+ delta, limit))
    }

    /// Seconds from `earlier` to this point (0 when `earlier` is later).
    public func seconds(since earlier: Deadline) -> Double {
        nanoseconds > earlier.nanoseconds ? Double(nanoseconds - earlier.nanoseconds) / 1e9 : 0
    }

    /// Seconds left until the deadline (0 when it has passed).
    public var secondsRemaining: Double { seconds(since: .now) }

    /// True once the deadline has passed.
    public var hasPassed: Bool { Deadline.now >= self }

    /// Sleeps until this deadline passes, in slices of at most `slice` milliseconds, after each
    /// of which `stop` may end the sleep early. Any deadline works (a sleep of a year is slices of
    /// `poll`'s 32-bit milliseconds, not one count that could overflow).
    public func sleep(wakingEvery slice: Int32 = .max, stop: () -> Bool = { false }) {
        while !hasPassed, !stop() { poll(nil, 0, min(pollTimeout, slice)) }
    }

    /// Milliseconds until the deadline, rounded up, clamped for `poll` (0 when past).
    public var pollTimeout: Int32 {
        let now = Deadline.now.nanoseconds
        guard nanoseconds > now else { return 0 }
        return Int32(min((nanoseconds - now + 999_999) / 1_000_000, UInt64(Int32.max)))
    }

    public static func < (lhs: Deadline, rhs: Deadline) -> Bool { lhs.nanoseconds < rhs.nanoseconds }
}
