import AMQP10Wire
import TestSupport
import Testing

/// Frames (spec 2.3): size, data offset, type, channel, an extended header the offset skips, the
/// body; empty frames as heartbeats; the protocol headers before them (spec 2.2).
@Suite("Frames")
struct FrameTests {
    static let openBody = hex("00 53 10 c0 04 01 a1 01 63")
    static let open = Frame.amqp(channel: 0, .open(Open(containerID: "c")))

    @Test("an empty frame is a heartbeat on its channel")
    func emptyFrames() throws {
        try expectFrames(hex("00000008 02 00 0000"), [.empty(channel: 0)])
        try expectFrames(hex("00000008 02 00 0007"), [.empty(channel: 7)])
        expectBytes(try encoded(.empty(channel: 0)), hex("00000008 02 00 0000"))
    }

    @Test("the data offset skips an extended header; ours is never written")
    func extendedHeader() throws {
        // Data offset 3: four bytes of extended header between the header and the body.
        try expectFrames(hex("00000015 03 00 0000 | deadbeef") + Self.openBody, [Self.open])
        try expectFrames(hex("00000010 04 00 0001 | 0000000000000000"), [.empty(channel: 1)])
        expectBytes(try encoded(Self.open), hex("00000011 02 00 0000") + Self.openBody)
    }

    @Test("a transfer's payload is the bytes after its performative")
    func transferPayload() throws {
        let transfer = hex("00 53 14 c0 05 03 43 43 a0 00")
        let payload = hex("00 53 75 a0 02 'hi'")
        let frame = Frame.amqp(
            channel: 1, .transfer(Transfer(handle: 0, deliveryID: 0, deliveryTag: [])), payload: payload)
        try expectFrames(frameBytes(type: 0, channel: 1, transfer + payload), [frame])
        expectBytes(try encoded(frame), frameBytes(type: 0, channel: 1, transfer + payload))
    }

    @Test("frames back to back decode one by one, however the bytes arrive")
    func backToBack() throws {
        let sasl = frameBytes(type: 1, hex("00 53 44 c0 03 01 50 00"))
        let stream = sasl + frameBytes(type: 0, Self.openBody) + hex("00000008 02 00 0000") + hex("00000008 02 00 0000")
        try expectFrames(
            stream, [.sasl(.saslOutcome(SASLOutcome(code: .ok))), Self.open, .empty(channel: 0), .empty(channel: 0)])
    }

    @Test("a frame header that cannot be right is an error as soon as it arrives")
    func badHeaders() {
        expectFrameError(hex("00000007 02 00 0000"), .malformed(.frameHeader, .frameSize(7)))
        expectFrameError(hex("00000008 01 00 0000"), .malformed(.frameHeader, .dataOffset(1, frameSize: 8)))
        expectFrameError(hex("00000008 03 00 0000"), .malformed(.frameHeader, .dataOffset(3, frameSize: 8)))
        expectFrameError(hex("00000010 02 02 0000"), .malformed(.frameHeader, .frameType(2)))
        expectFrameError(hex("00000201 02 00 0000"), .frameTooLarge(size: 513, max: 512), maxFrameSize: 512)
        // A 0-9-1 method frame (type 1, channel 0, size 5) read as a 1.0 header claims 16 MiB.
        expectFrameError(hex("01 0000 00000005 00"), .frameTooLarge(size: 0x0100_0000, max: 4096), maxFrameSize: 4096)
    }

    @Test("a body must be what its frame type carries, and nothing more")
    func badBodies() {
        expectFrameError(frameBytes(type: 1, []), .malformed(.frameHeader, .emptySASLFrame))
        expectFrameError(frameBytes(type: 0, Self.openBody + [0x40]), .malformed(.performative, .unreadBytes(1)))
        expectFrameError(
            frameBytes(type: 1, hex("00 53 44 c0 03 01 50 00 40")), .malformed(.performative, .unreadBytes(1)))
        expectFrameError(frameBytes(type: 1, Self.openBody), .unknownDescriptor(.code(0x10), .performative))
        expectFrameError(
            frameBytes(type: 0, hex("00 53 44 c0 03 01 50 00")), .unknownDescriptor(.code(0x44), .performative))
        // A body that ends inside its performative, and a list whose elements pass its size.
        expectFrameError(frameBytes(type: 0, Array(Self.openBody.dropLast())), .truncated(.performative))
        expectFrameError(frameBytes(type: 0, hex("00 53")), .truncated(.performative))
        expectFrameError(
            frameBytes(type: 0, hex("00 53 10 c0 02 01 a1 01 63")), .malformed(.performative, .overrunsSize(2)))
    }

    @Test("the protocol headers: AMQP, TLS and SASL, version 1.0.0")
    func protocolHeaders() throws {
        let headers: [(ProtocolHeader, [UInt8])] = [
            (.amqp, hex("'AMQP' 00 01 00 00")), (.tls, hex("'AMQP' 02 01 00 00")), (.sasl, hex("'AMQP' 03 01 00 00")),
        ]
        for (header, bytes) in headers {
            #expect(header.bytes == bytes)
            var reader = ByteReader(bytes + [0x00])
            #expect(try ProtocolHeader.decode(from: &reader) == header)
            #expect(reader.remaining == 1)
            for length in 0..<bytes.count {
                var prefix = ByteReader(bytes, limit: length)
                #expect(try ProtocolHeader.decode(from: &prefix) == nil)
                #expect(prefix.position == 0)
            }
        }
    }

    @Test("a header that is not AMQP 1.0 is an error carrying its bytes")
    func foreignHeaders() {
        for bytes in [
            hex("'AMQP' 00 00 09 01"), hex("'AMQP' 01 01 00 00"), hex("'AMQP' 00 01 00 01"), hex("'HTTP/1.1'"),
        ] {
            var reader = ByteReader(bytes)
            #expect(throws: WireError.protocolHeader(bytes)) { try ProtocolHeader.decode(from: &reader) }
        }
        #expect(
            WireError.protocolHeader(hex("'AMQP' 00 00 09 01")).description
                == "not an AMQP 1.0 protocol header: AMQP\\x00\\x00\\x09\\x01")
    }

    /// Checks that `bytes` fail to decode as a frame with `expected`, without moving the reader.
    private func expectFrameError(
        _ bytes: [UInt8], _ expected: WireError, maxFrameSize: UInt32 = .max,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        var reader = ByteReader(bytes)
        #expect(throws: expected, sourceLocation: sourceLocation) {
            try Frame.decode(from: &reader, maxFrameSize: maxFrameSize)
        }
        #expect(reader.position == 0, sourceLocation: sourceLocation)
    }
}

/// What a connection tells a peer that sent bytes it cannot decode (spec 2.8.15, 2.8.16).
@Suite("Wire error conditions")
struct WireErrorConditionTests {
    @Test("frames that cannot be told apart are a framing error; a wrong frame is a decode error")
    func conditions() {
        #expect(WireError.malformed(.frameHeader, .frameSize(3)).condition == "amqp:connection:framing-error")
        #expect(WireError.frameTooLarge(size: 9000, max: 512).condition == "amqp:connection:framing-error")
        #expect(WireError.protocolHeader(hex("'AMQP' 00 00 09 01")).condition == "amqp:connection:framing-error")
        #expect(WireError.malformed(.performative, .invalidUTF8).condition == "amqp:decode-error")
        #expect(
            WireError.missingField(.field(composite: "open", name: "container-id")).condition == "amqp:decode-error")
        #expect(WireError.unknownDescriptor(.code(0x30), .performative).condition == ErrorCondition.AMQP.decodeError)
    }

    @Test("an error's description names the place and the fault")
    func descriptions() {
        #expect(
            WireError.missingField(.field(composite: "begin", name: "next-outgoing-id")).description
                == "mandatory begin field next-outgoing-id is missing")
        #expect(
            WireError.unknownDescriptor(.code(0x30), .performative).description
                == "unknown descriptor 0x00000000:0x00000030 in performative")
        #expect(
            WireError.malformed(.section("data"), .countExceedsSize(count: 9, size: 2)).description
                == "malformed data section: 9 elements cannot fit in 2 bytes")
        #expect(
            WireError.unexpectedType(.field(composite: "attach", name: "role"), expected: "boolean", found: "uint")
                .description == "attach field role is uint, not boolean")
    }
}
