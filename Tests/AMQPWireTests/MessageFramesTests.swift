import AMQPWire
import TestSupport
import Testing

/// The publish and delivery paths that encode or decode a message's three frames at once must
/// give the very bytes and values the frame-by-frame codec gives.
@Suite("A message's frames at once")
struct MessageFramesTests {
    // basic.deliver on channel 1: size 26 = class 60 (2) + method 60 (2) + consumer-tag "ctag"
    // (5) + delivery-tag 7 (8) + redelivered (1) + exchange "" (1) + routing-key "orders" (7).
    static let deliver = hex("01 | 0001 | 0000001a | 003c 003c 04 'ctag' 0000000000000007 01 00 06 'orders' | ce")
    static let delivered = Frame.delivered(
        channel: 1,
        Delivered(
            deliver: BasicDeliver(
                consumerTag: "ctag", deliveryTag: 7, redelivered: true, exchange: "", routingKey: "orders"),
            properties: BasicProperties(contentType: "text/plain", deliveryMode: 2), body: Array("hello".utf8)))

    private static func head(channel: UInt16 = 1) throws -> PublishHead {
        try PublishHead(
            channel: channel, exchange: "", routingKey: "orders", mandatory: false,
            properties: BasicProperties(contentType: "text/plain", deliveryMode: 2))
    }

    private static func write(_ body: String, maxFrameSize: UInt32) throws -> [UInt8] {
        let head = try head()
        var writer = ByteWriter()
        Array(body.utf8).withUnsafeBytes { Frame.writeMessage(head, body: $0, maxFrameSize: maxFrameSize, to: &writer) }
        return writer.bytes
    }

    @Test("a published message is basic.publish, its content header and its body, as the spec lays them out")
    func publishedMessage() throws {
        expectBytes(
            try Self.write("hello", maxFrameSize: 131_072),
            FrameTests.basicPublish + FrameTests.header + FrameTests.body)
    }

    @Test("a body longer than a frame is split at frame_max, and an empty one has no body frame")
    func publishedSplits() throws {
        // frame_max 11 leaves 3 bytes of body a frame.
        let header = hex("02 | 0001 | 0000001a | 003c 0000 0000000000000005 9000 0a 'text/plain' 02 | ce")
        expectBytes(
            try Self.write("hello", maxFrameSize: 11),
            FrameTests.basicPublish + header + hex("03 | 0001 | 00000003 | 'hel' | ce")
                + hex("03 | 0001 | 00000002 | 'lo' | ce"))
        let emptyHeader = hex("02 | 0001 | 0000001a | 003c 0000 0000000000000000 9000 0a 'text/plain' 02 | ce")
        expectBytes(try Self.write("", maxFrameSize: 131_072), FrameTests.basicPublish + emptyHeader)
    }

    @Test("a head is for one channel, destination, flag and set of properties")
    func headMatches() throws {
        let head = try Self.head()
        let properties = head.properties
        #expect(head.matches(channel: 1, exchange: "", routingKey: "orders", mandatory: false, properties: properties))
        #expect(!head.matches(channel: 2, exchange: "", routingKey: "orders", mandatory: false, properties: properties))
        #expect(
            !head.matches(channel: 1, exchange: "x", routingKey: "orders", mandatory: false, properties: properties))
        #expect(!head.matches(channel: 1, exchange: "", routingKey: "other", mandatory: false, properties: properties))
        #expect(!head.matches(channel: 1, exchange: "", routingKey: "orders", mandatory: true, properties: properties))
        #expect(
            !head.matches(
                channel: 1, exchange: "", routingKey: "orders", mandatory: false, properties: BasicProperties()))
    }

    @Test("a routing key past 255 bytes cannot head a message")
    func headTooLong() {
        #expect(throws: PublishHead.Failure.self) {
            try PublishHead(
                channel: 1, exchange: "", routingKey: String(repeating: "k", count: 256), mandatory: false,
                properties: BasicProperties())
        }
    }

    @Test("a delivery whose three frames have arrived decodes at once; until then, nothing is consumed")
    func deliveredAtOnce() {
        let bytes = Self.deliver + FrameTests.header + FrameTests.body + FrameTests.heartbeat
        var reader = ByteReader(bytes)
        #expect(Frame.decodeDelivery(from: &reader, maxFrameSize: 131_072) == Self.delivered)
        #expect(reader.remaining == FrameTests.heartbeat.count)
        for cut in 0..<(bytes.count - FrameTests.heartbeat.count) {
            var partial = ByteReader(Array(bytes[..<cut]))
            #expect(Frame.decodeDelivery(from: &partial, maxFrameSize: 131_072) == nil, "cut at \(cut)")
            #expect(partial.position == 0)
        }
    }

    @Test("what is not one whole delivery in three frames is left to the frame-by-frame decoder")
    func leftToFrames() {
        let split =
            Self.deliver + FrameTests.header + hex("03 | 0001 | 00000003 | 'hel' | ce")
            + hex("03 | 0001 | 00000002 | 'lo' | ce")
        let otherChannel =
            Self.deliver + hex("02 | 0002 | 0000001a | 003c 0000 0000000000000005 9000 0a 'text/plain' 02 | ce")
            + FrameTests.body
        let badEnd = Self.deliver + FrameTests.header + hex("03 | 0001 | 00000005 | 'hello' | cf")
        for bytes in [
            split, otherChannel, badEnd, FrameTests.basicPublish + FrameTests.header + FrameTests.body,
            FrameTests.heartbeat,
        ] {
            var reader = ByteReader(bytes)
            #expect(Frame.decodeDelivery(from: &reader, maxFrameSize: 131_072) == nil)
            #expect(reader.position == 0)
        }
        // Larger than frame_max: the frame decoder reports it.
        var reader = ByteReader(Self.deliver + FrameTests.header + FrameTests.body)
        #expect(Frame.decodeDelivery(from: &reader, maxFrameSize: 30) == nil)
    }

    @Test("a delivery decoded at once encodes as its three frames")
    func deliveredEncodes() throws {
        expectBytes(
            try encoded { try Self.delivered.encode(to: &$0) }, Self.deliver + FrameTests.header + FrameTests.body)
    }
}
