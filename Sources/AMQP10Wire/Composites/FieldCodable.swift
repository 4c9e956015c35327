/// A Swift type that a field of a composite holds, read from and written as a `Value`.
public protocol FieldCodable: Hashable, Sendable {
    /// Reads a non-null value of field `field`; throws `unexpectedType` for a value of another
    /// type, and `invalidValue` for one outside a restricted type's choices.
    init(fieldValue: Value, _ field: WireError.Field) throws(WireError)
    /// The value this is written as.
    var fieldValue: Value { get }
}

extension WireError {
    /// `unexpectedType` for `found` where a `expected` belongs.
    static func unexpected(_ found: Value, in field: Field, expected: String) -> WireError {
        .unexpectedType(field, expected: expected, found: found.typeName)
    }
}

extension Value: FieldCodable {
    /// Any value: for the fields the spec types `*` (message-id, correlation-id).
    public init(fieldValue: Value, _ field: WireError.Field) { self = fieldValue }
    public var fieldValue: Value { self }
}

extension Bool: FieldCodable {
    public init(fieldValue: Value, _ field: WireError.Field) throws(WireError) {
        guard case .boolean(let value) = fieldValue else {
            throw .unexpected(fieldValue, in: field, expected: "boolean")
        }
        self = value
    }
    public var fieldValue: Value { .boolean(self) }
}

extension UInt8: FieldCodable {
    public init(fieldValue: Value, _ field: WireError.Field) throws(WireError) {
        guard case .ubyte(let value) = fieldValue else { throw .unexpected(fieldValue, in: field, expected: "ubyte") }
        self = value
    }
    public var fieldValue: Value { .ubyte(self) }
}

extension UInt16: FieldCodable {
    public init(fieldValue: Value, _ field: WireError.Field) throws(WireError) {
        guard case .ushort(let value) = fieldValue else { throw .unexpected(fieldValue, in: field, expected: "ushort") }
        self = value
    }
    public var fieldValue: Value { .ushort(self) }
}

extension UInt32: FieldCodable {
    public init(fieldValue: Value, _ field: WireError.Field) throws(WireError) {
        guard case .uint(let value) = fieldValue else { throw .unexpected(fieldValue, in: field, expected: "uint") }
        self = value
    }
    public var fieldValue: Value { .uint(self) }
}

extension UInt64: FieldCodable {
    public init(fieldValue: Value, _ field: WireError.Field) throws(WireError) {
        guard case .ulong(let value) = fieldValue else { throw .unexpected(fieldValue, in: field, expected: "ulong") }
        self = value
    }
    public var fieldValue: Value { .ulong(self) }
}

extension String: FieldCodable {
    public init(fieldValue: Value, _ field: WireError.Field) throws(WireError) {
        guard case .string(let value) = fieldValue else { throw .unexpected(fieldValue, in: field, expected: "string") }
        self = value
    }
    public var fieldValue: Value { .string(self) }
}

extension Symbol: FieldCodable {
    public init(fieldValue: Value, _ field: WireError.Field) throws(WireError) {
        guard case .symbol(let value) = fieldValue else { throw .unexpected(fieldValue, in: field, expected: "symbol") }
        self = value
    }
    public var fieldValue: Value { .symbol(self) }
}

extension Timestamp: FieldCodable {
    public init(fieldValue: Value, _ field: WireError.Field) throws(WireError) {
        guard case .timestamp(let value) = fieldValue else {
            throw .unexpected(fieldValue, in: field, expected: "timestamp")
        }
        self = value
    }
    public var fieldValue: Value { .timestamp(self) }
}

extension Map: FieldCodable {
    public init(fieldValue: Value, _ field: WireError.Field) throws(WireError) {
        guard case .map(let value) = fieldValue else { throw .unexpected(fieldValue, in: field, expected: "map") }
        self = value
    }
    public var fieldValue: Value { .map(self) }
}
