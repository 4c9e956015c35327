import AMQPWire
import TestSupport
import Testing

/// One basic property on its own: its flag bit and its bytes, from the spec.
struct PropertyVector: Sendable, CustomTestStringConvertible {
    let name: String
    /// The flag bit, counting from 0 at the least significant bit of the 16-bit flags word.
    let bit: Int
    let properties: BasicProperties
    let flags: [UInt8]
    let value: [UInt8]

    var testDescription: String { name }

    /// The 14 properties of class basic in wire order (spec 4.2.6.1): the first property's flag
    /// is bit 15, the 14th's bit 2; bits 1 and 0 stay clear.
    static let each: [PropertyVector] = [
        // content-type: bit 15 (0x8000); shortstr(16) "application/json".
        .init(
            name: "content-type", bit: 15, properties: BasicProperties(contentType: "application/json"),
            flags: hex("8000"), value: hex("10 'application/json'")),
        // content-encoding: bit 14 (0x4000); shortstr(4) "gzip".
        .init(
            name: "content-encoding", bit: 14, properties: BasicProperties(contentEncoding: "gzip"),
            flags: hex("4000"), value: hex("04 'gzip'")),
        // headers: bit 13 (0x2000); table of 8 bytes: "k" (1) S longstr(1) "v" = 1+1+1+4+1.
        .init(
            name: "headers", bit: 13, properties: BasicProperties(headers: ["k": .string("v")]),
            flags: hex("2000"), value: hex("00000008 01 'k' 'S' 00000001 'v'")),
        // delivery-mode: bit 12 (0x1000); octet 2 (persistent).
        .init(
            name: "delivery-mode", bit: 12, properties: BasicProperties(deliveryMode: 2),
            flags: hex("1000"), value: hex("02")),
        // priority: bit 11 (0x0800); octet 5.
        .init(
            name: "priority", bit: 11, properties: BasicProperties(priority: 5),
            flags: hex("0800"), value: hex("05")),
        // correlation-id: bit 10 (0x0400); shortstr(3) "c-1".
        .init(
            name: "correlation-id", bit: 10, properties: BasicProperties(correlationID: "c-1"),
            flags: hex("0400"), value: hex("03 'c-1'")),
        // reply-to: bit 9 (0x0200); shortstr(7) "replies".
        .init(
            name: "reply-to", bit: 9, properties: BasicProperties(replyTo: "replies"),
            flags: hex("0200"), value: hex("07 'replies'")),
        // expiration: bit 8 (0x0100); shortstr(5) "60000".
        .init(
            name: "expiration", bit: 8, properties: BasicProperties(expiration: "60000"),
            flags: hex("0100"), value: hex("05 '60000'")),
        // message-id: bit 7 (0x0080); shortstr(3) "m-1".
        .init(
            name: "message-id", bit: 7, properties: BasicProperties(messageID: "m-1"),
            flags: hex("0080"), value: hex("03 'm-1'")),
        // timestamp: bit 6 (0x0040); 64-bit 1700000000 = 0x6553f100.
        .init(
            name: "timestamp", bit: 6, properties: BasicProperties(timestamp: 1_700_000_000),
            flags: hex("0040"), value: hex("00000000 6553f100")),
        // type: bit 5 (0x0020); shortstr(5) "order".
        .init(
            name: "type", bit: 5, properties: BasicProperties(type: "order"),
            flags: hex("0020"), value: hex("05 'order'")),
        // user-id: bit 4 (0x0010); shortstr(5) "guest".
        .init(
            name: "user-id", bit: 4, properties: BasicProperties(userID: "guest"),
            flags: hex("0010"), value: hex("05 'guest'")),
        // app-id: bit 3 (0x0008); shortstr(2) "mq".
        .init(
            name: "app-id", bit: 3, properties: BasicProperties(appID: "mq"),
            flags: hex("0008"), value: hex("02 'mq'")),
        // cluster-id: bit 2 (0x0004); shortstr(2) "c1".
        .init(
            name: "cluster-id", bit: 2, properties: BasicProperties(clusterID: "c1"),
            flags: hex("0004"), value: hex("02 'c1'")),
    ]
}

/// Basic content properties and the content header that carries them (spec 4.2.6).
@Suite("Basic properties")
struct PropertiesTests {
    static let all = BasicProperties(
        contentType: "application/json", contentEncoding: "gzip", headers: ["k": .string("v")],
        deliveryMode: 2, priority: 5, correlationID: "c-1", replyTo: "replies", expiration: "60000",
        messageID: "m-1", timestamp: 1_700_000_000, type: "order", userID: "guest", appID: "mq",
        clusterID: "c1")

    // All 14 flags set (bits 15 to 2) = 0xfffc, then every property in wire order.
    static let allBytes = hex(
        """
        fffc | 10 'application/json' | 04 'gzip' | 00000008 01 'k' 'S' 00000001 'v' | 02 | 05
        03 'c-1' | 07 'replies' | 05 '60000' | 03 'm-1' | 00000000 6553f100 | 05 'order'
        05 'guest' | 02 'mq' | 02 'c1'
        """)

    @Test("each property sets its own flag bit and writes only its own value", arguments: PropertyVector.each)
    func single(_ vector: PropertyVector) throws {
        let flags = UInt16(vector.flags[0]) << 8 | UInt16(vector.flags[1])
        #expect(flags == 1 << vector.bit, "the vector's flags word and bit number disagree")
        expectBytes(try encoded { try vector.properties.encode(to: &$0) }, vector.flags + vector.value)
        try expectDecodes(vector.flags + vector.value, as: vector.properties) { try BasicProperties.decode(from: &$0) }
    }

    @Test("each property arrives in a content header frame, however the bytes arrive", arguments: PropertyVector.each)
    func inHeaderFrame(_ vector: PropertyVector) throws {
        // class 60, weight 0, body-size 3, then flags and the property.
        let payload = hex("003c | 0000 | 0000000000000003") + vector.flags + vector.value
        let frame = Frame.header(channel: 2, ContentHeader(bodySize: 3, properties: vector.properties))
        try expectFrames(frameBytes(type: 2, channel: 2, payload), [frame])
        expectBytes(try encoded { try frame.encode(to: &$0) }, frameBytes(type: 2, channel: 2, payload))
    }

    @Test("all 14 properties together keep the spec's order")
    func allProperties() throws {
        expectBytes(try encoded { try Self.all.encode(to: &$0) }, Self.allBytes)
        try expectDecodes(Self.allBytes, as: Self.all) { try BasicProperties.decode(from: &$0) }
    }

    @Test("absent properties clear their flags and write nothing")
    func noProperties() throws {
        expectBytes(try encoded { try BasicProperties().encode(to: &$0) }, hex("0000"))
        try expectDecodes(hex("0000"), as: BasicProperties()) { try BasicProperties.decode(from: &$0) }
        // delivery-mode (bit 12) and timestamp (bit 6) only: 0x1040, the others skipped.
        let sparse = BasicProperties(deliveryMode: 1, timestamp: 1)
        let bytes = hex("1040 | 01 | 0000000000000001")
        expectBytes(try encoded { try sparse.encode(to: &$0) }, bytes)
        try expectDecodes(bytes, as: sparse) { try BasicProperties.decode(from: &$0) }
    }

    @Test("a content header gives class 60, weight 0 and the 64-bit body size")
    func contentHeader() throws {
        // class 60 | weight 0 | body-size 2^32 + 1 (uses both halves) | no properties.
        let bytes = hex("003c | 0000 | 00000001 00000001 | 0000")
        let header = ContentHeader(bodySize: 4_294_967_297)
        expectBytes(try encoded { try header.encode(to: &$0) }, bytes)
        try expectDecodes(bytes, as: header) { try ContentHeader.decode(from: &$0) }
        // Every property in a header on channel 1: class, weight and body-size (12) + the 86
        // property bytes above = 98 (0x62).
        let full = hex("02 | 0001 | 00000062 | 003c 0000 0000000000000000") + Self.allBytes + [0xCE]
        try expectFrames(full, [.header(channel: 1, ContentHeader(bodySize: 0, properties: Self.all))])
    }

    @Test("a content header for another class than basic is a frame error (spec 4.2.6.1)")
    func contentHeaderOfAnotherClass() {
        // class 50 (queue) | weight 0 | body-size 0 | no properties.
        var reader = ByteReader(hex("0032 | 0000 | 00000000 00000000 | 0000"))
        #expect(throws: WireError.malformed(.contentClass(50))) { try ContentHeader.decode(from: &reader) }
        #expect(WireError.malformed(.contentClass(50)).replyCode == .frameError)
    }

    @Test("a property longer than a short string allows cannot be encoded")
    func tooLong() {
        #expect(throws: WireError.valueTooLong(.property("message-id"), length: 256)) {
            try encoded { try BasicProperties(messageID: String(repeating: "m", count: 256)).encode(to: &$0) }
        }
    }
}
