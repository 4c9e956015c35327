/// One section of a message (spec 3.2): the annotated message is a sequence of them, in the
/// order the cases are declared.
public enum Section: Hashable, Sendable {
    /// `header` (0x70): durability, priority, time to live, delivery count.
    case header(Header)
    /// `delivery-annotations` (0x71): for the next hop only.
    case deliveryAnnotations(Map)
    /// `message-annotations` (0x72): for the intermediaries along the way (RabbitMQ's
    /// `x-exchange`, `x-routing-key`, `x-stream-offset`).
    case messageAnnotations(Map)
    /// `properties` (0x73): the immutable standard properties.
    case properties(Properties)
    /// `application-properties` (0x74): the application's own, keyed by string.
    case applicationProperties(Map)
    /// `data` (0x75): opaque body bytes; a body may be several.
    case data([UInt8])
    /// `amqp-sequence` (0x76): a body of values in a list; a body may be several.
    case amqpSequence([Value])
    /// `amqp-value` (0x77): a body of one value.
    case amqpValue(Value)
    /// `footer` (0x78): annotations computed over the message, such as hashes.
    case footer(Map)

    /// Which section this is, in the order a message holds them.
    enum Kind: Int, CaseIterable, Comparable {
        case header, deliveryAnnotations, messageAnnotations, properties, applicationProperties, data, amqpSequence,
            amqpValue, footer

        /// The spec's name (`message-annotations`).
        var name: String {
            switch self {
            case .header: "header"
            case .deliveryAnnotations: "delivery-annotations"
            case .messageAnnotations: "message-annotations"
            case .properties: "properties"
            case .applicationProperties: "application-properties"
            case .data: "data"
            case .amqpSequence: "amqp-sequence"
            case .amqpValue: "amqp-value"
            case .footer: "footer"
            }
        }

        /// The numeric descriptor: 0x70 for header up to 0x78 for footer, in order.
        var code: UInt64 { 0x70 + UInt64(rawValue) }

        /// The symbolic descriptor (`amqp:message-annotations:map`).
        var symbol: Symbol {
            switch self {
            case .header, .properties: Symbol("amqp:\(name):list")
            case .deliveryAnnotations, .messageAnnotations, .applicationProperties, .footer: Symbol("amqp:\(name):map")
            case .data: "amqp:data:binary"
            case .amqpSequence: "amqp:amqp-sequence:list"
            case .amqpValue: "amqp:amqp-value:*"
            }
        }

        /// True for the sections that make up a body.
        var isBody: Bool { self == .data || self == .amqpSequence || self == .amqpValue }

        static func < (left: Kind, right: Kind) -> Bool { left.rawValue < right.rawValue }
    }

    /// Reads the section `value` describes; throws `unknownDescriptor` for a descriptor that is
    /// not a section's.
    public init(_ value: Value) throws(WireError) {
        guard case .described(let descriptor, let body) = value else {
            throw .unexpected(value, in: .section("message"), expected: "section")
        }
        let kind = Kind.allCases.first { kind in
            switch descriptor {
            case .code(let code): code == kind.code
            case .symbol(let symbol): symbol == kind.symbol
            }
        }
        guard let kind else { throw .unknownDescriptor(descriptor, .section("message")) }
        let field = WireError.Field.section(kind.name)
        switch kind {
        case .header: self = .header(try Header(described: body, field))
        case .deliveryAnnotations: self = .deliveryAnnotations(try Map(fieldValue: body, field))
        case .messageAnnotations: self = .messageAnnotations(try Map(fieldValue: body, field))
        case .properties: self = .properties(try Properties(described: body, field))
        case .applicationProperties: self = .applicationProperties(try Map(fieldValue: body, field))
        case .data:
            guard case .binary(let bytes) = body else { throw .unexpected(body, in: field, expected: "binary") }
            self = .data(bytes)
        case .amqpSequence:
            guard case .list(let values) = body else { throw .unexpected(body, in: field, expected: "list") }
            self = .amqpSequence(values)
        case .amqpValue: self = .amqpValue(body)
        case .footer: self = .footer(try Map(fieldValue: body, field))
        }
    }

    /// Which section this is.
    var kind: Kind {
        switch self {
        case .header: .header
        case .deliveryAnnotations: .deliveryAnnotations
        case .messageAnnotations: .messageAnnotations
        case .properties: .properties
        case .applicationProperties: .applicationProperties
        case .data: .data
        case .amqpSequence: .amqpSequence
        case .amqpValue: .amqpValue
        case .footer: .footer
        }
    }

    /// The section's spec name (`message-annotations`).
    public var name: String { kind.name }

    /// The described value this section is written as.
    public var value: Value {
        let code = Descriptor.code(kind.code)
        switch self {
        case .header(let header): return header.fieldValue
        case .properties(let properties): return properties.fieldValue
        case .deliveryAnnotations(let map), .messageAnnotations(let map), .applicationProperties(let map),
            .footer(let map):
            return .described(code, .map(map))
        case .data(let bytes): return .described(code, .binary(bytes))
        case .amqpSequence(let values): return .described(code, .list(values))
        case .amqpValue(let value): return .described(code, value)
        }
    }
}
