/// Why bytes could not be decoded as AMQP 1.0, or a value could not be encoded.
///
/// Every case names where it happened (`Field`) and what was wrong, so a connection can close
/// with `amqp:decode-error` and a description a person can act on.
public enum WireError: Error, Hashable, Sendable {
    /// A value ran past the end of its frame, compound or section.
    case truncated(Field)
    /// Bytes that break the type system's or the framing's rules.
    case malformed(Field, Malformation)
    /// A frame larger than the max-frame-size this side announced in its open.
    case frameTooLarge(size: UInt32, max: UInt32)
    /// Eight bytes that are not an AMQP 1.0 protocol header (spec 2.2), e.g. a 0-9-1 broker's.
    case protocolHeader([UInt8])
    /// A described value whose descriptor is not one the place it appears in allows.
    case unknownDescriptor(Descriptor, Field)
    /// A mandatory field left out or null.
    case missingField(Field)
    /// A field holding a value of the wrong type.
    case unexpectedType(Field, expected: String, found: String)
    /// A field of a restricted type holding a value outside its choices (a settle mode of 7).
    case invalidValue(Field, String)
    /// An array whose elements are not all of one type, which its single constructor cannot
    /// encode (only values built in code can be so).
    case mixedArray(Field)

    /// Where in a frame or message the problem is.
    public enum Field: Hashable, Sendable {
        /// The 8-byte frame header (spec 2.3.1).
        case frameHeader
        /// The described list at the start of a frame's body.
        case performative
        /// A field of a composite type, by the type's and the field's spec names (`attach`,
        /// `snd-settle-mode`).
        case field(composite: String, name: String)
        /// A message section, by its spec name (`properties`); `message` between sections.
        case section(String)
        /// A value outside any named place (decoded or encoded on its own).
        case value
    }

    /// The ways bytes can be delimited yet wrong.
    public enum Malformation: Hashable, Sendable {
        /// A constructor (format code) that the type system does not define.
        case unknownConstructor(UInt8)
        /// A string or symbol whose bytes are not valid UTF-8.
        case invalidUTF8
        /// A boolean (0x56) octet other than 0x00 and 0x01.
        case invalidBoolean(UInt8)
        /// A char that is not a Unicode scalar value.
        case invalidChar(UInt32)
        /// A descriptor that is neither a ulong nor a symbol (spec 1.5).
        case descriptorType(String)
        /// A compound whose elements used a different number of bytes than its size announced.
        case sizeMismatch(announced: Int, used: Int)
        /// A compound whose elements run past the size it announced.
        case overrunsSize(Int)
        /// A compound announcing more elements than its bytes could hold.
        case countExceedsSize(count: Int, size: Int)
        /// A map with an odd number of elements (keys and values alternate).
        case oddMapCount(Int)
        /// Compounds or descriptors nested more than `Value.maximumDepth` deep.
        case nestedTooDeeply
        /// A frame size below the 8-byte header it includes.
        case frameSize(UInt32)
        /// A data offset below 2 (the header's own 8 bytes) or past the frame's end.
        case dataOffset(UInt8, frameSize: UInt32)
        /// A frame type other than 0 (AMQP) and 1 (SASL).
        case frameType(UInt8)
        /// A SASL frame with no body (only AMQP frames may be empty, as heartbeats).
        case emptySASLFrame
        /// Bytes left after a performative that carries no payload (only transfer does).
        case unreadBytes(Int)
        /// A message section out of the order spec 3.2 sets, or repeated.
        case sectionOrder(String)
        /// A message whose body mixes data, amqp-sequence and amqp-value sections.
        case mixedBody
    }

    /// The condition to close the connection with when the peer sent these bytes: a framing
    /// error when frames can no longer be told apart, a decode error when one frame is wrong.
    public var condition: Symbol {
        switch self {
        case .frameTooLarge, .protocolHeader, .malformed(.frameHeader, _): ErrorCondition.Connection.framingError
        case .truncated, .malformed, .unknownDescriptor, .missingField, .unexpectedType, .invalidValue, .mixedArray:
            ErrorCondition.AMQP.decodeError
        }
    }
}

extension WireError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .truncated(let field): "truncated \(field)"
        case .malformed(let field, let malformation): "malformed \(field): \(malformation)"
        case .frameTooLarge(let size, let max): "frame of \(size) bytes exceeds max-frame-size \(max)"
        case .protocolHeader(let bytes): "not an AMQP 1.0 protocol header: \(Self.printable(bytes))"
        case .unknownDescriptor(let descriptor, let field): "unknown descriptor \(descriptor) in \(field)"
        case .missingField(let field): "mandatory \(field) is missing"
        case .unexpectedType(let field, let expected, let found): "\(field) is \(found), not \(expected)"
        case .invalidValue(let field, let value): "\(field) has no choice \(value)"
        case .mixedArray(let field): "array in \(field) mixes element types"
        }
    }

    /// Bytes as text where they are printable ASCII (the "AMQP" of a header), else as `\xNN`.
    private static func printable(_ bytes: [UInt8]) -> String {
        bytes.map { byte in
            if byte >= 0x20 && byte < 0x7F { return String(UnicodeScalar(byte)) }
            let digits = String(byte, radix: 16)
            return "\\x" + (byte < 0x10 ? "0" + digits : digits)
        }.joined()
    }
}

extension WireError.Field: CustomStringConvertible {
    public var description: String {
        switch self {
        case .frameHeader: "frame header"
        case .performative: "performative"
        case .field(let composite, let name): "\(composite) field \(name)"
        case .section(let name): "\(name) section"
        case .value: "value"
        }
    }
}

extension WireError.Malformation: CustomStringConvertible {
    public var description: String {
        switch self {
        case .unknownConstructor(let code): "unknown constructor 0x\(String(code, radix: 16))"
        case .invalidUTF8: "invalid UTF-8"
        case .invalidBoolean(let octet): "boolean octet 0x\(String(octet, radix: 16)) is neither 0 nor 1"
        case .invalidChar(let code): "char 0x\(String(code, radix: 16)) is not a Unicode scalar"
        case .descriptorType(let type): "descriptor is a \(type), not a ulong or symbol"
        case .sizeMismatch(let announced, let used): "size \(announced) but the elements use \(used) bytes"
        case .overrunsSize(let size): "elements run past the announced size \(size)"
        case .countExceedsSize(let count, let size): "\(count) elements cannot fit in \(size) bytes"
        case .oddMapCount(let count): "map of \(count) elements (an odd number)"
        case .nestedTooDeeply: "nested more than \(Value.maximumDepth) deep"
        case .frameSize(let size): "frame size \(size) is below the 8-byte header"
        case .dataOffset(let offset, let size): "data offset \(offset) does not fit a frame of \(size) bytes"
        case .frameType(let type): "unknown frame type \(type)"
        case .emptySASLFrame: "empty SASL frame"
        case .unreadBytes(let count): "\(count) bytes after a performative that carries no payload"
        case .sectionOrder(let name): "\(name) section out of order"
        case .mixedBody: "body mixes data, amqp-sequence and amqp-value sections"
        }
    }
}
