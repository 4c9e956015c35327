import ArgumentParsing

/// An age as RabbitMQ reads it for streams (`x-max-age`, and `x-stream-offset` back from now):
/// a whole number above 0 and one of the broker's units, Y (years), M (months), D (days),
/// h (hours), m (minutes) or s (seconds), e.g. `7D`, `12h`. The broker takes nothing else (no
/// `1h30m`, no `w`), so that is checked here, before connecting.
struct StreamAge: TextDecodable, Hashable {
    /// The age as written, which is what the broker is sent.
    let text: String

    /// The units, as the broker spells them.
    static let units: Set<Character> = ["Y", "M", "D", "h", "m", "s"]

    init(text: String) throws(ValueProblem) {
        guard let unit = text.last, Self.units.contains(unit), text.dropLast().allSatisfy(\.isASCIIDigit),
            let count = Int64(text.dropLast()), count > 0
        else {
            throw ValueProblem("'\(text)' is not an age: a number and one of Y, M, D, h, m, s (7D, 12h)")
        }
        self.text = text
    }

    /// Seconds in each unit of a fixed length (a month or a year has none).
    static let unitSeconds: [Character: UInt64] = ["s": 1, "m": 60, "h": 3600, "D": 86400]

    /// The age in seconds, or nil for months and years (or an age past `UInt64`).
    var seconds: UInt64? {
        guard let unit = text.last, let scale = Self.unitSeconds[unit], let count = UInt64(text.dropLast()) else {
            return nil
        }
        let (seconds, overflow) = count.multipliedReportingOverflow(by: scale)
        return overflow ? nil : seconds
    }
}

extension Character {
    /// True for `0` to `9` only (`Int64` would also take a sign).
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
