/// An AMQP field table (spec 4.2.5.5): named values that keep the order they were given in, so
/// the same table always encodes to the same bytes.
public struct FieldTable: Hashable, Sendable, ExpressibleByDictionaryLiteral, RandomAccessCollection {
    /// Deeper nesting than this is refused as hostile input.
    public static let maximumDepth = 64

    /// One named value.
    public struct Field: Hashable, Sendable {
        public var name: String
        public var value: FieldValue
        public init(name: String, value: FieldValue) {
            self.name = name
            self.value = value
        }
    }

    /// The fields, in order.
    public private(set) var fields: [Field]

    /// A table of `fields` in the given order.
    public init(_ fields: [Field] = []) { self.fields = fields }

    public init(dictionaryLiteral elements: (String, FieldValue)...) {
        fields = elements.map { Field(name: $0.0, value: $0.1) }
    }

    public var startIndex: Int { fields.startIndex }
    public var endIndex: Int { fields.endIndex }
    public subscript(position: Int) -> Field { fields[position] }

    /// The value of the first field named `name`; setting replaces it in place or appends.
    public subscript(name: String) -> FieldValue? {
        get { fields.first { $0.name == name }?.value }
        set {
            let index = fields.firstIndex { $0.name == name }
            switch (index, newValue) {
            case (let index?, let value?): fields[index].value = value
            case (let index?, nil): fields.remove(at: index)
            case (nil, let value?): fields.append(Field(name: name, value: value))
            case (nil, nil): break
            }
        }
    }

    /// Appends the table with its 32-bit length prefix.
    public func encode(to writer: inout ByteWriter) throws(WireError) {
        try writer.writeLengthPrefixed { (writer: inout ByteWriter) throws(WireError) in
            for field in fields {
                try writer.writeShortString(field.name, .fieldName(field.name))
                try field.value.encode(to: &writer)
            }
        }
    }

    /// Reads a length-prefixed table.
    public static func decode(from reader: inout ByteReader, depth: Int = 0) throws(WireError) -> FieldTable {
        guard depth < maximumDepth else { throw .malformed(.nestedTooDeeply) }
        let length = Int(try reader.decodeInteger(as: UInt32.self, .fieldTableLength))
        guard reader.remaining >= length else { throw .truncated(.fieldTable) }
        var inner = ByteReader(reader.bytes, start: reader.position, limit: reader.position + length)
        var fields: [Field] = []
        while inner.remaining > 0 {
            let name = try inner.decodeShortString(.fieldName(nil))
            fields.append(Field(name: name, value: try FieldValue.decode(from: &inner, depth: depth)))
        }
        _ = reader.skip(length)
        return FieldTable(fields)
    }
}
