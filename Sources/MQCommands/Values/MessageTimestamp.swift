import ArgumentParsing

#if canImport(Glibc)
    import Glibc
#endif

/// A message's `timestamp` property as given on the command line: `now`, seconds since 1970,
/// or a time in ISO 8601 (`2026-11-29T12:00:00Z`).
enum MessageTimestamp: TextDecodable, Hashable {
    /// The time the message is published.
    case now
    case seconds(UInt64)

    static var suggestions: [String] { ["now"] }

    init(text: String) throws(ValueProblem) {
        if text == "now" {
            self = .now
        } else if let seconds = UInt64(text) ?? ISO8601.seconds(text) {
            self = .seconds(seconds)
        } else {
            throw ValueProblem("'\(text)' is not 'now', seconds since 1970, or a time like 2026-11-29T12:00:00Z")
        }
    }

    /// Seconds since 1970, reading the clock for `now`.
    var secondsSince1970: UInt64 {
        switch self {
        case .now: UInt64(time(nil))
        case .seconds(let seconds): seconds
        }
    }
}
