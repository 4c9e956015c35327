import ArgumentParsing

#if canImport(Glibc)
    import Glibc
#endif

/// A point in a stream's time, for `--until`: a time (ISO 8601, or `@` and seconds since 1970)
/// or an age back from when mq starts (`10m`, `1h`, `2D`: a `StreamAge` in s, m, h or D).
enum StreamTime: TextDecodable, Hashable {
    /// Seconds since 1970.
    case at(UInt64)
    /// Seconds back from now.
    case ago(UInt64)

    init(text: String) throws(ValueProblem) {
        if let seconds = ISO8601.seconds(text) {
            self = .at(seconds)
        } else if text.first == "@", let seconds = UInt64(text.dropFirst()) {
            self = .at(seconds)
        } else if let seconds = (try? StreamAge(text: text))?.seconds {
            self = .ago(seconds)
        } else {
            throw ValueProblem(
                "'\(text)' is not a time (2026-11-29T12:00:00Z or @1795953600) or an age back from now in s, m, h "
                    + "or D (30s, 10m, 1h, 2D)")
        }
    }

    /// Seconds since 1970, with `now` for an age.
    func seconds(now: UInt64 = UInt64(time(nil))) -> UInt64 {
        switch self {
        case .at(let seconds): seconds
        case .ago(let seconds): seconds < now ? now - seconds : 0
        }
    }
}
