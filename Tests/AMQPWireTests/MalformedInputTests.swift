import AMQPWire
import TestSupport
import Testing

/// What a hostile or broken peer may send: every case gives a typed `WireError` (or nil while a
/// frame is incomplete), never a trap.
@Suite("Malformed input")
struct MalformedInputTests {
    /// Decodes one frame from `bytes` and returns the error it throws.
    private func frameError(_ bytes: [UInt8], maxFrameSize: UInt32 = 131_072) -> WireError? {
        var reader = ByteReader(bytes)
        return #expect(throws: WireError.self, "\(hexDump(bytes))") {
            try Frame.decode(from: &reader, maxFrameSize: maxFrameSize)
        }
    }

    @Test("a method frame cut short anywhere is truncated", arguments: MethodVector.all)
    func truncatedMethod(_ vector: MethodVector) {
        for length in 0..<vector.payload.count {
            let error = frameError(frameBytes(type: 1, channel: 1, Array(vector.payload[..<length])))
            #expect(error?.isTruncated == true, "\(length) of \(vector.payload.count) bytes")
            #expect(error?.replyCode == .frameError)
        }
    }

    @Test("bytes after a method's arguments make the frame malformed", arguments: MethodVector.all)
    func trailingBytes(_ vector: MethodVector) {
        let error = frameError(frameBytes(type: 1, channel: 1, vector.payload + [0x00]))
        #expect(error == .malformed(.unreadBytes(1, frameType: Frame.Kind.method.rawValue)))
    }

    @Test("a content header cut short, or with bytes left over, is refused")
    func badContentHeader() {
        // class 60, weight 0, body-size 5, content-type (bit 15) "text/plain".
        let payload = hex("003c 0000 0000000000000005 8000 0a 'text/plain'")
        for length in 0..<payload.count {
            #expect(frameError(frameBytes(type: 2, channel: 1, Array(payload[..<length])))?.isTruncated == true)
        }
        #expect(
            frameError(frameBytes(type: 2, channel: 1, payload + [0x02]))
                == .malformed(.unreadBytes(1, frameType: Frame.Kind.header.rawValue)))
    }

    @Test("lengths that point past the frame are truncated, and nothing huge is allocated")
    func lengthsPastTheEnd() {
        // channel.open-ok whose channel-id longstr claims 4 GiB.
        #expect(
            frameError(frameBytes(type: 1, channel: 1, hex("0014 000b ffffffff")))
                == .truncated(.argument(ChannelOpenOk.id, "channel-id")))
        // queue.declare whose arguments table claims 16 bytes and holds 4.
        let declare = hex("0032 000a 0000 01 'q' 00 | 00000010 01 'k' 'V' 56")
        #expect(frameError(frameBytes(type: 1, channel: 1, declare)) == .truncated(.fieldTable))
        // A table of 9 bytes whose array claims 5 but the table holds only 2 of them.
        var reader = ByteReader(hex("00000009 01 'a' 'A' 00000005 'V' 'V'"))
        #expect(throws: WireError.truncated(.fieldArray)) { try FieldTable.decode(from: &reader) }
    }

    @Test("a frame larger than frame_max is refused as soon as its header arrives")
    func frameTooLarge() {
        // A body frame announcing 4089 bytes: 7 + 4089 + 1 = 4097 > 4096. Only the 7-byte header
        // has arrived.
        let error = frameError(hex("03 0001 00000ff9"), maxFrameSize: 4096)
        #expect(error == .frameTooLarge(size: 4089, max: 4096))
        #expect(error?.replyCode == .frameError)
        #expect(frameError(hex("01 0000 ffffffff"), maxFrameSize: 4096) == .frameTooLarge(size: 0xFFFF_FFFF, max: 4096))
    }

    @Test("a frame that does not end in 0xCE is refused with the octet found")
    func badFrameEnd() {
        #expect(frameError(hex("08 0000 00000000 | 00")) == .badFrameEnd(0x00))
        #expect(frameError(hex("03 0001 00000005 'hello' | 'x'")) == .badFrameEnd(0x78))
        // A size one short puts the last payload byte where the frame-end should be.
        #expect(frameError(hex("01 0001 00000004 0014 000a 00 ce")) == .badFrameEnd(0x00))
    }

    @Test(
        "an unknown frame type is refused once the 7-byte header is in",
        arguments: [0x00, 0x04, 0x07, 0x09, 0x41, 0xFF] as [UInt8])
    func unknownFrameType(_ type: UInt8) throws {
        let bytes = [type] + hex("0000 00000000 ce")
        for length in 0..<7 {
            var reader = ByteReader(Array(bytes[..<length]))
            #expect(try Frame.decode(from: &reader, maxFrameSize: 4096) == nil)
        }
        #expect(frameError(Array(bytes[..<7])) == .unknownFrameType(type))
        #expect(frameError(bytes) == .unknownFrameType(type))
    }

    @Test("a server's protocol header in place of a frame is an unknown frame type")
    func protocolHeaderAsFrame() {
        // 'A' (0x41) where a frame type belongs.
        #expect(frameError(hex("'AMQP' 00 00 09 01")) == .unknownFrameType(0x41))
    }

    @Test("an unknown class or method id is refused with the ids")
    func unknownMethod() {
        let cases: [(classID: UInt16, methodID: UInt16, bytes: String)] = [
            (30, 10, "001e 000a"),  // access.request: deprecated, not spoken
            (10, 99, "000a 0063"),
            (60, 41, "003c 0029"),
            (40, 41, "0028 0029"),  // exchange.unbind-ok is 51 in RabbitMQ, not 41
            (0, 0, "0000 0000"),
            (0xFFFF, 0xFFFF, "ffff ffff"),
        ]
        for (classID, methodID, bytes) in cases {
            let error = frameError(frameBytes(type: 1, channel: 1, hex(bytes)))
            #expect(error == .unknownMethod(classID: classID, methodID: methodID))
            #expect(error?.replyCode == .syntaxError)
        }
    }

    @Test("an unknown field-table type tag is refused with the tag", arguments: Array("ULZcoe\0".utf8))
    func unknownFieldType(_ tag: UInt8) {
        // A table of 4 bytes: name "k", the tag, one more byte.
        var reader = ByteReader(hex("00000004 01 'k'") + [tag, 0x00])
        #expect(throws: WireError.unknownFieldType(tag)) { try FieldTable.decode(from: &reader) }
        // The same inside queue.declare's arguments in a frame.
        let declare = hex("0032 000a 0000 01 'q' 00 00000004 01 'k'") + [tag, 0x00]
        #expect(frameError(frameBytes(type: 1, channel: 1, declare)) == .unknownFieldType(tag))
    }

    @Test(
        "a short string that is not UTF-8 is refused", arguments: ["c3 28", "c0 af", "ed a0 80", "ff", "f4 90 80 80"])
    func invalidUTF8(_ bad: String) {
        let badBytes = hex(bad)
        let length = UInt8(badBytes.count)
        // queue.declare-ok with the bad bytes as the queue name, then message and consumer counts.
        let declareOk = hex("0032 000b") + [length] + badBytes + hex("00000000 00000000")
        let error = frameError(frameBytes(type: 1, channel: 1, declareOk))
        #expect(error == .invalidUTF8(.argument(QueueDeclareOk.id, "queue")))
        #expect(error?.replyCode == .syntaxError)
        // As a field name, and as content-type (bit 15).
        var table = ByteReader(hex("000000") + [UInt8(2 + badBytes.count)] + [length] + badBytes + hex("'V'"))
        #expect(throws: WireError.invalidUTF8(.fieldName(nil))) { try FieldTable.decode(from: &table) }
        var properties = ByteReader(hex("8000") + [length] + badBytes)
        #expect(throws: WireError.invalidUTF8(.property("content-type"))) {
            try BasicProperties.decode(from: &properties)
        }
    }

    @Test("a heartbeat must be on channel 0 and empty")
    func badHeartbeat() {
        #expect(frameError(hex("08 0001 00000000 ce")) == .malformed(.heartbeat(channel: 1, size: 0)))
        #expect(frameError(hex("08 0000 00000001 00 ce")) == .malformed(.heartbeat(channel: 0, size: 1)))
    }

    @Test("property flags naming properties the basic class lacks are refused")
    func extraPropertyFlags() {
        // Bit 0 would continue the flags into a second word; bit 1 is unused.
        for flags: UInt16 in [0x0001, 0x0002, 0x8001] {
            var reader = ByteReader([UInt8(flags >> 8), UInt8(flags & 0xFF)] + hex("0000 00"))
            #expect(throws: WireError.malformed(.propertyFlags(flags))) { try BasicProperties.decode(from: &reader) }
        }
    }

    @Test("tables nest as deep as FieldTable.maximumDepth and no deeper")
    func tableDepth() throws {
        var reader = ByteReader(Self.nestedTables(FieldTable.maximumDepth))
        let table = try FieldTable.decode(from: &reader)
        #expect(reader.remaining == 0)
        #expect(Self.depth(of: .table(table)) == FieldTable.maximumDepth)

        for count in [FieldTable.maximumDepth + 1, 100_000] {
            var deeper = ByteReader(Self.nestedTables(count))
            #expect(throws: WireError.malformed(.nestedTooDeeply), "\(count) tables deep") {
                try FieldTable.decode(from: &deeper)
            }
        }
    }

    @Test("arrays nest as deep as FieldTable.maximumDepth and no deeper")
    func arrayDepth() throws {
        var reader = ByteReader(Self.nestedArrays(FieldTable.maximumDepth))
        _ = try FieldTable.decode(from: &reader)
        #expect(reader.remaining == 0)

        for count in [FieldTable.maximumDepth + 1, 100_000] {
            var deeper = ByteReader(Self.nestedArrays(count))
            #expect(throws: WireError.malformed(.nestedTooDeeply), "\(count) arrays deep") {
                try FieldTable.decode(from: &deeper)
            }
        }
    }

    /// `count` tables, each but the last holding one field "n" of type F with the next inside.
    /// A table at nesting level i (0 outermost) is 7 × (count − 1 − i) bytes long: each level
    /// adds name (2), tag (1) and the inner length (4).
    static func nestedTables(_ count: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count * 7)
        for level in 0..<count {
            bytes += bigEndian(UInt32(7 * (count - 1 - level)))
            if level < count - 1 { bytes += hex("01 'n' 'F'") }
        }
        return bytes
    }

    /// A table with one field "n" holding `count` arrays, each but the last holding the next.
    /// An array at level j is 5 × (count − 1 − j) bytes long: tag (1) and length (4) per level.
    static func nestedArrays(_ count: Int) -> [UInt8] {
        var bytes = bigEndian(UInt32(7 + 5 * (count - 1))) + hex("01 'n'")
        bytes.reserveCapacity(count * 5 + 6)
        for level in 0..<count {
            bytes += hex("'A'") + bigEndian(UInt32(5 * (count - 1 - level)))
        }
        return bytes
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }

    private static func depth(of value: FieldValue) -> Int {
        switch value {
        case .table(let table): 1 + (table.map { depth(of: $0.value) }.max() ?? 0)
        case .array(let values): 1 + (values.map(depth(of:)).max() ?? 0)
        default: 0
        }
    }
}
