/// One value in a field table or array, with the type tags RabbitMQ uses (its AMQP 0-9-1
/// errata, not the printed grammar: `s` is a signed 16-bit integer, not a short string).
public enum FieldValue: Hashable, Sendable {
    case boolean(Bool)  // t
    case int8(Int8)  // b
    case uint8(UInt8)  // B
    case int16(Int16)  // s
    case uint16(UInt16)  // u
    case int32(Int32)  // I
    case uint32(UInt32)  // i
    case int64(Int64)  // l
    case float(Float)  // f
    case double(Double)  // d
    case decimal(AMQPDecimal)  // D
    case longString([UInt8])  // S
    case array([FieldValue])  // A
    case timestamp(UInt64)  // T
    case table(FieldTable)  // F
    case void  // V
    case byteArray([UInt8])  // x

    /// A long string holding `string`'s UTF-8 bytes.
    public static func string(_ string: String) -> FieldValue { .longString(Array(string.utf8)) }

    /// The text of a long string that is valid UTF-8, else nil.
    public var stringValue: String? {
        guard case .longString(let bytes) = self else { return nil }
        return String(validating: bytes, as: UTF8.self)
    }

    /// The value of any integer case as Int64, if it fits.
    public var integerValue: Int64? {
        switch self {
        case .int8(let v): Int64(v)
        case .uint8(let v): Int64(v)
        case .int16(let v): Int64(v)
        case .uint16(let v): Int64(v)
        case .int32(let v): Int64(v)
        case .uint32(let v): Int64(v)
        case .int64(let v): v
        default: nil
        }
    }
}

extension FieldValue {
    /// Appends the type tag and value.
    public func encode(to writer: inout ByteWriter) throws(WireError) {
        switch self {
        case .boolean(let v):
            writer.writeInteger(UInt8(ascii: "t"))
            writer.writeInteger(UInt8(v ? 1 : 0))
        case .int8(let v):
            writer.writeInteger(UInt8(ascii: "b"))
            writer.writeInteger(v)
        case .uint8(let v):
            writer.writeInteger(UInt8(ascii: "B"))
            writer.writeInteger(v)
        case .int16(let v):
            writer.writeInteger(UInt8(ascii: "s"))
            writer.writeInteger(v)
        case .uint16(let v):
            writer.writeInteger(UInt8(ascii: "u"))
            writer.writeInteger(v)
        case .int32(let v):
            writer.writeInteger(UInt8(ascii: "I"))
            writer.writeInteger(v)
        case .uint32(let v):
            writer.writeInteger(UInt8(ascii: "i"))
            writer.writeInteger(v)
        case .int64(let v):
            writer.writeInteger(UInt8(ascii: "l"))
            writer.writeInteger(v)
        case .float(let v):
            writer.writeInteger(UInt8(ascii: "f"))
            writer.writeInteger(v.bitPattern)
        case .double(let v):
            writer.writeInteger(UInt8(ascii: "d"))
            writer.writeInteger(v.bitPattern)
        case .decimal(let v):
            writer.writeInteger(UInt8(ascii: "D"))
            writer.writeInteger(v.scale)
            writer.writeInteger(v.value)
        case .longString(let v):
            writer.writeInteger(UInt8(ascii: "S"))
            writer.writeLongString(v)
        case .array(let values):
            writer.writeInteger(UInt8(ascii: "A"))
            try writer.writeLengthPrefixed { (writer: inout ByteWriter) throws(WireError) in
                for value in values { try value.encode(to: &writer) }
            }
        case .timestamp(let v):
            writer.writeInteger(UInt8(ascii: "T"))
            writer.writeInteger(v)
        case .table(let table):
            writer.writeInteger(UInt8(ascii: "F"))
            try table.encode(to: &writer)
        case .void:
            writer.writeInteger(UInt8(ascii: "V"))
        case .byteArray(let v):
            writer.writeInteger(UInt8(ascii: "x"))
            writer.writeLongString(v)
        }
    }

    /// Reads one tagged value; `depth` guards against hostile nesting.
    public static func decode(from reader: inout ByteReader, depth: Int = 0) throws(WireError) -> FieldValue {
        guard depth < FieldTable.maximumDepth else { throw .malformed(.nestedTooDeeply) }
        let tag = try reader.decodeInteger(as: UInt8.self, .fieldTypeTag)
        switch tag {
        case UInt8(ascii: "t"): return .boolean(try reader.decodeInteger(as: UInt8.self, .fieldValue(tag: tag)) != 0)
        case UInt8(ascii: "b"): return .int8(try reader.decodeInteger(as: Int8.self, .fieldValue(tag: tag)))
        case UInt8(ascii: "B"): return .uint8(try reader.decodeInteger(as: UInt8.self, .fieldValue(tag: tag)))
        case UInt8(ascii: "s"): return .int16(try reader.decodeInteger(as: Int16.self, .fieldValue(tag: tag)))
        case UInt8(ascii: "u"): return .uint16(try reader.decodeInteger(as: UInt16.self, .fieldValue(tag: tag)))
        case UInt8(ascii: "I"): return .int32(try reader.decodeInteger(as: Int32.self, .fieldValue(tag: tag)))
        case UInt8(ascii: "i"): return .uint32(try reader.decodeInteger(as: UInt32.self, .fieldValue(tag: tag)))
        case UInt8(ascii: "l"): return .int64(try reader.decodeInteger(as: Int64.self, .fieldValue(tag: tag)))
        case UInt8(ascii: "f"):
            return .float(Float(bitPattern: try reader.decodeInteger(as: UInt32.self, .fieldValue(tag: tag))))
        case UInt8(ascii: "d"):
            return .double(Double(bitPattern: try reader.decodeInteger(as: UInt64.self, .fieldValue(tag: tag))))
        case UInt8(ascii: "D"):
            let scale = try reader.decodeInteger(as: UInt8.self, .fieldValue(tag: tag))
            return .decimal(
                AMQPDecimal(scale: scale, value: try reader.decodeInteger(as: UInt32.self, .fieldValue(tag: tag))))
        case UInt8(ascii: "S"): return .longString(try reader.decodeLongString(.fieldValue(tag: tag)))
        case UInt8(ascii: "A"):
            let length = Int(try reader.decodeInteger(as: UInt32.self, .fieldArrayLength))
            guard reader.remaining >= length else { throw .truncated(.fieldArray) }
            var inner = ByteReader(reader.bytes, start: reader.position, limit: reader.position + length)
            var values: [FieldValue] = []
            while inner.remaining > 0 { values.append(try decode(from: &inner, depth: depth + 1)) }
            _ = reader.skip(length)
            return .array(values)
        case UInt8(ascii: "T"): return .timestamp(try reader.decodeInteger(as: UInt64.self, .fieldValue(tag: tag)))
        case UInt8(ascii: "F"): return .table(try FieldTable.decode(from: &reader, depth: depth + 1))
        case UInt8(ascii: "V"): return .void
        case UInt8(ascii: "x"): return .byteArray(try reader.decodeLongString(.fieldValue(tag: tag)))
        default: throw .unknownFieldType(tag)
        }
    }
}

extension ByteWriter {
    /// Writes a 32-bit length, then whatever `body` writes, patching the length afterwards.
    @inline(__always)
    mutating func writeLengthPrefixed<E: Error>(_ body: (inout ByteWriter) throws(E) -> Void) throws(E) {
        let lengthOffset = count
        writeInteger(UInt32(0))
        try body(&self)
        patchUInt32(UInt32(count - lengthOffset - 4), at: lengthOffset)
    }
}
