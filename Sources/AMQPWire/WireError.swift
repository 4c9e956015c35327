/// A malformed or unsupported byte sequence met while decoding AMQP 0-9-1, or a value that cannot
/// be encoded.
///
/// Every case names what was being read or written as a value (a `Field`, a `Malformation`, the
/// octets and sizes found), so code and tests can tell errors apart without reading text, and the
/// error can be shown to a user as one line (`description`, the one place its text is made) and
/// mapped to the connection-level reply code the spec asks for (`FRAME_ERROR` or `SYNTAX_ERROR`).
public enum WireError: Error, Hashable, Sendable {
    /// A field ran past the end of its frame or table.
    case truncated(Field)
    /// A frame did not end with the frame-end octet 0xCE (spec 4.2.3).
    case badFrameEnd(UInt8)
    /// A frame type octet that the spec does not define.
    case unknownFrameType(UInt8)
    /// A frame larger than the negotiated frame_max.
    case frameTooLarge(size: UInt32, max: UInt32)
    /// A class and method id pair that the spec does not define.
    case unknownMethod(classID: UInt16, methodID: UInt16)
    /// A field-table value whose type tag is not one RabbitMQ uses.
    case unknownFieldType(UInt8)
    /// A short string that is not valid UTF-8.
    case invalidUTF8(Field)
    /// A short string of `length` UTF-8 bytes, more than the 255 its length octet can count.
    case valueTooLong(Field, length: Int)
    /// A frame of the wrong kind or shape for its position (e.g. a heartbeat on channel 1).
    case malformed(Malformation)

    /// What was being read or written: one field of a frame, named as the spec names it.
    public enum Field: Hashable, Sendable {
        /// The class id that opens a method frame's payload (spec 4.2.4).
        case methodClassID
        /// The method id after it.
        case methodID
        /// An argument of a method, by the method's ids and the argument's spec name
        /// (`basic.publish` and `routing-key`).
        case argument(MethodID, String)
        /// The class id of a content header (spec 4.2.6).
        case contentHeaderClassID
        /// The (unused) weight of a content header.
        case contentHeaderWeight
        /// The body size of a content header.
        case contentHeaderBodySize
        /// The 16 property flags of a content header.
        case propertyFlags
        /// A basic property, by its spec name (`content-type`).
        case property(String)
        /// The payload of a body frame.
        case body
        /// A field table's 32-bit length.
        case fieldTableLength
        /// A field table's bytes, as many as its length announced.
        case fieldTable
        /// The name of a field in a table: nil while decoding (it could not be read), the name
        /// when encoding.
        case fieldName(String?)
        /// The type tag of a field-table value.
        case fieldTypeTag
        /// A field-table value of the type `tag` names (spec 4.2.5.5, RabbitMQ's tags).
        case fieldValue(tag: UInt8)
        /// A field array's 32-bit length.
        case fieldArrayLength
        /// A field array's bytes, as many as its length announced.
        case fieldArray
    }

    /// The ways a frame can be well delimited yet wrong.
    public enum Malformation: Hashable, Sendable {
        /// Field tables or arrays nested deeper than `FieldTable.maximumDepth`.
        case nestedTooDeeply
        /// Content header property flags with bit 0 or 1 set: properties the basic class lacks.
        case propertyFlags(UInt16)
        /// A heartbeat frame not on channel 0, or not empty (spec 4.2.7).
        case heartbeat(channel: UInt16, size: UInt32)
        /// Bytes left over in a frame of type `frameType` after everything it holds was read.
        case unreadBytes(Int, frameType: UInt8)
        /// A content header for a class other than basic, the only one with content (spec 4.2.6.1).
        case contentClass(UInt16)
    }

    /// The AMQP reply code a peer is owed when it sends us these bytes.
    public var replyCode: ReplyCode {
        switch self {
        case .badFrameEnd, .unknownFrameType, .frameTooLarge, .truncated, .malformed: .frameError
        case .unknownMethod, .unknownFieldType, .invalidUTF8, .valueTooLong: .syntaxError
        }
    }
}

extension WireError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .truncated(let field): "truncated \(field)"
        case .badFrameEnd(let octet): "frame does not end with 0xCE (found 0x\(String(octet, radix: 16)))"
        case .unknownFrameType(let type): "unknown frame type \(type)"
        case .frameTooLarge(let size, let max): "frame of \(size) bytes exceeds frame_max \(max)"
        case .unknownMethod(let classID, let methodID): "unknown method \(classID).\(methodID)"
        case .unknownFieldType(let tag): "unknown field-table type tag 0x\(String(tag, radix: 16))"
        case .invalidUTF8(let field): "\(field) is not valid UTF-8"
        case .valueTooLong(let field, let length): "\(field) is too long to encode (\(length) bytes, at most 255)"
        case .malformed(let malformation): "\(malformation)"
        }
    }
}

extension WireError.Field: CustomStringConvertible {
    public var description: String {
        switch self {
        case .methodClassID: "method class id"
        case .methodID: "method id"
        case .argument(let method, let name): "\(method) \(name)"
        case .contentHeaderClassID: "content header class id"
        case .contentHeaderWeight: "content header weight"
        case .contentHeaderBodySize: "content header body size"
        case .propertyFlags: "property flags"
        case .property(let name): name
        case .body: "body frame"
        case .fieldTableLength: "field table length"
        case .fieldTable: "field table"
        case .fieldName(nil): "field name"
        case .fieldName(let name?): "field name '\(name.prefix(40))'"
        case .fieldTypeTag: "field type tag"
        case .fieldValue(let tag): "\(Self.typeName(tag: tag)) field"
        case .fieldArrayLength: "array length"
        case .fieldArray: "field array"
        }
    }

    /// The name of the field-value type `tag` stands for.
    private static func typeName(tag: UInt8) -> String {
        switch tag {
        case UInt8(ascii: "t"): "boolean"
        case UInt8(ascii: "b"): "int8"
        case UInt8(ascii: "B"): "uint8"
        case UInt8(ascii: "s"): "int16"
        case UInt8(ascii: "u"): "uint16"
        case UInt8(ascii: "I"): "int32"
        case UInt8(ascii: "i"): "uint32"
        case UInt8(ascii: "l"): "int64"
        case UInt8(ascii: "f"): "float"
        case UInt8(ascii: "d"): "double"
        case UInt8(ascii: "D"): "decimal"
        case UInt8(ascii: "S"): "long string"
        case UInt8(ascii: "A"): "array"
        case UInt8(ascii: "T"): "timestamp"
        case UInt8(ascii: "F"): "table"
        case UInt8(ascii: "V"): "void"
        case UInt8(ascii: "x"): "byte array"
        default: "type 0x\(String(tag, radix: 16))"
        }
    }
}

extension WireError.Malformation: CustomStringConvertible {
    public var description: String {
        switch self {
        case .nestedTooDeeply: "field table nested too deeply"
        case .propertyFlags(let flags):
            "property flags 0x\(String(flags, radix: 16)) name properties the basic class lacks"
        case .heartbeat(let channel, let size): "heartbeat frame on channel \(channel) with \(size) payload bytes"
        case .unreadBytes(let count, let type):
            "\(count) unread bytes at the end of a \(Self.frameName(type: type)) frame"
        case .contentClass(let classID): "content header for class \(classID) (only basic, 60, carries content)"
        }
    }

    /// The frame kind's name, as `Frame.Kind` spells it, or the type octet.
    private static func frameName(type: UInt8) -> String {
        guard let kind = Frame.Kind(rawValue: type) else { return "type \(type)" }
        return "\(kind)"
    }
}
