/// A malformed or unsupported byte sequence met while decoding AMQP 0-9-1.
///
/// Every case names what was being read, so the error can be shown to a user as one line and
/// mapped to the connection-level reply code the spec asks for (`FRAME_ERROR` or `SYNTAX_ERROR`).
public enum WireError: Error, Hashable, Sendable {
    /// A field ran past the end of its frame or table.
    case truncated(String)
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
    case invalidUTF8(String)
    /// A value that cannot be encoded, such as a short string longer than 255 bytes.
    case valueTooLong(String)
    /// A frame of the wrong kind or shape for its position (e.g. a heartbeat on channel 1).
    case malformed(String)

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
        case .truncated(let what): "truncated \(what)"
        case .badFrameEnd(let octet): "frame does not end with 0xCE (found 0x\(String(octet, radix: 16)))"
        case .unknownFrameType(let type): "unknown frame type \(type)"
        case .frameTooLarge(let size, let max): "frame of \(size) bytes exceeds frame_max \(max)"
        case .unknownMethod(let classID, let methodID): "unknown method \(classID).\(methodID)"
        case .unknownFieldType(let tag): "unknown field-table type tag 0x\(String(tag, radix: 16))"
        case .invalidUTF8(let what): "\(what) is not valid UTF-8"
        case .valueTooLong(let what): "\(what) is too long to encode"
        case .malformed(let what): what
        }
    }
}
