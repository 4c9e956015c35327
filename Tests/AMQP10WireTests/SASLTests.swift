import AMQP10Wire
import TestSupport
import Testing

/// The SASL frames (spec 5.3.3): type 1 frames before the AMQP ones, from hand-checked bytes.
///
/// The vectors were also read by python-qpid-proton 0.40's decoder, which took exactly their
/// bytes and found the values meant.
@Suite("SASL frames")
struct SASLTests {
    static let vectors: [(body: [UInt8], frame: SASLPerformative)] = [
        // Mechanisms PLAIN and ANONYMOUS as an array of sym8: size 1 + 1 + 6 + 10 = 18.
        (
            hex("00 53 40 c0 15 01 | e0 12 02 a3 05 'PLAIN' 09 'ANONYMOUS'"),
            .saslMechanisms(SASLMechanisms(saslServerMechanisms: ["PLAIN", "ANONYMOUS"]))
        ),
        // PLAIN with the response \0guest\0guest and a hostname: 7 + 14 + 11 bytes.
        (
            hex("00 53 41 c0 21 03 | a3 05 'PLAIN' | a0 0c 00 'guest' 00 'guest' | a1 09 'localhost'"),
            .saslInit(
                SASLInit(mechanism: "PLAIN", initialResponse: Array("\0guest\0guest".utf8), hostname: "localhost"))
        ),
        (hex("00 53 42 c0 04 01 a0 01 'x'"), .saslChallenge(SASLChallenge(challenge: Array("x".utf8)))),
        (hex("00 53 43 c0 04 01 a0 01 'y'"), .saslResponse(SASLResponse(response: Array("y".utf8)))),
        (hex("00 53 44 c0 03 01 50 00"), .saslOutcome(SASLOutcome(code: .ok))),
        (
            hex("00 53 44 c0 07 02 50 01 a0 02 'no'"),
            .saslOutcome(SASLOutcome(code: .auth, additionalData: Array("no".utf8)))
        ),
    ]

    @Test("each SASL frame decodes from its bytes however they arrive, and encodes back to them")
    func vectors() throws {
        for (body, sasl) in Self.vectors {
            try expectFrames(frameBytes(type: 1, body), [.sasl(sasl)])
            expectBytes(try encoded(.sasl(sasl)), frameBytes(type: 1, body))
        }
    }

    @Test("the channel of a SASL frame is ignored")
    func channelIgnored() throws {
        try expectFrames(
            frameBytes(type: 1, channel: 9, hex("00 53 44 c0 03 01 50 00")),
            [.sasl(.saslOutcome(SASLOutcome(code: .ok)))])
    }

    @Test("one mechanism alone is a symbol, not an array; none at all is an error")
    func mechanisms() throws {
        let one = hex("00 53 40 c0 08 01 a3 05 'PLAIN'")
        try expectFrames(
            frameBytes(type: 1, one), [.sasl(.saslMechanisms(SASLMechanisms(saslServerMechanisms: ["PLAIN"])))])
        var reader = ByteReader(frameBytes(type: 1, hex("00 53 40 45")))
        #expect(throws: WireError.missingField(.field(composite: "sasl-mechanisms", name: "sasl-server-mechanisms"))) {
            try Frame.decode(from: &reader)
        }
    }

    @Test("an outcome code outside sasl-code is an error")
    func badCode() {
        var reader = ByteReader(frameBytes(type: 1, hex("00 53 44 c0 03 01 50 05")))
        #expect(throws: WireError.invalidValue(.field(composite: "sasl-outcome", name: "code"), "5")) {
            try Frame.decode(from: &reader)
        }
    }
}
