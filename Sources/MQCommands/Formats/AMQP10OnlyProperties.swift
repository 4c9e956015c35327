import JSON

/// The properties an AMQP 1.0 message has and a 0-9-1 one has no field for: `consume --format
/// json` shows them in `properties` beside the 0-9-1 ones, and `publish --ndjson` reads them back
/// (over AMQP 1.0; over 0-9-1 a line that sets one is refused, not published without it).
struct AMQP10OnlyProperties: Equatable, Sendable {
    var to: String?
    /// Milliseconds since the epoch, as AMQP 1.0 times are.
    var absoluteExpiryTime: Int64?
    var groupID: String?
    var groupSequence: UInt32?
    var replyToGroupID: String?

    /// One property: its JSON name, how it is shown, and how a JSON value sets it (nil when the
    /// value is not of its type).
    struct Field: Sendable {
        let name: String
        let json: @Sendable (AMQP10OnlyProperties) -> JSON?
        let set: @Sendable (inout AMQP10OnlyProperties, JSON) -> Bool
    }

    /// The one list of them, in the order JSON shows them.
    static let fields: [Field] = [
        .text("to", \.to), .number("absolute_expiry_time", \.absoluteExpiryTime), .text("group_id", \.groupID),
        .number("group_sequence", \.groupSequence), .text("reply_to_group_id", \.replyToGroupID),
    ]

    /// The field named `name`, if it is one of these.
    static func field(named name: String) -> Field? { fields.first { $0.name == name } }

    /// The ones set, by their JSON names.
    var jsonFields: [(String, JSON)] { Self.fields.compactMap { field in field.json(self).map { (field.name, $0) } } }

    /// True when none is set.
    var isEmpty: Bool { self == AMQP10OnlyProperties() }
}

extension AMQP10OnlyProperties.Field {
    /// A string property, shown and read as a JSON string.
    static func text(_ name: String, _ property: WritableKeyPath<AMQP10OnlyProperties, String?> & Sendable) -> Self {
        Self(
            name: name, json: { $0[keyPath: property].map(JSON.string) },
            set: { properties, value in
                guard case .string(let text) = value else { return false }
                properties[keyPath: property] = text
                return true
            })
    }

    /// A whole-number property, shown and read as a JSON number of its range.
    static func number<T: FixedWidthInteger & Sendable>(
        _ name: String, _ property: WritableKeyPath<AMQP10OnlyProperties, T?> & Sendable
    ) -> Self {
        Self(
            name: name, json: { $0[keyPath: property].map { T.isSigned ? .int(Int64($0)) : .uint(UInt64($0)) } },
            set: { properties, value in
                let number: T? =
                    switch value {
                    case .int(let number): T(exactly: number)
                    case .uint(let number): T(exactly: number)
                    default: nil
                    }
                guard let number else { return false }
                properties[keyPath: property] = number
                return true
            })
    }
}
