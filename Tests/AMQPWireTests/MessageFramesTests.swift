import AMQPWire
import TestSupport
import Testing

/// The publish path that encodes a message's frames at once must give the very bytes the
/// frame-by-frame codec gives.
@Suite("A message's frames at once")
struct MessageFramesTests {
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
        expectBytes(try Self.write("hello", maxFrameSize: 131_072), FrameTests.basicPublish + FrameTests.header + FrameTests.body)
    }

    @Test("a body longer than a frame is split at frame_max, and an empty one has no body frame")
    func publishedSplits() throws {
        // frame_max 11 leaves 3 bytes of body a frame.
        let header = hex("02 | 0001 | 0000001a | 003c 0000 0000000000000005 9000 0a 'text/plain' 02 | ce")
        expectBytes(
            try Self.write("hello", maxFrameSize: 11),
            FrameTests.basicPublish + header + hex("03 | 0001 | 00000003 | 'hel' | ce") + hex("03 | 0001 | 00000002 | 'lo' | ce"))
        let emptyHeader = hex("02 | 0001 | 0000001a | 003c 0000 0000000000000000 9000 0a 'text/plain' 02 | ce")
        expectBytes(try Self.write("", maxFrameSize: 131_072), FrameTests.basicPublish + emptyHeader)
    }

    @Test("a head is for one channel, destination, flag and set of properties")
    func headMatches() throws {
        let head = try Self.head()
        let properties = head.properties
        #expect(head.matches(channel: 1, exchange: "", routingKey: "orders", mandatory: false, properties: properties))
        #expect(!head.matches(channel: 2, exchange: "", routingKey: "orders", mandatory: false, properties: properties))
        #expect(!head.matches(channel: 1, exchange: "x", routingKey: "orders", mandatory: false, properties: properties))
        #expect(!head.matches(channel: 1, exchange: "", routingKey: "other", mandatory: false, properties: properties))
        #expect(!head.matches(channel: 1, exchange: "", routingKey: "orders", mandatory: true, properties: properties))
        #expect(!head.matches(channel: 1, exchange: "", routingKey: "orders", mandatory: false, properties: BasicProperties()))
    }

    @Test("a routing key past 255 bytes cannot head a message")
    func headTooLong() {
        #expect(throws: PublishHead.Failure.self) {
            try PublishHead(channel: 1, exchange: "", routingKey: String(repeating: "k", count: 256), mandatory: false, properties: BasicProperties())
        }
    }
}
