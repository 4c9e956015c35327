import AMQPWire
import JSON

/// A header's value as a headers exchange compares it: numbers by value whatever their width,
/// strings, booleans, and a binding argument with no value (void), which asks only that the
/// header be present.
public enum HeaderValue: Equatable, Sendable {
    case integer(Int64)
    case number(Double)
    case bool(Bool)
    case string(String)
    /// No value: the header need only be there.
    case void
    /// Anything else (arrays, tables, timestamps, bytes), by its text: equal only to itself.
    case other(String)

    /// A message header's value.
    public init(_ value: FieldValue) {
        if let integer = value.integerValue {
            self = .integer(integer)
            return
        }
        switch value {
        case .boolean(let flag): self = .bool(flag)
        case .float(let number): self = .number(Double(number))
        case .double(let number): self = .number(number)
        case .longString: self = value.stringValue.map(HeaderValue.string) ?? .other("\(value)")
        case .void: self = .void
        case .int8, .uint8, .int16, .uint16, .int32, .uint32, .int64, .decimal, .array, .timestamp, .table, .byteArray:
            self = .other("\(value)")
        }
    }

    /// A binding argument's value as the management API shows it.
    public init(_ json: JSON) {
        switch json {
        case .null: self = .void
        case .bool(let flag): self = .bool(flag)
        case .int(let integer): self = .integer(integer)
        case .uint(let integer): self = Int64(exactly: integer).map(HeaderValue.integer) ?? .number(Double(integer))
        case .double(let number): self = .number(number)
        case .string(let text): self = .string(text)
        case .array, .object: self = .other(json.serialized())
        }
    }

    /// True when a message header of this value satisfies a binding argument of `pattern`: as
    /// RabbitMQ compares them (Erlang's `==`), an integer equals a float of the same value.
    public func satisfies(_ pattern: HeaderValue) -> Bool {
        switch (pattern, self) {
        case (.void, _): true
        case (.integer(let a), .number(let b)), (.number(let b), .integer(let a)): Double(a) == b
        default: pattern == self
        }
    }

    /// The value as `KEY=VALUE` help and paths show it.
    public var text: String {
        switch self {
        case .integer(let integer): String(integer)
        case .number(let number): "\(number)"
        case .bool(let flag): flag ? "true" : "false"
        case .string(let text): text
        case .void: "(any value)"
        case .other(let text): text
        }
    }

    /// The value as JSON.
    public var json: JSON {
        switch self {
        case .integer(let integer): .int(integer)
        case .number(let number): .double(number)
        case .bool(let flag): .bool(flag)
        case .string(let text): .string(text)
        case .void: .null
        case .other(let text): .string(text)
        }
    }
}
