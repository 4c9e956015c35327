import AMQP10Wire
import TestSupport
import Testing

/// Bytes an independent implementation writes (STYLE.md rule 7): python-qpid-proton 0.40's engine
/// opening a connection, a session, a sender and a receiver with credit, and its message encoder.
/// Captured once with `Transport.peek` and `Message.encode`; proton's encoding choices differ from
/// ours (map32 for short maps, every terminus field written out), so these are decoded, not
/// compared with our encoding.
@Suite("python-qpid-proton vectors")
struct ProtonVectorTests {
    static let client = hex(
        """
        'AMQP' 00 01 00 00
        00000027 02 00 0000 | 00 53 10 c0 1a 04 a1 06 'proton' a1 07 'vhost:/' 70 00008000 60 7fff
        0000001f 02 00 0000 | 00 53 11 c0 12 05 40 43 70 7fffffff 70 7fffffff 70 7fffffff
        00000040 02 00 0000 | 00 53 12 c0 33 0b a1 06 'sender' 43 42 50 02 50 00
            00 53 28 c0 06 05 40 43 40 43 42
            00 53 29 c0 10 05 a1 09 '/queues/q' 43 40 43 42
            40 40 43 44
        00000043 02 00 0000 | 00 53 12 c0 36 0b a1 08 'receiver' 52 01 41 50 02 50 00
            00 53 28 c0 10 05 a1 09 '/queues/q' 43 40 43 42
            00 53 29 c0 06 05 40 43 40 43 42
            40 40 43 44
        00000021 02 00 0000 | 00 53 13 c0 14 09 40 70 7fffffff 43 70 7fffffff 52 01 43 52 0a 40 42
        """)

    @Test("proton's connection, session, links and credit decode to what it meant")
    func clientFrames() throws {
        var reader = ByteReader(Self.client)
        #expect(try ProtocolHeader.decode(from: &reader) == .amqp)
        let frames = Array(Self.client[reader.position...])
        let window: UInt32 = 0x7FFF_FFFF
        try expectFrames(
            frames,
            [
                .amqp(
                    channel: 0,
                    .open(Open(containerID: "proton", hostname: "vhost:/", maxFrameSize: 32_768, channelMax: 32_767))),
                .amqp(
                    channel: 0,
                    .begin(Begin(nextOutgoingID: 0, incomingWindow: window, outgoingWindow: window, handleMax: window))),
                .amqp(
                    channel: 0,
                    .attach(
                        Attach(
                            name: "sender", handle: 0, role: .sender, source: Source(),
                            target: Target(address: "/queues/q"),
                            initialDeliveryCount: 0, maxMessageSize: 0))),
                .amqp(
                    channel: 0,
                    .attach(
                        Attach(
                            name: "receiver", handle: 1, role: .receiver, source: Source(address: "/queues/q"),
                            target: Target(),
                            initialDeliveryCount: 0, maxMessageSize: 0))),
                .amqp(
                    channel: 0,
                    .flow(
                        Flow(
                            incomingWindow: window, nextOutgoingID: 0, outgoingWindow: window, handle: 1,
                            deliveryCount: 0,
                            linkCredit: 10))),
            ])
    }

    @Test("proton's SASL exchange: a server's mechanisms, a client's PLAIN, then AMQP")
    func saslExchange() throws {
        // A proton server that allows ANONYMOUS (and PLAIN, which it cannot check without Cyrus).
        let server = hex("'AMQP' 03 01 00 00 | 0000001c 02 01 0000 | 00 53 40 c0 0f 01 e0 0c 01 a3 09 'ANONYMOUS'")
        // A proton client given PLAIN after its header; then, told ok, its AMQP header and open.
        let client = hex(
            """
            'AMQP' 03 01 00 00
            00000023 02 01 0000 | 00 53 41 c0 16 02 a3 05 'PLAIN' a0 0c 00 'guest' 00 'guest'
            'AMQP' 00 01 00 00
            00000024 02 00 0000 | 00 53 10 c0 17 04 a1 01 'c' a1 09 'localhost' 70 00008000 60 7fff
            """)
        var reader = ByteReader(server)
        #expect(try ProtocolHeader.decode(from: &reader) == .sasl)
        try expectFrames(
            Array(server[reader.position...]),
            [.sasl(.saslMechanisms(SASLMechanisms(saslServerMechanisms: ["ANONYMOUS"])))])

        var stream = ByteReader(client)
        #expect(try ProtocolHeader.decode(from: &stream) == .sasl)
        let initial = try #require(try Frame.decode(from: &stream))
        #expect(
            initial == .sasl(.saslInit(SASLInit(mechanism: "PLAIN", initialResponse: Array("\0guest\0guest".utf8)))))
        #expect(try ProtocolHeader.decode(from: &stream) == .amqp)
        let open = try #require(try Frame.decode(from: &stream))
        #expect(
            open
                == .amqp(
                    channel: 0,
                    .open(Open(containerID: "c", hostname: "localhost", maxFrameSize: 32_768, channelMax: 32_767))))
        #expect(stream.remaining == 0)
    }

    @Test("proton's message with every usual section decodes, its map32 maps too")
    func message() throws {
        // Message(id="m1", address="/queues/q", content_type="text/plain", durable=True,
        // priority=9, ttl=60, properties={"k": "v"}, annotations={x-routing-key: "rk"},
        // body=b"hi", inferred=True)
        let bytes = hex(
            """
            00 53 70 c0 09 03 41 50 09 70 0000ea60
            00 53 72 d1 00000017 00000002 a3 0d 'x-routing-key' a1 02 'rk'
            00 53 73 c0 20 07 a1 02 'm1' 40 a1 09 '/queues/q' 40 40 40 a3 0a 'text/plain'
            00 53 74 d1 0000000a 00000002 a1 01 'k' a1 01 'v'
            00 53 75 a0 02 'hi'
            """)
        let expected = Message(
            header: Header(durable: true, priority: 9, ttl: 60_000),
            messageAnnotations: [.symbol("x-routing-key"): "rk"],
            properties: Properties(messageID: "m1", to: "/queues/q", contentType: "text/plain"),
            applicationProperties: ["k": "v"], body: .data([Array("hi".utf8)]))
        #expect(try Message(payload: bytes) == expected)
    }

    @Test("proton's amqp-value message, with the empty header and properties it always writes")
    func valueMessage() throws {
        let bytes = hex("00 53 70 45 | 00 53 73 45 | 00 53 77 a1 05 'hello'")
        #expect(
            try Message(payload: bytes)
                == Message(header: Header(), properties: Properties(), body: .amqpValue("hello")))
    }
}
