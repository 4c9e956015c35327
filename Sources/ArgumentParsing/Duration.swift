/// Parses durations as people write them: `500ms`, `30s`, `5m`, `2h`, `1.5s`, or a bare number
/// of seconds.
public enum DurationText {
    /// The longest duration an option takes, in seconds: a year. Every duration option is
    /// checked against it, so no wait computes a deadline anywhere near overflowing.
    public static let longest = 365 * 86_400.0
    /// `longest` as a user writes it.
    public static let longestText = "365d"

    /// Why `text` is not a duration an option takes (not one at all, or past `longest`), or nil.
    public static func problem(with text: String) -> String? {
        guard let seconds = seconds(text) else { return "'\(text)' is not a duration (e.g. 500ms, 30s, 5m, 2h)" }
        return seconds <= longest ? nil : "'\(text)' is longer than the longest duration, \(longestText)"
    }

    /// The duration in seconds, or nil when `text` is not a duration.
    public static func seconds(_ text: String) -> Double? {
        let units: [(suffix: String, scale: Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86400)]
        for unit in units where text.hasSuffix(unit.suffix) {
            guard let number = Double(text.dropLast(unit.suffix.count)), number >= 0, number.isFinite else {
                return nil
            }
            return number * unit.scale
        }
        guard let number = Double(text), number >= 0, number.isFinite else { return nil }
        return number
    }
}
