/// Encoding values in the most compact encoding of their type (spec 1.6).
extension Value {
    /// Appends this value: its constructor, then its data.
    ///
    /// Throws `mixedArray` for an array whose elements differ in type, which no single
    /// constructor can encode; decoded values never are.
    public func encode(to writer: inout ByteWriter) throws(WireError) {
        switch self {
        case .boolean(let value): writer.writeInteger(value ? FormatCode.true : FormatCode.false)
        case .uint(let value) where value == 0: writer.writeInteger(FormatCode.uint0)
        case .ulong(let value) where value == 0: writer.writeInteger(FormatCode.ulong0)
        case .list(let elements) where elements.isEmpty: writer.writeInteger(FormatCode.list0)
        case .list(let elements):
            try Self.writeCompound(count: elements.count, codes: Self.listCodes, inArray: false, to: &writer) {
                (writer: inout ByteWriter) throws(WireError) in
                for element in elements { try element.encode(to: &writer) }
            }
        case .map(let map):
            try Self.writeCompound(count: map.count * 2, codes: Self.mapCodes, inArray: false, to: &writer) {
                (writer: inout ByteWriter) throws(WireError) in
                try Self.writeEntries(map, to: &writer)
            }
        case .array(let elements):
            try Self.writeArray(elements, inArray: false, to: &writer)
        case .described(let descriptor, let value):
            writer.writeInteger(FormatCode.described)
            try Self.descriptorValue(descriptor).encode(to: &writer)
            try value.encode(to: &writer)
        default:
            let code = try arrayElementCode
            writer.writeInteger(code)
            try writeData(code: code, to: &writer)
        }
    }

    /// The format codes of a compound type: the 8-bit-size one, then the 32-bit one.
    private typealias CompoundCodes = (narrow: UInt8, wide: UInt8)
    private static let listCodes: CompoundCodes = (FormatCode.list8, FormatCode.list32)
    private static let mapCodes: CompoundCodes = (FormatCode.map8, FormatCode.map32)
    private static let arrayCodes: CompoundCodes = (FormatCode.array8, FormatCode.array32)

    /// The ulong or symbol a descriptor is written as.
    private static func descriptorValue(_ descriptor: Descriptor) -> Value {
        switch descriptor {
        case .code(let code): .ulong(code)
        case .symbol(let symbol): .symbol(symbol)
        }
    }

    /// The code this value is written with inside an array, where one code serves every
    /// element: the fixed-width or variable-width code its own value needs, never a zero-width
    /// one (uint0, true), and always the 32-bit size for compounds. For the other types, which
    /// have no zero-width or compound form, it is also their most compact code standing alone.
    private var arrayElementCode: UInt8 {
        get throws(WireError) {
            switch self {
            case .null: FormatCode.null
            case .boolean: FormatCode.boolean
            case .ubyte: FormatCode.ubyte
            case .ushort: FormatCode.ushort
            case .uint(let value): value <= UInt8.max ? FormatCode.smalluint : FormatCode.uint
            case .ulong(let value): value <= UInt8.max ? FormatCode.smallulong : FormatCode.ulong
            case .byte: FormatCode.byte
            case .short: FormatCode.short
            case .int(let value): Int8(exactly: value) != nil ? FormatCode.smallint : FormatCode.int
            case .long(let value): Int8(exactly: value) != nil ? FormatCode.smalllong : FormatCode.long
            case .float: FormatCode.float
            case .double: FormatCode.double
            case .decimal32: FormatCode.decimal32
            case .decimal64: FormatCode.decimal64
            case .decimal128: FormatCode.decimal128
            case .char: FormatCode.char
            case .timestamp: FormatCode.timestamp
            case .uuid: FormatCode.uuid
            case .binary(let bytes): bytes.count <= UInt8.max ? FormatCode.vbin8 : FormatCode.vbin32
            case .string(let text): text.utf8.count <= UInt8.max ? FormatCode.str8 : FormatCode.str32
            case .symbol(let symbol): symbol.text.utf8.count <= UInt8.max ? FormatCode.sym8 : FormatCode.sym32
            case .list: FormatCode.list32
            case .map: FormatCode.map32
            case .array: FormatCode.array32
            case .described: throw .mixedArray(.value)
            }
        }
    }

    /// Appends the data that follows the format code `code`, which must be one of this value's
    /// type wide enough to hold it.
    private func writeData(code: UInt8, to writer: inout ByteWriter) throws(WireError) {
        switch self {
        case .null: break
        case .boolean(let value): if code == FormatCode.boolean { writer.writeInteger(UInt8(value ? 1 : 0)) }
        case .ubyte(let value): writer.writeInteger(value)
        case .ushort(let value): writer.writeInteger(value)
        case .uint(let value):
            if code == FormatCode.smalluint { writer.writeInteger(UInt8(value)) } else { writer.writeInteger(value) }
        case .ulong(let value):
            if code == FormatCode.smallulong { writer.writeInteger(UInt8(value)) } else { writer.writeInteger(value) }
        case .byte(let value): writer.writeInteger(value)
        case .short(let value): writer.writeInteger(value)
        case .int(let value):
            if code == FormatCode.smallint { writer.writeInteger(Int8(value)) } else { writer.writeInteger(value) }
        case .long(let value):
            if code == FormatCode.smalllong { writer.writeInteger(Int8(value)) } else { writer.writeInteger(value) }
        case .float(let value): writer.writeInteger(value.bitPattern)
        case .double(let value): writer.writeInteger(value.bitPattern)
        case .decimal32(let bits): writer.writeInteger(bits)
        case .decimal64(let bits): writer.writeInteger(bits)
        case .decimal128(let high, let low):
            writer.writeInteger(high)
            writer.writeInteger(low)
        case .char(let scalar): writer.writeInteger(scalar.value)
        case .timestamp(let timestamp): writer.writeInteger(timestamp.millisecondsSince1970)
        case .uuid(let uuid):
            writer.writeInteger(uuid.high)
            writer.writeInteger(uuid.low)
        case .binary(let bytes): Self.writeVariable(bytes, wide: code == FormatCode.vbin32, to: &writer)
        case .string(let text): Self.writeVariable(text.utf8, wide: code == FormatCode.str32, to: &writer)
        case .symbol(let symbol):
            Self.writeVariable(symbol.text.utf8, wide: code == FormatCode.sym32, to: &writer)
        case .list(let elements):
            try Self.writeCompound(count: elements.count, codes: Self.listCodes, inArray: true, to: &writer) {
                (writer: inout ByteWriter) throws(WireError) in
                for element in elements { try element.encode(to: &writer) }
            }
        case .map(let map):
            try Self.writeCompound(count: map.count * 2, codes: Self.mapCodes, inArray: true, to: &writer) {
                (writer: inout ByteWriter) throws(WireError) in
                try Self.writeEntries(map, to: &writer)
            }
        case .array(let elements): try Self.writeArray(elements, inArray: true, to: &writer)
        case .described: throw .mixedArray(.value)
        }
    }

    private static func writeVariable(_ bytes: some Collection<UInt8>, wide: Bool, to writer: inout ByteWriter) {
        if wide { writer.writeInteger(UInt32(bytes.count)) } else { writer.writeInteger(UInt8(bytes.count)) }
        writer.writeBytes(bytes)
    }

    private static func writeEntries(_ map: Map, to writer: inout ByteWriter) throws(WireError) {
        for entry in map.entries {
            try entry.key.encode(to: &writer)
            try entry.value.encode(to: &writer)
        }
    }

    /// Appends a compound: its code, size, count, then what `elements` writes.
    ///
    /// Standing alone, it takes the 8-bit size and count when both fit: written first with room
    /// for the 32-bit ones, it is moved down once its size is known. As an array element it has
    /// no code of its own, and the 32-bit size and count the array's constructor announced.
    private static func writeCompound(
        count: Int, codes: CompoundCodes, inArray: Bool, to writer: inout ByteWriter,
        elements: (inout ByteWriter) throws(WireError) -> Void
    ) throws(WireError) {
        let start = writer.count
        if !inArray { writer.writeInteger(codes.wide) }
        let sizeOffset = writer.count
        writer.writeInteger(UInt32(0))
        writer.writeInteger(UInt32(count))
        try elements(&writer)
        let elementBytes = writer.count - sizeOffset - 8
        if !inArray && count <= UInt8.max && elementBytes + 1 <= UInt8.max {
            writer.removeBytes(at: start + 1, count: 6)
            writer.patchUInt8(codes.narrow, at: start)
            writer.patchUInt8(UInt8(elementBytes + 1), at: start + 1)
            writer.patchUInt8(UInt8(count), at: start + 2)
        } else {
            writer.patchUInt32(UInt32(elementBytes + 4), at: sizeOffset)
        }
    }

    /// Appends an array: one constructor, chosen to fit every element, then each element's data.
    private static func writeArray(_ elements: [Value], inArray: Bool, to writer: inout ByteWriter)
        throws(WireError)
    {
        try writeCompound(count: elements.count, codes: arrayCodes, inArray: inArray, to: &writer) {
            (writer: inout ByteWriter) throws(WireError) in
            var descriptors: [Descriptor] = []
            var items = elements
            // Described elements share their descriptors, written once in the constructor.
            while case .described(let descriptor, _)? = items.first {
                var inner: [Value] = []
                inner.reserveCapacity(items.count)
                for item in items {
                    guard case .described(descriptor, let value) = item else { throw .mixedArray(.value) }
                    inner.append(value)
                }
                descriptors.append(descriptor)
                items = inner
            }
            for descriptor in descriptors {
                writer.writeInteger(FormatCode.described)
                try descriptorValue(descriptor).encode(to: &writer)
            }
            let code = try sharedCode(items)
            writer.writeInteger(code)
            for item in items { try item.writeData(code: code, to: &writer) }
        }
    }

    /// The one format code that can encode every value in `items`: the widest of their own,
    /// which all belong to one type; null for an empty array.
    private static func sharedCode(_ items: [Value]) throws(WireError) -> UInt8 {
        guard let first = items.first else { return FormatCode.null }
        var code = try first.arrayElementCode
        for item in items.dropFirst() {
            guard item.typeName == first.typeName else { throw .mixedArray(.value) }
            // Within a type the wider code is the larger number (0x52 < 0x70, 0xa1 < 0xb1).
            code = max(code, try item.arrayElementCode)
        }
        return code
    }
}
