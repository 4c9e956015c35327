import AMQP10Wire
import TestSupport
import Testing

/// Messages (spec 3.2): the sections in order, from hand-checked bytes, whole and across the
/// payloads of several transfers.
///
/// The vectors were also read by python-qpid-proton 0.40's decoder, which took exactly their
/// bytes and found the values meant.
@Suite("Messages")
struct MessageTests {
    static let header = hex("00 53 70 c0 02 01 41")
    // x-routing-key (13 bytes) -> "rk": 15 + 4 bytes, two elements.
    static let messageAnnotations = hex("00 53 72 c1 14 02 a3 0d 'x-routing-key' a1 02 'rk'")
    // message-id "m1", user-id null, to "/queues/q", subject, reply-to, correlation-id null,
    // content-type "text/plain": 4 + 1 + 11 + 1 + 1 + 1 + 12 = 31 bytes, seven fields.
    static let properties = hex("00 53 73 c0 20 07 a1 02 'm1' 40 a1 09 '/queues/q' 40 40 40 a3 0a 'text/plain'")
    static let applicationProperties = hex("00 53 74 c1 07 02 a1 01 'k' a1 01 'v'")
    static let data = hex("00 53 75 a0 02 'hi'")

    static let message = Message(
        header: Header(durable: true), messageAnnotations: [.symbol("x-routing-key"): "rk"],
        properties: Properties(messageID: "m1", to: "/queues/q", contentType: "text/plain"),
        applicationProperties: ["k": "v"], body: .data([Array("hi".utf8)]))
    static let bytes = header + messageAnnotations + properties + applicationProperties + data

    @Test("a message decodes from its sections and encodes back to them")
    func wholeMessage() throws {
        #expect(try Message(payload: Self.bytes) == Self.message)
        var writer = ByteWriter()
        try Self.message.encode(to: &writer)
        expectBytes(writer.bytes, Self.bytes)
    }

    @Test("a message split across transfers decodes from their payloads joined")
    func acrossTransfers() throws {
        for cut in 1..<Self.bytes.count {
            let first = Frame.amqp(
                channel: 1, .transfer(Transfer(handle: 0, deliveryID: 5, deliveryTag: [5], more: true)),
                payload: Array(Self.bytes[..<cut]))
            let second = Frame.amqp(
                channel: 1, .transfer(Transfer(handle: 0)), payload: Array(Self.bytes[cut...]))
            var stream = ByteWriter()
            try first.encode(to: &stream)
            try second.encode(to: &stream)
            var reader = ByteReader(stream.bytes)
            var payload: [UInt8] = []
            while let frame = try Frame.decode(from: &reader) {
                guard case .amqp(_, .transfer, let part) = frame else {
                    Issue.record("not a transfer")
                    return
                }
                payload += part
            }
            #expect(try Message(payload: payload) == Self.message, "cut at \(cut)")
        }
    }

    @Test("bodies: several data sections, amqp-sequence sections, one amqp-value; a footer after")
    func bodies() throws {
        let twoData = Self.data + hex("00 53 75 a0 01 '!'")
        #expect(try Message(payload: twoData) == Message(body: .data([Array("hi".utf8), Array("!".utf8)])))
        let sequences = hex("00 53 76 c0 05 02 52 01 52 02 | 00 53 76 45")
        #expect(try Message(payload: sequences) == Message(body: .amqpSequence([[.uint(1), .uint(2)], []])))
        let value = hex("00 53 77 a1 05 'hello' | 00 53 78 c1 01 00")
        #expect(try Message(payload: value) == Message(body: .amqpValue("hello"), footer: [:]))
        #expect(try Message(payload: []) == Message())
        for message in [Message(body: .amqpSequence([[.uint(1), .uint(2)], []])), Message(body: .amqpValue("hello"))] {
            var writer = ByteWriter()
            try message.encode(to: &writer)
            #expect(try Message(payload: writer.bytes) == message)
        }
    }

    @Test("every properties field round-trips")
    func allProperties() throws {
        let properties = Properties(
            messageID: .ulong(7), userID: Array("guest".utf8), to: "/exchanges/x/k", subject: "s", replyTo: "/queues/r",
            correlationID: .uuid(UUID(high: 1, low: 2)), contentType: "application/json", contentEncoding: "gzip",
            absoluteExpiryTime: Timestamp(millisecondsSince1970: 1_700_000_060_000),
            creationTime: Timestamp(millisecondsSince1970: 1_700_000_000_000), groupID: "g", groupSequence: 3,
            replyToGroupID: "rg")
        let message = Message(
            header: Header(durable: true, priority: 9, ttl: 60_000, firstAcquirer: true, deliveryCount: 2),
            deliveryAnnotations: [.symbol("x-d"): .int(1)], properties: properties,
            applicationProperties: [
                "n": .long(-1), "b": .boolean(false), "t": .timestamp(Timestamp(millisecondsSince1970: 0)),
            ],
            body: .data([[0, 1, 2]]))
        var writer = ByteWriter()
        try message.encode(to: &writer)
        #expect(try Message(payload: writer.bytes) == message)
    }

    @Test(
        "a header at its defaults says durable false (RabbitMQ 4 reads an absent one as durable); priority 4 is left out"
    )
    func headerDefaults() throws {
        var writer = ByteWriter()
        try Message(header: Header(priority: 4)).encode(to: &writer)
        expectBytes(writer.bytes, hex("00 53 70 c0 02 01 42"))
        #expect(try Message(payload: hex("00 53 70 45")).header == Header(durable: false, priority: 4))
    }

    @Test("sections out of order, repeated or mixing body kinds are errors")
    func order() {
        expectMessageError(Self.properties + Self.header, .malformed(.section("header"), .sectionOrder("header")))
        expectMessageError(Self.header + Self.header, .malformed(.section("header"), .sectionOrder("header")))
        expectMessageError(
            Self.data + Self.applicationProperties,
            .malformed(.section("application-properties"), .sectionOrder("application-properties")))
        expectMessageError(Self.data + hex("00 53 77 40"), .malformed(.section("amqp-value"), .mixedBody))
        expectMessageError(
            hex("00 53 77 40 00 53 77 40"), .malformed(.section("amqp-value"), .sectionOrder("amqp-value")))
        expectMessageError(hex("00 53 76 45") + Self.data, .malformed(.section("data"), .sectionOrder("data")))
    }

    @Test("sections that are not sections, or of the wrong type, are errors naming them")
    func badSections() {
        expectMessageError(hex("00 53 79 45"), .unknownDescriptor(.code(0x79), .section("message")))
        expectMessageError(hex("a1 01 'x'"), .unexpectedType(.section("message"), expected: "section", found: "string"))
        expectMessageError(
            hex("00 53 75 a1 01 'x'"), .unexpectedType(.section("data"), expected: "binary", found: "string"))
        expectMessageError(
            hex("00 53 74 45"), .unexpectedType(.section("application-properties"), expected: "map", found: "list"))
        expectMessageError(
            hex("00 53 70 c0 03 01 52 01"),
            .unexpectedType(.field(composite: "header", name: "durable"), expected: "boolean", found: "uint"))
        expectMessageError(Array(Self.bytes.dropLast()), .truncated(.section("message")))
    }

    private func expectMessageError(
        _ payload: [UInt8], _ expected: WireError, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(throws: expected, sourceLocation: sourceLocation) { try Message(payload: payload) }
    }
}
