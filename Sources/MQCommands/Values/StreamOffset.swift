import AMQPWire
import ArgumentParsing

/// Where a stream consumer starts (`x-stream-offset`), in every form the broker takes: the
/// first or last chunk, the next message, an offset number, the first message published at or
/// after a time (ISO 8601, or `@` and seconds since 1970), or an age back from now (a
/// `StreamAge`: `10m`, `1h`, `2D`).
enum StreamOffset: TextDecodable, Hashable {
    case first, last, next
    case offset(Int64)
    /// Seconds since 1970.
    case time(UInt64)
    /// An age back from now, as the broker reads it (`10m`).
    case age(String)

    static var suggestions: [String] { ["first", "last", "next"] }

    init(text: String) throws(ValueProblem) {
        switch text {
        case "first": self = .first
        case "last": self = .last
        case "next": self = .next
        default:
            if let number = Int64(text), number >= 0 {
                self = .offset(number)
            } else if let seconds = ISO8601.seconds(text) {
                self = .time(seconds)
            } else if text.first == "@", let seconds = UInt64(text.dropFirst()) {
                self = .time(seconds)
            } else if let age = try? StreamAge(text: text) {
                self = .age(age.text)
            } else {
                throw ValueProblem(
                    "'\(text)' is not first, last, next, an offset number, a time (2026-11-29T12:00:00Z or "
                        + "@1795953600), or an age (10m, 1h, 2D)")
            }
        }
    }

    /// The consumer argument's value.
    var fieldValue: FieldValue {
        switch self {
        case .first: .string("first")
        case .last: .string("last")
        case .next: .string("next")
        case .offset(let number): .int64(number)
        case .time(let seconds): .timestamp(seconds)
        case .age(let text): .string(text)
        }
    }
}
