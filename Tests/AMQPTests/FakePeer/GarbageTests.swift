import AMQP
import AMQPWire
import TestSupport
import Testing

@Suite("Garbage from the broker is a typed error, never a trap", .timeLimit(.minutes(5)))
struct GarbageTests {
    /// Bytes a broker might send, named for the test output.
    struct Garbage: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: [UInt8]
        /// The violation the client must name (nil: any protocol violation).
        var violation: ProtocolViolation? = nil
        var testDescription: String { name }
    }

    /// In place of `connection.start`.
    static let duringHandshake: [Garbage] = [
        Garbage(name: "an HTTP response", bytes: Array("HTTP/1.1 400 Bad Request\r\n\r\n".utf8)),
        Garbage(name: "text starting with A", bytes: Array("ACCESS DENIED\r\n".utf8)),
        Garbage(name: "a bad frame-end octet", bytes: hex("01 0000 00000004 000a 000a | 00")),
        Garbage(name: "an unknown method", bytes: hex("01 0000 00000004 0063 0001 | ce")),
        Garbage(name: "a truncated connection.start", bytes: hex("01 0000 00000005 000a 000a 00 | ce")),
        Garbage(name: "a frame larger than frame_max", bytes: hex("01 0000 ffffffff 000a 000a")),
        Garbage(name: "a heartbeat with a payload", bytes: hex("08 0000 00000001 00 | ce")),
        Garbage(name: "a method on channel 1", bytes: hex("01 0001 00000005 0014 000b 00 | ce")),
        Garbage(name: "a content header", bytes: hex("02 0000 0000000e 003c 0000 0000000000000000 0000 | ce")),
        Garbage(name: "an unknown frame type", bytes: hex("09 0000 00000000 | ce")),
    ]

    @Test(
        "garbage in place of connection.start is a protocol violation, reported with connection.close",
        arguments: duringHandshake)
    func handshakeGarbage(_ garbage: Garbage) throws {
        let (client, peer) = try FakePeer.start { broker in
            _ = try broker.readProtocolHeader()
            try broker.send(raw: garbage.bytes)
            // Stay connected: the client must judge the bytes, not the end of the stream.
            return try broker.expectViolationClose()
        }
        let error = try #require(throws: AMQPError.self) { try connect(client) }
        #expect(error.isProtocolViolation, "\(error)")
        guard case .protocolViolation(let violation) = error else { return }
        #expect(try peer.finish() == violation.replyCode.rawValue)
        #expect((501...505).contains(violation.replyCode.rawValue))
    }

    /// After the handshake, with channel 1 open and a consumer waiting.
    static let afterOpen: [Garbage] = [
        Garbage(
            name: "a frame on a channel never opened", bytes: hex("01 0005 00000004 0014 0029 | ce"),
            violation: .frameOnClosedChannel(5)),
        Garbage(
            name: "a content header with no method",
            bytes: hex("02 0001 0000000e 003c 0000 0000000000000001 0000 | ce"),
            violation: .headerWithoutMethod(channel: 1)),
        Garbage(
            name: "a body frame with no header", bytes: hex("03 0001 00000001 00 | ce"),
            violation: .bodyWithoutHeader(channel: 1)),
        Garbage(
            name: "a body longer than its header announced",
            bytes: hex("01 0001 00000011 003c 003c | 00 0000000000000001 00 00 01 'q' | ce")
                + hex("02 0001 0000000e 003c 0000 0000000000000001 0000 | ce")
                + hex("03 0001 00000002 0102 | ce"),
            violation: .bodyLongerThanHeader(bodySize: 1, channel: 1)),
        Garbage(
            name: "a method in the middle of a message",
            bytes: hex("01 0001 00000011 003c 003c | 00 0000000000000001 00 00 01 'q' | ce")
                + hex("01 0001 00000004 003c 000b | ce"),
            violation: .methodInsideContent(BasicQosOk.id, channel: 1)),
        Garbage(
            name: "an unexpected method on channel 0", bytes: hex("01 0000 00000005 000a 0029 00 | ce"),
            violation: .unexpectedOnConnection(ConnectionOpenOk.id)),
        Garbage(
            name: "a heartbeat on channel 1", bytes: hex("08 0001 00000000 | ce"),
            violation: .malformed(.malformed(.heartbeat(channel: 1, size: 0)))),
        Garbage(
            name: "a frame larger than frame_max", bytes: hex("03 0001 00010000 00"),
            violation: .malformed(.frameTooLarge(size: 65536, max: 4096))),
        Garbage(
            name: "random bytes", bytes: hex("de ad be ef 00 01 02 03 04 05 06 07"),
            violation: .malformed(.unknownFrameType(0xDE))),
    ]

    @Test("garbage while waiting for a delivery is a protocol violation", arguments: afterOpen)
    func waitGarbage(_ garbage: Garbage) throws {
        let (client, peer) = try FakePeer.start { broker in
            try broker.handshake(tune: ConnectionTune(channelMax: 2047, frameMax: 4096, heartbeat: 0))
            try broker.acceptChannel()
            try broker.send(raw: garbage.bytes)
            return try broker.expectViolationClose()
        }
        let connection = try connect(client)
        let channel = try connection.openChannel()
        let error = try #require(throws: AMQPError.self) { try channel.nextDelivery(deadline: .after(seconds: 5)) }
        #expect(error.isProtocolViolation, "\(error)")
        if let violation = garbage.violation { #expect(error == .protocolViolation(violation)) }
        // The client says why it goes, with the violation's reply code, before closing the socket.
        guard case .protocolViolation(let violation) = error else { return }
        #expect(try peer.finish() == violation.replyCode.rawValue)
    }

    @Test(
        "every single-byte corruption of a delivery ends in the delivery its bytes say, a typed error, or the lost connection"
    )
    func corruptedDelivery() throws {
        var writer = ByteWriter()
        try Frame.writeMethod(
            BasicDeliver(consumerTag: "c", deliveryTag: 1, exchange: "x", routingKey: "q"), channel: 1, to: &writer)
        try Frame.writeHeader(
            ContentHeader(bodySize: 3, properties: BasicProperties(contentType: "t", headers: ["k": .int32(1)])),
            channel: 1, to: &writer)
        Frame.writeBody([7, 8, 9][...], channel: 1, to: &writer)
        let valid = writer.bytes
        for offset in valid.indices {
            for value: UInt8 in [0x00, 0xff, valid[offset] ^ 0x01] where value != valid[offset] {
                var bytes = valid
                bytes[offset] = value
                let corrupted = bytes
                let (client, peer) = try FakePeer.start { broker in
                    try broker.handshake(tune: ConnectionTune(channelMax: 2047, frameMax: 4096, heartbeat: 0))
                    try broker.acceptChannel()
                    try broker.send(raw: corrupted)
                    broker.close()
                }
                let connection = try connect(client)
                let channel = try connection.openChannel()
                var delivered: [Delivery] = []
                let error = try #require(throws: AMQPError.self) {
                    while let delivery = try channel.nextDelivery(deadline: .after(seconds: 5)) {
                        delivered.append(delivery)
                    }
                }
                let place = "byte \(offset) set to \(value)"
                switch Self.reading(of: corrupted) {
                case .malformed(let wireError):
                    #expect(delivered.isEmpty, "\(place)")
                    #expect(error == .protocolViolation(.malformed(wireError)), "\(place)")
                case .incomplete:
                    #expect(delivered.isEmpty, "\(place)")
                    #expect(error == .connectionLost(.closedByBroker), "\(place)")
                case .misplaced:
                    #expect(delivered.isEmpty, "\(place)")
                    #expect(error.isProtocolViolation, "\(place): \(error)")
                case .message(let deliver, let header, let body, let strayBody):
                    // A corruption the codec reads as another valid message is delivered as that message.
                    let delivery = try #require(delivered.first, "\(place): \(error)")
                    #expect(delivered.count == 1, "\(place)")
                    #expect(delivery.consumerTag == deliver.consumerTag, "\(place)")
                    #expect(delivery.deliveryTag == deliver.deliveryTag, "\(place)")
                    #expect(delivery.redelivered == deliver.redelivered, "\(place)")
                    #expect(delivery.exchange == deliver.exchange, "\(place)")
                    #expect(delivery.routingKey == deliver.routingKey, "\(place)")
                    #expect(delivery.properties == header.properties, "\(place)")
                    #expect(delivery.body == body, "\(place)")
                    if strayBody {
                        #expect(error == .protocolViolation(.bodyWithoutHeader(channel: 1)), "\(place): \(error)")
                    } else {
                        #expect(error == .connectionLost(.closedByBroker), "\(place)")
                    }
                }
                try peer.finish()
            }
        }
    }

    /// What the codec reads in a delivery's three frames, once corrupted.
    enum Reading {
        /// The bytes do not decode: the client must name this error.
        case malformed(WireError)
        /// A frame is still missing bytes when the peer closes.
        case incomplete
        /// Frames that decode but are no delivery on channel 1 (another channel or method, a body
        /// shorter than announced): a protocol violation.
        case misplaced
        /// A whole delivery on channel 1; with `strayBody`, a header announcing no body, so the
        /// body frame after it belongs to no message.
        case message(BasicDeliver, ContentHeader, [UInt8], strayBody: Bool)
    }

    /// Reads `bytes` as the client does with a frame_max of 4096.
    static func reading(of bytes: [UInt8]) -> Reading {
        var reader = ByteReader(bytes)
        var frames: [Frame] = []
        do {
            while let frame = try Frame.decode(from: &reader, maxFrameSize: 4096) {
                frames.append(frame)
                if frames.count == 3 { break }
            }
        } catch {
            return .malformed(error)
        }
        guard frames.count == 3 else { return .incomplete }
        guard case .method(1, .basicDeliver(let deliver)) = frames[0], case .header(1, let header) = frames[1],
            case .body(1, let body) = frames[2]
        else { return .misplaced }
        if header.bodySize == 0 { return .message(deliver, header, [], strayBody: true) }
        if header.bodySize > body.count { return .incomplete }
        guard header.bodySize == body.count else { return .misplaced }
        return .message(deliver, header, body, strayBody: false)
    }
}
