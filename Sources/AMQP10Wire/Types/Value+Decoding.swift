/// Decoding values from their constructor and data (spec 1.2, 1.6).
extension Value {
    /// Decodes one value from bytes known to be complete (a frame body, a message payload);
    /// throws `truncated` when they run out, and names `field` in every error.
    public static func decode(from reader: inout ByteReader, _ field: WireError.Field = .value) throws(WireError)
        -> Value
    {
        try decode(from: &reader, field, depth: 0)
    }

    /// Reads one value, or returns nil without moving the cursor when its bytes have not all
    /// arrived; throws when the bytes that are there are malformed.
    public static func read(from reader: inout ByteReader, _ field: WireError.Field = .value) throws(WireError)
        -> Value?
    {
        var attempt = reader
        do throws(WireError) {
            let value = try decode(from: &attempt, field, depth: 0)
            reader = attempt
            return value
        } catch .truncated {
            // Compounds read their elements through windows that turn running out into
            // `overrunsSize`, so `truncated` here means the input itself ended.
            return nil
        }
    }

    static func decode(from reader: inout ByteReader, _ field: WireError.Field, depth: Int) throws(WireError)
        -> Value
    {
        let constructor = try Constructor.decode(from: &reader, field, depth: depth)
        return try constructor.wrap(decodeData(code: constructor.code, from: &reader, field, depth: depth))
    }

    /// A constructor: a format code, behind the descriptors of any described types (spec 1.2).
    struct Constructor {
        /// The descriptors, outermost first.
        var descriptors: [Descriptor]
        /// The format code of the primitive the data is encoded as.
        var code: UInt8

        static func decode(from reader: inout ByteReader, _ field: WireError.Field, depth: Int) throws(WireError)
            -> Constructor
        {
            var descriptors: [Descriptor] = []
            var code = try reader.decodeInteger(as: UInt8.self, field)
            while code == FormatCode.described {
                guard depth + descriptors.count < Value.maximumDepth else {
                    throw .malformed(field, .nestedTooDeeply)
                }
                let descriptor = try Value.decode(from: &reader, field, depth: depth + descriptors.count + 1)
                switch descriptor {
                case .ulong(let code): descriptors.append(.code(code))
                case .symbol(let symbol): descriptors.append(.symbol(symbol))
                default: throw .malformed(field, .descriptorType(descriptor.typeName))
                }
                code = try reader.decodeInteger(as: UInt8.self, field)
            }
            return Constructor(descriptors: descriptors, code: code)
        }

        /// `value` inside this constructor's descriptors.
        func wrap(_ value: Value) -> Value {
            descriptors.reversed().reduce(value) { .described($1, $0) }
        }
    }

    /// Decodes the data that follows the format code `code`.
    static func decodeData(code: UInt8, from reader: inout ByteReader, _ field: WireError.Field, depth: Int)
        throws(WireError) -> Value
    {
        switch code {
        case FormatCode.null: return .null
        case FormatCode.true: return .boolean(true)
        case FormatCode.false: return .boolean(false)
        case FormatCode.boolean:
            let octet = try reader.decodeInteger(as: UInt8.self, field)
            guard octet <= 1 else { throw .malformed(field, .invalidBoolean(octet)) }
            return .boolean(octet == 1)
        case FormatCode.ubyte: return .ubyte(try reader.decodeInteger(field))
        case FormatCode.ushort: return .ushort(try reader.decodeInteger(field))
        case FormatCode.uint0: return .uint(0)
        case FormatCode.smalluint: return .uint(UInt32(try reader.decodeInteger(as: UInt8.self, field)))
        case FormatCode.uint: return .uint(try reader.decodeInteger(field))
        case FormatCode.ulong0: return .ulong(0)
        case FormatCode.smallulong: return .ulong(UInt64(try reader.decodeInteger(as: UInt8.self, field)))
        case FormatCode.ulong: return .ulong(try reader.decodeInteger(field))
        case FormatCode.byte: return .byte(try reader.decodeInteger(field))
        case FormatCode.short: return .short(try reader.decodeInteger(field))
        case FormatCode.smallint: return .int(Int32(try reader.decodeInteger(as: Int8.self, field)))
        case FormatCode.int: return .int(try reader.decodeInteger(field))
        case FormatCode.smalllong: return .long(Int64(try reader.decodeInteger(as: Int8.self, field)))
        case FormatCode.long: return .long(try reader.decodeInteger(field))
        case FormatCode.float: return .float(Float(bitPattern: try reader.decodeInteger(field)))
        case FormatCode.double: return .double(Double(bitPattern: try reader.decodeInteger(field)))
        case FormatCode.decimal32: return .decimal32(try reader.decodeInteger(field))
        case FormatCode.decimal64: return .decimal64(try reader.decodeInteger(field))
        case FormatCode.decimal128:
            return .decimal128(high: try reader.decodeInteger(field), low: try reader.decodeInteger(field))
        case FormatCode.char:
            let code = try reader.decodeInteger(as: UInt32.self, field)
            guard let scalar = Unicode.Scalar(code) else { throw .malformed(field, .invalidChar(code)) }
            return .char(scalar)
        case FormatCode.timestamp: return .timestamp(Timestamp(millisecondsSince1970: try reader.decodeInteger(field)))
        case FormatCode.uuid:
            return .uuid(UUID(high: try reader.decodeInteger(field), low: try reader.decodeInteger(field)))
        case FormatCode.vbin8, FormatCode.vbin32:
            let count = try decodeLength(code == FormatCode.vbin32, from: &reader, field)
            return .binary(try reader.decodeBytes(count, field))
        case FormatCode.str8, FormatCode.str32:
            let count = try decodeLength(code == FormatCode.str32, from: &reader, field)
            return .string(try reader.decodeUTF8(count: count, field))
        case FormatCode.sym8, FormatCode.sym32:
            let count = try decodeLength(code == FormatCode.sym32, from: &reader, field)
            return .symbol(Symbol(try reader.decodeUTF8(count: count, field)))
        case FormatCode.list0: return .list([])
        case FormatCode.list8, FormatCode.list32:
            return .list(try decodeList(wide: code == FormatCode.list32, from: &reader, field, depth: depth))
        case FormatCode.map8, FormatCode.map32:
            return .map(try decodeMap(wide: code == FormatCode.map32, from: &reader, field, depth: depth))
        case FormatCode.array8, FormatCode.array32:
            return .array(try decodeArray(wide: code == FormatCode.array32, from: &reader, field, depth: depth))
        default: throw .malformed(field, .unknownConstructor(code))
        }
    }

    /// Reads a length or size: one octet, or four when `wide`.
    private static func decodeLength(_ wide: Bool, from reader: inout ByteReader, _ field: WireError.Field)
        throws(WireError) -> Int
    {
        wide
            ? Int(try reader.decodeInteger(as: UInt32.self, field))
            : Int(try reader.decodeInteger(as: UInt8.self, field))
    }

    /// Reads a compound's size and count (spec 1.2, compound and array categories) and calls
    /// `element` `count` times on a reader of exactly its size, which the elements must fill.
    ///
    /// Elements whose encoding takes no bytes (an array of nulls) may number at most 255 beyond
    /// the compound's bytes, so that no input decodes to vastly more values than it has bytes.
    private static func decodeCompound(
        wide: Bool, array: Bool, from reader: inout ByteReader, _ field: WireError.Field, depth: Int,
        element: (inout ByteReader, Int) throws(WireError) -> Void
    ) throws(WireError) {
        guard depth < maximumDepth else { throw .malformed(field, .nestedTooDeeply) }
        let size = try decodeLength(wide, from: &reader, field)
        var window = try reader.decodeWindow(size, field)
        do throws(WireError) {
            let count = try decodeLength(wide, from: &window, field)
            let bound = array ? max(window.remaining, 255) : window.remaining
            guard count <= bound else { throw .malformed(field, .countExceedsSize(count: count, size: size)) }
            try element(&window, count)
        } catch .truncated {
            throw .malformed(field, .overrunsSize(size))
        }
        guard window.remaining == 0 else {
            throw .malformed(field, .sizeMismatch(announced: size, used: size - window.remaining))
        }
    }

    private static func decodeList(wide: Bool, from reader: inout ByteReader, _ field: WireError.Field, depth: Int)
        throws(WireError) -> [Value]
    {
        var elements: [Value] = []
        try decodeCompound(wide: wide, array: false, from: &reader, field, depth: depth) {
            (window: inout ByteReader, count: Int) throws(WireError) in
            elements.reserveCapacity(count)
            for _ in 0..<count { elements.append(try decode(from: &window, field, depth: depth + 1)) }
        }
        return elements
    }

    private static func decodeMap(wide: Bool, from reader: inout ByteReader, _ field: WireError.Field, depth: Int)
        throws(WireError) -> Map
    {
        var entries: [Map.Entry] = []
        try decodeCompound(wide: wide, array: false, from: &reader, field, depth: depth) {
            (window: inout ByteReader, count: Int) throws(WireError) in
            guard count % 2 == 0 else { throw .malformed(field, .oddMapCount(count)) }
            entries.reserveCapacity(count / 2)
            for _ in 0..<(count / 2) {
                let key = try decode(from: &window, field, depth: depth + 1)
                entries.append(Map.Entry(key: key, value: try decode(from: &window, field, depth: depth + 1)))
            }
        }
        return Map(entries)
    }

    private static func decodeArray(wide: Bool, from reader: inout ByteReader, _ field: WireError.Field, depth: Int)
        throws(WireError) -> [Value]
    {
        var elements: [Value] = []
        try decodeCompound(wide: wide, array: true, from: &reader, field, depth: depth) {
            (window: inout ByteReader, count: Int) throws(WireError) in
            // Some encoders leave the constructor out of an empty array; nothing needs it.
            if count == 0 && window.remaining == 0 { return }
            let constructor = try Constructor.decode(from: &window, field, depth: depth + 1)
            elements.reserveCapacity(count)
            for _ in 0..<count {
                let data = try decodeData(code: constructor.code, from: &window, field, depth: depth + 1)
                elements.append(constructor.wrap(data))
            }
        }
        return elements
    }
}
