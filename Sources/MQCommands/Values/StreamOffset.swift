import AMQPWire
import ArgumentParsing

/// Where a stream consumer starts (`x-stream-offset`): the first or last chunk, the next
/// message, an offset number, or the first message published at or after a time.
enum StreamOffset: TextDecodable, Hashable {
    case first, last, next
    case offset(Int64)
    /// Seconds since 1970.
    case time(UInt64)

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
            } else {
                throw ValueProblem(
                    "'\(text)' is not first, last, next, an offset number, or a time like 2026-11-29T12:00:00Z")
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
        }
    }
}
