import AMQPWire
import TestSupport
import Testing

/// Frames (spec 4.2.3): type octet, channel short, size long, payload, frame-end 0xCE.
@Suite("Frames")
struct FrameTests {
    // Type 8, channel 0, size 0, no payload, frame-end.
    static let heartbeat = hex("08 | 0000 | 00000000 | ce")
    // channel.open on channel 1: type 1, channel 1, size 5; class 20, method 10, reserved
    // out-of-band empty shortstr; frame-end.
    static let channelOpen = hex("01 | 0001 | 00000005 | 0014 000a 00 | ce")
    // connection.tune on channel 0: size 12 = class (2) + method (2) + channel-max (2) +
    // frame-max (4) + heartbeat (2); channel-max 2047, frame-max 131072, heartbeat 60.
    static let connectionTune = hex("01 | 0000 | 0000000c | 000a 001e 07ff 00020000 003c | ce")
    // basic.publish on channel 1: size 15 = class (2) + method (2) + ticket (2) + exchange ""
    // (1) + routing-key "orders" (7) + bits (1); mandatory, immediate clear.
    static let basicPublish = hex("01 | 0001 | 0000000f | 003c 0028 0000 00 06 'orders' 00 | ce")
    // Content header on channel 1: type 2, size 26 = class 60 (2) + weight 0 (2) + body-size 5
    // (8) + property flags (2) + content-type "text/plain" (11) + delivery-mode 2 (1). Flags:
    // content-type is bit 15, delivery-mode bit 12: 0x8000 | 0x1000 = 0x9000.
    static let header = hex("02 | 0001 | 0000001a | 003c 0000 0000000000000005 9000 0a 'text/plain' 02 | ce")
    // Body on channel 1: type 3, size 5, the bytes "hello".
    static let body = hex("03 | 0001 | 00000005 | 'hello' | ce")
    // An empty body frame: type 3, size 0.
    static let emptyBody = hex("03 | 0001 | 00000000 | ce")

    static let tune = Frame.method(
        channel: 0, .connectionTune(ConnectionTune(channelMax: 2047, frameMax: 131_072, heartbeat: 60)))
    static let publish = Frame.method(channel: 1, .basicPublish(BasicPublish(exchange: "", routingKey: "orders")))
    static let contentHeader = Frame.header(
        channel: 1, ContentHeader(bodySize: 5, properties: BasicProperties(contentType: "text/plain", deliveryMode: 2)))

    @Test("a heartbeat is type 8 on channel 0 with no payload")
    func heartbeatFrame() throws {
        try expectFrames(Self.heartbeat, [.heartbeat])
        expectBytes(try encoded { try Frame.heartbeat.encode(to: &$0) }, Self.heartbeat)
        expectBytes(encoded { Frame.writeHeartbeat(to: &$0) }, Self.heartbeat)
    }

    @Test("a method frame carries class id, method id and arguments on its channel")
    func methodFrames() throws {
        try expectFrames(Self.channelOpen, [.method(channel: 1, .channelOpen(ChannelOpen()))])
        try expectFrames(Self.connectionTune, [Self.tune])
        expectBytes(try encoded { try Self.tune.encode(to: &$0) }, Self.connectionTune)
        expectBytes(
            try encoded {
                try Frame.writeMethod(BasicPublish(exchange: "", routingKey: "orders"), channel: 1, to: &$0)
            },
            Self.basicPublish)
    }

    @Test("a content header frame carries class, weight, body size and properties")
    func headerFrame() throws {
        try expectFrames(Self.header, [Self.contentHeader])
        expectBytes(try encoded { try Self.contentHeader.encode(to: &$0) }, Self.header)
    }

    @Test("a body frame carries its bytes as they are, even none")
    func bodyFrames() throws {
        try expectFrames(Self.body, [.body(channel: 1, Array("hello".utf8))])
        try expectFrames(Self.emptyBody, [.body(channel: 1, [])])
        expectBytes(try encoded { try Frame.body(channel: 1, Array("hello".utf8)).encode(to: &$0) }, Self.body)
        expectBytes(encoded { Frame.writeBody(Array("hello".utf8)[...], channel: 1, to: &$0) }, Self.body)
        expectBytes(encoded { Frame.writeBody([][...], channel: 1, to: &$0) }, Self.emptyBody)
    }

    @Test("frames back to back decode one by one, however the bytes arrive")
    func backToBack() throws {
        let message = Self.basicPublish + Self.header + Self.body + Self.heartbeat
        try expectFrames(
            message, [Self.publish, Self.contentHeader, .body(channel: 1, Array("hello".utf8)), .heartbeat])
        try expectFrames(Self.heartbeat + Self.heartbeat, [.heartbeat, .heartbeat])
    }

    @Test("decoding takes one frame and leaves the reader on the next")
    func stopsAtFrameEnd() throws {
        var reader = ByteReader(Self.channelOpen + Self.heartbeat)
        _ = try #require(try Frame.decode(from: &reader, maxFrameSize: 4096))
        #expect(reader.position == Self.channelOpen.count)
        #expect(try Frame.decode(from: &reader, maxFrameSize: 4096) == .heartbeat)
        #expect(reader.remaining == 0)
        #expect(try Frame.decode(from: &reader, maxFrameSize: 4096) == nil)
    }

    @Test("frame_max counts the whole frame, header and frame-end included")
    func frameMaxIsInclusive() throws {
        // A body frame of 4088 payload bytes (0x0ff8) is 7 + 4088 + 1 = 4096 bytes in all.
        let fits = hex("03 0001 00000ff8") + [UInt8](repeating: 0x61, count: 4088) + [0xCE]
        try expectFrames(fits, [.body(channel: 1, [UInt8](repeating: 0x61, count: 4088))], maxFrameSize: 4096)
        // One byte more (0x0ff9) is refused at 4096 and accepted when frame_max is 0 (no limit).
        let tooBig = hex("03 0001 00000ff9") + [UInt8](repeating: 0x61, count: 4089) + [0xCE]
        var reader = ByteReader(tooBig)
        #expect(throws: WireError.frameTooLarge(size: 4089, max: 4096)) {
            try Frame.decode(from: &reader, maxFrameSize: 4096)
        }
        reader = ByteReader(tooBig)
        #expect(
            try Frame.decode(from: &reader, maxFrameSize: 0) == .body(channel: 1, [UInt8](repeating: 0x61, count: 4089))
        )
    }

    @Test("a frame knows its channel; heartbeats are on channel 0")
    func channels() {
        #expect(Frame.heartbeat.channel == 0)
        #expect(Self.tune.channel == 0)
        #expect(Self.publish.channel == 1)
        #expect(Frame.header(channel: 7, ContentHeader(bodySize: 0)).channel == 7)
        #expect(Frame.body(channel: 65535, []).channel == 65535)
    }

    @Test("the frame constants are the spec's")
    func constants() {
        #expect(Frame.end == 0xCE)  // FRAME-END 206
        #expect(Frame.minimumSize == 4096)  // FRAME-MIN-SIZE
        #expect(Frame.overhead == 8)
        #expect(Frame.Kind.method.rawValue == 1)
        #expect(Frame.Kind.header.rawValue == 2)
        #expect(Frame.Kind.body.rawValue == 3)
        #expect(Frame.Kind.heartbeat.rawValue == 8)
    }
}
