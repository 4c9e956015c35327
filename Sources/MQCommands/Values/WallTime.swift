#if canImport(Glibc)
    import Glibc
#endif

/// A moment by the wall clock, to the millisecond, written without Foundation's formatters.
struct WallTime: Equatable {
    /// Seconds since 1970, UTC.
    var seconds: Int
    var milliseconds: Int

    /// The current time.
    static var now: WallTime {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return WallTime(seconds: spec.tv_sec, milliseconds: spec.tv_nsec / 1_000_000)
    }

    /// ISO 8601 in UTC: `2026-12-02T17:50:01.123Z`.
    var iso8601: String {
        let parts = broken(local: false)
        return "\(parts.tm_year + 1900)-\(Self.pad(parts.tm_mon + 1))-\(Self.pad(parts.tm_mday))T\(clock(parts))Z"
    }

    /// The time of day in the local time zone: `17:50:01.123`.
    var timeOfDay: String { clock(broken(local: true)) }

    /// The time of day in the local time zone to the second: `17:50:01`.
    var timeOfDayInSeconds: String { clock(broken(local: true), milliseconds: false) }

    private func clock(_ parts: tm, milliseconds withMilliseconds: Bool = true) -> String {
        let seconds = "\(Self.pad(parts.tm_hour)):\(Self.pad(parts.tm_min)):\(Self.pad(parts.tm_sec))"
        return withMilliseconds ? seconds + "." + Self.pad(milliseconds, width: 3) : seconds
    }

    private func broken(local: Bool) -> tm {
        var time = time_t(seconds)
        var parts = tm()
        if local { localtime_r(&time, &parts) } else { gmtime_r(&time, &parts) }
        return parts
    }

    private static func pad(_ value: some BinaryInteger, width: Int = 2) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
