import AMQPWire
import TestSupport
import Testing

/// One tagged field value with its bytes: the type tag, then the value, with RabbitMQ's tags.
struct FieldValueVector: Sendable, CustomTestStringConvertible {
    let name: String
    let value: FieldValue
    let bytes: [UInt8]

    var testDescription: String { name }

    static let each: [FieldValueVector] = [
        // t: boolean as one octet, 1 or 0.
        .init(name: "t true", value: .boolean(true), bytes: hex("'t' 01")),
        .init(name: "t false", value: .boolean(false), bytes: hex("'t' 00")),
        // b: signed 8-bit, -2 is 0xfe.
        .init(name: "b int8", value: .int8(-2), bytes: hex("'b' fe")),
        // B: unsigned 8-bit, 250.
        .init(name: "B uint8", value: .uint8(250), bytes: hex("'B' fa")),
        // s: signed 16-bit (RabbitMQ), not the printed grammar's short string; -2 is 0xfffe.
        .init(name: "s int16", value: .int16(-2), bytes: hex("'s' fffe")),
        // u: unsigned 16-bit, 0xbeef.
        .init(name: "u uint16", value: .uint16(0xBEEF), bytes: hex("'u' beef")),
        // I: signed 32-bit, -559038737 is 0xdeadbeef.
        .init(name: "I int32", value: .int32(-559_038_737), bytes: hex("'I' deadbeef")),
        // i: unsigned 32-bit, 0xdeadbeef.
        .init(name: "i uint32", value: .uint32(0xDEAD_BEEF), bytes: hex("'i' deadbeef")),
        // l: signed 64-bit, -2.
        .init(name: "l int64", value: .int64(-2), bytes: hex("'l' ffffffff fffffffe")),
        // f: IEEE 754 single, big-endian; 1.5 = sign 0, exponent 127, fraction .5 = 0x3fc00000.
        .init(name: "f float", value: .float(1.5), bytes: hex("'f' 3fc00000")),
        // d: IEEE 754 double; -2.5 = sign 1, exponent 1024, fraction .25 = 0xc004000000000000.
        .init(name: "d double", value: .double(-2.5), bytes: hex("'d' c0040000 00000000")),
        // D: decimal, scale octet 2 then unsigned 32-bit 12345 (0x3039): 123.45.
        .init(name: "D decimal", value: .decimal(AMQPDecimal(scale: 2, value: 12345)), bytes: hex("'D' 02 00003039")),
        // S: long string, 32-bit length then bytes.
        .init(name: "S long string", value: .string("hello"), bytes: hex("'S' 00000005 'hello'")),
        // S carries bytes, not text: not-UTF-8 bytes pass through.
        .init(name: "S raw bytes", value: .longString([0xFF, 0xFE]), bytes: hex("'S' 00000002 fffe")),
        // A: array, 32-bit byte length (8) then tagged values: int8 1 (2 bytes), "a" (6 bytes).
        .init(
            name: "A array", value: .array([.int8(1), .string("a")]), bytes: hex("'A' 00000008 'b' 01 'S' 00000001 'a'")
        ),
        .init(name: "A empty array", value: .array([]), bytes: hex("'A' 00000000")),
        // T: timestamp, unsigned 64-bit seconds; 1700000000 = 0x6553f100.
        .init(name: "T timestamp", value: .timestamp(1_700_000_000), bytes: hex("'T' 00000000 6553f100")),
        // F: nested table of 4 bytes: "a" (1) t 1.
        .init(name: "F table", value: .table(["a": .boolean(true)]), bytes: hex("'F' 00000004 01 'a' 't' 01")),
        .init(name: "F empty table", value: .table([:]), bytes: hex("'F' 00000000")),
        // V: void, the tag alone.
        .init(name: "V void", value: .void, bytes: hex("'V'")),
        // x: byte array, 32-bit length then bytes.
        .init(name: "x byte array", value: .byteArray([0x00, 0xFF, 0xCE]), bytes: hex("'x' 00000003 00ffce")),
    ]
}

/// Field tables and values (spec 4.2.5.5 with RabbitMQ's errata for the type tags).
@Suite("Field tables")
struct FieldTableTests {
    /// One field per type tag, each named after its tag, in this order.
    static let everyType: FieldTable = [
        "t": .boolean(true), "b": .int8(-2), "B": .uint8(250), "s": .int16(-2), "u": .uint16(0xBEEF),
        "I": .int32(-559_038_737), "i": .uint32(0xDEAD_BEEF), "l": .int64(-2), "f": .float(1.5),
        "d": .double(-2.5), "D": .decimal(AMQPDecimal(scale: 2, value: 12345)), "S": .string("hello"),
        "A": .array([.int8(1), .string("a")]), "T": .timestamp(1_700_000_000), "F": .table(["a": .boolean(true)]),
        "V": .void, "x": .byteArray([0x00, 0xFF, 0xCE]),
    ]

    // Length 135 (0x87): each entry is name shortstr (2) + tag (1) + value:
    // t 4, b 4, B 4, s 5, u 5, I 7, i 7, l 11, f 7, d 11, D 8, S 12, A 15, T 11, F 11, V 3, x 10.
    static let everyTypeBytes = hex(
        """
        00000087
        01 't' 't' 01 | 01 'b' 'b' fe | 01 'B' 'B' fa | 01 's' 's' fffe | 01 'u' 'u' beef
        01 'I' 'I' deadbeef | 01 'i' 'i' deadbeef | 01 'l' 'l' fffffffffffffffe
        01 'f' 'f' 3fc00000 | 01 'd' 'd' c004000000000000 | 01 'D' 'D' 02 00003039
        01 'S' 'S' 00000005 'hello' | 01 'A' 'A' 00000008 'b' 01 'S' 00000001 'a'
        01 'T' 'T' 000000006553f100 | 01 'F' 'F' 00000004 01 'a' 't' 01 | 01 'V' 'V'
        01 'x' 'x' 00000003 00ffce
        """)

    @Test("every type tag RabbitMQ uses encodes and decodes", arguments: FieldValueVector.each)
    func value(_ vector: FieldValueVector) throws {
        expectBytes(try encoded { try vector.value.encode(to: &$0) }, vector.bytes)
        try expectDecodes(vector.bytes, as: vector.value) { try FieldValue.decode(from: &$0) }
    }

    @Test("a table of every type keeps its order and round-trips byte for byte")
    func everyTypeTable() throws {
        expectBytes(try encoded { try Self.everyType.encode(to: &$0) }, Self.everyTypeBytes)
        try expectDecodes(Self.everyTypeBytes, as: Self.everyType) { try FieldTable.decode(from: &$0) }

        var reader = ByteReader(Self.everyTypeBytes)
        let decoded = try FieldTable.decode(from: &reader)
        #expect(
            decoded.map(\.name) == [
                "t", "b", "B", "s", "u", "I", "i", "l", "f", "d", "D", "S", "A", "T", "F", "V", "x",
            ])
        expectBytes(try encoded { try decoded.encode(to: &$0) }, Self.everyTypeBytes)
    }

    @Test("a table arrives in connection.start, however the bytes arrive")
    func inFrame() throws {
        // connection.start: class 10, method 10, version 0-9, the table above as
        // server-properties, mechanisms "PLAIN", locales "en_US".
        let payload = hex("000a 000a 00 09") + Self.everyTypeBytes + hex("00000005 'PLAIN' 00000005 'en_US'")
        let start = ConnectionStart(serverProperties: Self.everyType)
        try expectFrames(frameBytes(type: 1, channel: 0, payload), [.method(channel: 0, .connectionStart(start))])
    }

    @Test("fields keep the order they were given in, not sorted")
    func order() throws {
        // "zebra" int8 1, "apple" int8 2, "mango" int8 3: 3 × (1 + 5 + 1 + 1) = 24 (0x18).
        let table: FieldTable = ["zebra": .int8(1), "apple": .int8(2), "mango": .int8(3)]
        let bytes = hex("00000018 05 'zebra' 'b' 01 | 05 'apple' 'b' 02 | 05 'mango' 'b' 03")
        for _ in 0..<3 { expectBytes(try encoded { try table.encode(to: &$0) }, bytes) }
        try expectDecodes(bytes, as: table) { try FieldTable.decode(from: &$0) }
    }

    @Test("tables nest in arrays nested in tables")
    func nesting() throws {
        let table: FieldTable = [
            "outer": .table(["list": .array([.table(["deep": .array([.void])]), .string("x")])])
        ]
        // {"deep": A[V]}         = 0000000b 04 'deep' 'A' 00000001 'V'    (1+4+1+4+1 = 11)
        // A[F{deep}, S "x"]      = 'F' + 4 + 11 = 16, 'S' 00000001 'x' = 6 → length 22 (0x16)
        // {"list": A[...]}       = 1+4+1+4+22 = 32 (0x20)
        // {"outer": F{...}}      = 1+5+1+4+32 = 43 (0x2b)
        let bytes = hex(
            """
            0000002b 05 'outer' 'F' 00000020 04 'list' 'A' 00000016
            'F' 0000000b 04 'deep' 'A' 00000001 'V' | 'S' 00000001 'x'
            """)
        expectBytes(try encoded { try table.encode(to: &$0) }, bytes)
        try expectDecodes(bytes, as: table) { try FieldTable.decode(from: &$0) }
    }

    @Test("names look up the first field; setting replaces in place, appends, or removes")
    func lookup() {
        var table: FieldTable = ["x-max-length": .int32(10), "x-queue-type": .string("quorum")]
        #expect(table["x-queue-type"]?.stringValue == "quorum")
        #expect(table["x-max-length"]?.integerValue == 10)
        #expect(table["missing"] == nil)

        table["x-max-length"] = .int64(20)
        table["x-overflow"] = .string("reject-publish")
        #expect(table.map(\.name) == ["x-max-length", "x-queue-type", "x-overflow"])
        #expect(table["x-max-length"] == .int64(20))

        table["x-queue-type"] = nil
        table["missing"] = nil
        #expect(table.map(\.name) == ["x-max-length", "x-overflow"])
    }

    @Test("integer and string views of values")
    func views() {
        #expect(FieldValue.uint32(0xFFFF_FFFF).integerValue == 4_294_967_295)
        #expect(FieldValue.int8(-1).integerValue == -1)
        #expect(FieldValue.string("x").integerValue == nil)
        #expect(FieldValue.longString([0xFF]).stringValue == nil)
        #expect(FieldValue.byteArray(Array("x".utf8)).stringValue == nil)
    }

    @Test("a field name longer than 255 bytes cannot be encoded")
    func nameTooLong() {
        let table = FieldTable([.init(name: String(repeating: "n", count: 256), value: .void)])
        #expect(throws: WireError.valueTooLong(.fieldName(String(repeating: "n", count: 256)), length: 256)) {
            try encoded { try table.encode(to: &$0) }
        }
    }
}
