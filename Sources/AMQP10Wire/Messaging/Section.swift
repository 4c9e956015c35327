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

    /// Each section's spec name, numeric descriptor and symbolic descriptor.
    private static let descriptors: [(name: String, code: UInt64, symbol: Symbol)] = [
        ("header", 0x70, "amqp:header:list"),
        ("delivery-annotations", 0x71, "amqp:delivery-annotations:map"),
        ("message-annotations", 0x72, "amqp:message-annotations:map"),
        ("properties", 0x73, "amqp:properties:list"),
        ("application-properties", 0x74, "amqp:application-properties:map"),
        ("data", 0x75, "amqp:data:binary"),
        ("amqp-sequence", 0x76, "amqp:amqp-sequence:list"),
        ("amqp-value", 0x77, "amqp:amqp-value:*"),
        ("footer", 0x78, "amqp:footer:map"),
    ]

    /// Reads the section `value` describes; throws `unknownDescriptor` for a descriptor that is
    /// not a section's.
    public init(_ value: Value) throws(WireError) {
        guard case .described(let descriptor, let body) = value else {
            throw .unexpected(value, in: .section("message"), expected: "section")
        }
        let index = Self.descriptors.firstIndex { entry in
            switch descriptor {
            case .code(let code): code == entry.code
            case .symbol(let symbol): symbol == entry.symbol
            }
        }
        guard let index else { throw .unknownDescriptor(descriptor, .section("message")) }
        let field = WireError.Field.section(Self.descriptors[index].name)
        switch index {
        case 0: self = .header(try Header(described: body, field))
        case 1: self = .deliveryAnnotations(try Map(fieldValue: body, field))
        case 2: self = .messageAnnotations(try Map(fieldValue: body, field))
        case 3: self = .properties(try Properties(described: body, field))
        case 4: self = .applicationProperties(try Map(fieldValue: body, field))
        case 5:
            guard case .binary(let bytes) = body else { throw .unexpected(body, in: field, expected: "binary") }
            self = .data(bytes)
        case 6:
            guard case .list(let values) = body else { throw .unexpected(body, in: field, expected: "list") }
            self = .amqpSequence(values)
        case 7: self = .amqpValue(body)
        default: self = .footer(try Map(fieldValue: body, field))
        }
    }

    /// Where the section stands in a message (spec 3.2): 0 for header up to 8 for footer.
    var position: Int {
        switch self {
        case .header: 0
        case .deliveryAnnotations: 1
        case .messageAnnotations: 2
        case .properties: 3
        case .applicationProperties: 4
        case .data: 5
        case .amqpSequence: 6
        case .amqpValue: 7
        case .footer: 8
        }
    }

    /// The section's spec name (`message-annotations`).
    public var name: String { Self.descriptors[position].name }

    /// The described value this section is written as.
    public var value: Value {
        let code = Descriptor.code(Self.descriptors[position].code)
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
