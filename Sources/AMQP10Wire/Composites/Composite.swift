/// A value of a composite type (spec 1.4): a list of fields in the spec's order, described by the
/// type's descriptor. Performatives, SASL frames, message sections, terminus and outcomes are.
public protocol Composite: FieldCodable {
    /// The spec's name for the type (`attach`), used in errors.
    static var typeName: String { get }
    /// The numeric descriptor (`0x00000000:0x00000012` for attach), what this side sends.
    static var descriptorCode: UInt64 { get }
    /// The symbolic descriptor (`amqp:attach:list`), which a peer may send instead.
    static var descriptorName: Symbol { get }
    /// Reads the fields of a list that carried this type's descriptor.
    init(fields: CompositeFields) throws(WireError)
    /// The fields in order, null for those absent or at their default.
    var fields: [Value] { get }
}

extension Composite {
    /// True when `descriptor` names this type, by code or by name.
    public static func isDescribed(by descriptor: Descriptor) -> Bool {
        switch descriptor {
        case .code(let code): code == descriptorCode
        case .symbol(let symbol): symbol == descriptorName
        }
    }

    /// Reads a described list; throws `unknownDescriptor` when it describes another type.
    public init(fieldValue: Value, _ field: WireError.Field) throws(WireError) {
        guard case .described(let descriptor, let body) = fieldValue else {
            throw .unexpected(fieldValue, in: field, expected: Self.typeName)
        }
        guard Self.isDescribed(by: descriptor) else { throw .unknownDescriptor(descriptor, field) }
        try self.init(described: body, field)
    }

    /// Reads the list a descriptor of this type was found on.
    init(described body: Value, _ field: WireError.Field) throws(WireError) {
        guard case .list(let elements) = body else {
            throw .unexpectedType(field, expected: "\(Self.typeName) list", found: body.typeName)
        }
        try self.init(fields: CompositeFields(elements, of: Self.typeName))
    }

    /// The described list this is written as, without the nulls that would end it (a list that
    /// stops early leaves the rest null, spec 1.4).
    public var fieldValue: Value {
        var elements = fields
        while elements.last == .null { elements.removeLast() }
        return .described(.code(Self.descriptorCode), .list(elements))
    }
}
