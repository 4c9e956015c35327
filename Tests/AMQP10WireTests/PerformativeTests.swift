import AMQP10Wire
import TestSupport
import Testing

/// The nine performatives (spec 2.7) as described lists: hand-checked bodies, decoded in AMQP
/// frames whole, split and from every prefix, and encoded back to the same bytes.
///
/// The vectors were also read by python-qpid-proton 0.40's decoder, which took exactly their
/// bytes and found the values meant.
@Suite("Performatives")
struct PerformativeTests {
    /// A performative and the body bytes it encodes to.
    struct Vector: CustomTestStringConvertible {
        let name: String
        let body: [UInt8]
        let performative: Performative
        var testDescription: String { name }
    }

    static let vectors: [Vector] = [
        // open: container-id "c" alone, the rest left to their defaults.
        Vector(name: "open", body: hex("00 53 10 c0 04 01 | a1 01 63"), performative: .open(Open(containerID: "c"))),
        // open as a client sends it to RabbitMQ: 5 fields, 4 + 9 + 5 + 3 + 5 = 26 bytes, size 27.
        Vector(
            name: "open with hostname and limits",
            body: hex("00 53 10 c0 1b 05 | a1 02 'mq' | a1 07 'vhost:/' | 70 00020000 | 60 00ff | 70 0000ea60"),
            performative: .open(
                Open(
                    containerID: "mq", hostname: "vhost:/", maxFrameSize: 131_072, channelMax: 255, idleTimeOut: 60_000)
            )),
        // begin: remote-channel null, next-outgoing-id 0, windows 2048.
        Vector(
            name: "begin", body: hex("00 53 11 c0 0d 04 | 40 | 43 | 70 00000800 | 70 00000800"),
            performative: .begin(Begin(nextOutgoingID: 0, incomingWindow: 2048, outgoingWindow: 2048))),
        // attach: name "l", handle 0, receiver, settle modes null, a source with an address, an
        // empty target (list0).
        Vector(
            name: "attach",
            body: hex(
                "00 53 12 c0 1d 07 | a1 01 'l' | 43 | 41 | 40 | 40 | 00 53 28 c0 0c 01 a1 09 '/queues/q' | 00 53 29 45"),
            performative: .attach(
                Attach(name: "l", handle: 0, role: .receiver, source: Source(address: "/queues/q"), target: Target()))),
        // attach as a sender that settles first: snd-settle-mode settled (1), a target address.
        Vector(
            name: "attach settled sender",
            body: hex("00 53 12 c0 18 07 | a1 01 's' | 52 01 | 42 | 50 01 | 40 | 40 | 00 53 29 c0 08 01 a1 05 '/q/x1'"),
            performative: .attach(
                Attach(name: "s", handle: 1, role: .sender, sndSettleMode: .settled, target: Target(address: "/q/x1")))),
        // flow: next-incoming-id 1, windows 100, next-outgoing-id 1, handle 0, delivery-count 0,
        // link-credit 10.
        Vector(
            name: "flow", body: hex("00 53 13 c0 0d 07 | 52 01 | 52 64 | 52 01 | 52 64 | 43 | 43 | 52 0a"),
            performative: .flow(
                Flow(
                    nextIncomingID: 1, incomingWindow: 100, nextOutgoingID: 1, outgoingWindow: 100, handle: 0,
                    deliveryCount: 0, linkCredit: 10))),
        // transfer: handle 0, delivery-id 0, delivery-tag 01, message-format 0, settled false.
        Vector(
            name: "transfer", body: hex("00 53 14 c0 08 05 | 43 | 43 | a0 01 01 | 43 | 42"),
            performative: .transfer(
                Transfer(handle: 0, deliveryID: 0, deliveryTag: [1], messageFormat: 0, settled: false))),
        // disposition: receiver, first 0, last null, settled, accepted.
        Vector(
            name: "disposition", body: hex("00 53 15 c0 09 05 | 41 | 43 | 40 | 41 | 00 53 24 45"),
            performative: .disposition(Disposition(role: .receiver, first: 0, settled: true, state: .accepted))),
        // detach: handle 1, closed, an error with condition and description (32 bytes, list size 27).
        Vector(
            name: "detach with error",
            body: hex("00 53 16 c0 24 03 | 52 01 | 41 | 00 53 1d c0 1b 02 a3 0e 'amqp:not-found' a1 08 'no queue'"),
            performative: .detach(
                Detach(handle: 1, closed: true, error: AMQPError(condition: "amqp:not-found", description: "no queue")))
        ),
        Vector(name: "end", body: hex("00 53 17 45"), performative: .end(End())),
        Vector(name: "close", body: hex("00 53 18 45"), performative: .close(Close())),
        // close with an error that carries info: {sym "x": uint 1}.
        Vector(
            name: "close with error info",
            body: hex("00 53 18 c0 1c 01 | 00 53 1d c0 16 03 a3 0a 'amqp:error' 40 c1 06 02 a3 01 'x' 52 01"),
            performative: .close(Close(error: AMQPError(condition: "amqp:error", info: [.symbol("x"): .uint(1)])))),
    ]

    @Test("each performative decodes from its bytes in a frame, however they arrive", arguments: vectors)
    func decodes(_ vector: Vector) throws {
        try expectFrames(frameBytes(type: 0, channel: 3, vector.body), [.amqp(channel: 3, vector.performative)])
    }

    @Test("each performative encodes to its bytes", arguments: vectors)
    func encodes(_ vector: Vector) throws {
        expectBytes(try encoded(.amqp(channel: 3, vector.performative)), frameBytes(type: 0, channel: 3, vector.body))
        expectBytes(try encoded(vector.performative.value), vector.body)
    }

    @Test("the symbolic descriptor is as good as the code")
    func symbolicDescriptor() throws {
        let body = hex("00 a3 0e 'amqp:open:list' c0 04 01 a1 01 63")
        try expectFrames(frameBytes(type: 0, body), [.amqp(channel: 0, .open(Open(containerID: "c")))])
    }

    @Test("a list shorter than the performative leaves the rest at their defaults")
    func defaults() throws {
        var reader = ByteReader(hex("00 53 10 c0 04 01 a1 01 63"))
        guard case .open(let open) = try Performative(Value.decode(from: &reader)) else {
            Issue.record("not an open")
            return
        }
        #expect(open.maxFrameSize == 4_294_967_295)
        #expect(open.channelMax == 65_535)
        #expect(open.idleTimeOut == nil)
        #expect(open.offeredCapabilities.isEmpty)
        // Nulls written out mean the same as fields left off.
        var nulls = ByteReader(hex("00 53 12 c0 0d 0a | a1 01 'l' | 43 | 42 | 40 40 40 40 40 40 40"))
        guard case .attach(let attach) = try Performative(Value.decode(from: &nulls)) else {
            Issue.record("not an attach")
            return
        }
        #expect(attach == Attach(name: "l", handle: 0, role: .sender))
        #expect(attach.sndSettleMode == .mixed && attach.rcvSettleMode == .first && !attach.incompleteUnsettled)
    }

    @Test("fields past the performative's last, which a later version may add, are ignored")
    func extraFields() throws {
        // end has one field (error); a peer sends two more.
        let body = hex("00 53 17 c0 05 03 40 52 01 41")
        try expectFrames(frameBytes(type: 0, body), [.amqp(channel: 0, .end(End()))])
    }

    @Test("capabilities are an array of symbols, or one symbol alone")
    func capabilities() throws {
        // offered-capabilities (the 8th field) as one symbol, desired as an array of two.
        let body = hex(
            "00 53 10 c0 1a 09 | a1 01 'c' 40 40 40 40 40 40 | a3 03 'one' | e0 09 02 a3 02 'ab' 03 'cde'")
        var reader = ByteReader(body)
        let open = try Open(fieldValue: Value.decode(from: &reader), .performative)
        #expect(open.offeredCapabilities == ["one"])
        #expect(open.desiredCapabilities == ["ab", "cde"])
        let encodedOpen = try encoded(open.fieldValue)
        #expect(encodedOpen.count == body.count + 3, "one symbol is written as an array of one")
    }

    @Test("a mandatory field that is missing or null is an error naming it")
    func missingMandatory() {
        let field = WireError.Field.field(composite: "begin", name: "next-outgoing-id")
        expectPerformativeError(hex("00 53 11 45"), .missingField(field))
        expectPerformativeError(hex("00 53 11 c0 03 02 40 40"), .missingField(field))
        expectPerformativeError(
            hex("00 53 14 c0 01 00"), .missingField(.field(composite: "transfer", name: "handle")))
    }

    @Test("a field of the wrong type, or outside its choices, is an error naming it")
    func wrongTypes() {
        expectPerformativeError(
            hex("00 53 10 c0 04 01 a3 01 63"),
            .unexpectedType(.field(composite: "open", name: "container-id"), expected: "string", found: "symbol"))
        expectPerformativeError(
            hex("00 53 12 c0 08 04 a1 01 'l' 43 42 50 07"),
            .invalidValue(.field(composite: "attach", name: "snd-settle-mode"), "7"))
        expectPerformativeError(
            hex("00 53 12 c0 0a 06 a1 01 'l' 43 42 40 40 52 01"),
            .unexpectedType(.field(composite: "attach", name: "source"), expected: "source", found: "uint"))
        expectPerformativeError(
            hex("00 53 15 c0 09 05 41 43 40 41 00 53 99 45"),
            .unknownDescriptor(.code(0x99), .field(composite: "disposition", name: "state")))
        expectPerformativeError(
            hex("00 53 10 a1 01 63"), .unexpectedType(.performative, expected: "open list", found: "string"))
    }

    @Test("an unknown descriptor is an error naming it")
    func unknownDescriptor() {
        expectPerformativeError(hex("00 53 30 45"), .unknownDescriptor(.code(0x30), .performative))
        expectPerformativeError(hex("00 a3 03 'foo' 45"), .unknownDescriptor(.symbol("foo"), .performative))
        expectPerformativeError(hex("45"), .unexpectedType(.performative, expected: "performative", found: "list"))
    }

    /// Checks that an AMQP frame around `body` fails to decode with `expected`.
    private func expectPerformativeError(
        _ body: [UInt8], _ expected: WireError, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        var reader = ByteReader(frameBytes(type: 0, body))
        #expect(throws: expected, sourceLocation: sourceLocation) { try Frame.decode(from: &reader) }
        #expect(reader.position == 0, sourceLocation: sourceLocation)
    }
}
