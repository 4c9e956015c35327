/// The fields of a composite as a peer sent them, read one by one into typed values.
///
/// A list shorter than the type leaves the missing fields null (spec 1.4), and null means the
/// field's default; a mandatory field that is null is an error. Fields past the type's last are
/// ignored, as a later version of the type may add them.
public struct CompositeFields {
    private let elements: [Value]
    private let composite: String

    init(_ elements: [Value], of composite: String) {
        self.elements = elements
        self.composite = composite
    }

    /// The error location of field `name`.
    private func field(_ name: String) -> WireError.Field { .field(composite: composite, name: name) }

    private func element(_ index: Int) -> Value { index < elements.count ? elements[index] : .null }

    /// A mandatory field; throws `missingField` when it is null or absent.
    public func required<T: FieldCodable>(_ index: Int, _ name: String) throws(WireError) -> T {
        guard let value: T = try optional(index, name) else { throw .missingField(field(name)) }
        return value
    }

    /// A field that may be null (absent, or at its default).
    public func optional<T: FieldCodable>(_ index: Int, _ name: String) throws(WireError) -> T? {
        let value = element(index)
        if value == .null { return nil }
        return try T(fieldValue: value, field(name))
    }

    /// A mandatory binary field.
    public func requiredBinary(_ index: Int, _ name: String) throws(WireError) -> [UInt8] {
        guard let value = try optionalBinary(index, name) else { throw .missingField(field(name)) }
        return value
    }

    /// A binary field that may be null.
    public func optionalBinary(_ index: Int, _ name: String) throws(WireError) -> [UInt8]? {
        switch element(index) {
        case .null: return nil
        case .binary(let bytes): return bytes
        case let other: throw .unexpected(other, in: field(name), expected: "binary")
        }
    }

    /// A field of `multiple="true"` symbols: an array of them, one alone, or null for none
    /// (spec 1.4); throws `missingField` for none when `mandatory`.
    public func symbols(_ index: Int, _ name: String, mandatory: Bool = false) throws(WireError) -> [Symbol] {
        switch element(index) {
        case .null:
            if mandatory { throw .missingField(field(name)) }
            return []
        case .symbol(let symbol): return [symbol]
        case .array(let elements):
            var symbols: [Symbol] = []
            for element in elements {
                guard case .symbol(let symbol) = element else {
                    throw .unexpected(element, in: field(name), expected: "symbol")
                }
                symbols.append(symbol)
            }
            return symbols
        case let other: throw .unexpected(other, in: field(name), expected: "symbol array")
        }
    }
}

extension Value {
    /// A `multiple="true"` symbol field: an array of `symbols`, or null for none.
    public init(symbols: [Symbol]) {
        self = symbols.isEmpty ? .null : .array(symbols.map { .symbol($0) })
    }
}
