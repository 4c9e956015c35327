/// Any AMQP 1.0 value (spec 1.6): each primitive type, described values, and the compounds
/// (lists, maps, arrays) that hold them.
///
/// A value keeps its type, not its encoding: `.uint(0)` decodes from uint0, smalluint and uint
/// alike, and encodes as the most compact of them.
public enum Value: Hashable, Sendable {
    /// The null value (0x40).
    case null
    /// A boolean (0x56, or the compact true 0x41 and false 0x42).
    case boolean(Bool)
    /// An 8-bit unsigned integer (0x50).
    case ubyte(UInt8)
    /// A 16-bit unsigned integer (0x60).
    case ushort(UInt16)
    /// A 32-bit unsigned integer (0x70, smalluint 0x52, uint0 0x43).
    case uint(UInt32)
    /// A 64-bit unsigned integer (0x80, smallulong 0x53, ulong0 0x44).
    case ulong(UInt64)
    /// An 8-bit signed integer (0x51).
    case byte(Int8)
    /// A 16-bit signed integer (0x61).
    case short(Int16)
    /// A 32-bit signed integer (0x71, smallint 0x54).
    case int(Int32)
    /// A 64-bit signed integer (0x81, smalllong 0x55).
    case long(Int64)
    /// An IEEE 754 binary32 float (0x72).
    case float(Float)
    /// An IEEE 754 binary64 float (0x82).
    case double(Double)
    /// An IEEE 754 decimal32, as its raw bits (0x74): carried, not computed with.
    case decimal32(UInt32)
    /// An IEEE 754 decimal64, as its raw bits (0x84).
    case decimal64(UInt64)
    /// An IEEE 754 decimal128, as its raw bits in two big-endian halves (0x94).
    case decimal128(high: UInt64, low: UInt64)
    /// A Unicode character, UTF-32 on the wire (0x73).
    case char(Unicode.Scalar)
    /// Milliseconds since the Unix epoch (0x83).
    case timestamp(Timestamp)
    /// A universally unique identifier (0x98).
    case uuid(UUID)
    /// Opaque bytes (vbin8 0xa0, vbin32 0xb0).
    case binary([UInt8])
    /// Unicode text, UTF-8 on the wire (str8 0xa1, str32 0xb1).
    case string(String)
    /// A symbolic name (sym8 0xa3, sym32 0xb3).
    case symbol(Symbol)
    /// A sequence of values of any types (list0 0x45, list8 0xc0, list32 0xd0).
    case list([Value])
    /// Key-value pairs in order (map8 0xc1, map32 0xd1).
    case map(Map)
    /// A sequence of values of one type, sharing one constructor (array8 0xe0, array32 0xf0).
    case array([Value])
    /// A value with a descriptor that says what it means (0x00, spec 1.5).
    indirect case described(Descriptor, Value)

    /// How deep compounds and descriptors may nest before decoding gives up: deeper than any
    /// real message, shallow enough that hostile input cannot exhaust the stack.
    public static let maximumDepth = 32

    /// The spec's name for this value's type (`uint`, `list`, `described`), for error messages.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .boolean: "boolean"
        case .ubyte: "ubyte"
        case .ushort: "ushort"
        case .uint: "uint"
        case .ulong: "ulong"
        case .byte: "byte"
        case .short: "short"
        case .int: "int"
        case .long: "long"
        case .float: "float"
        case .double: "double"
        case .decimal32: "decimal32"
        case .decimal64: "decimal64"
        case .decimal128: "decimal128"
        case .char: "char"
        case .timestamp: "timestamp"
        case .uuid: "uuid"
        case .binary: "binary"
        case .string: "string"
        case .symbol: "symbol"
        case .list: "list"
        case .map: "map"
        case .array: "array"
        case .described(let descriptor, _): "described \(descriptor)"
        }
    }
}

extension Value: ExpressibleByStringLiteral {
    /// A string value spelled by a literal.
    public init(stringLiteral text: String) { self = .string(text) }
}
