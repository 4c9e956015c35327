import AMQP
import Testing

@Suite("Tuning negotiation: the lower of two non-zero proposals, 0 meaning no limit")
struct TuningTests {
    /// (client, server, agreed) for one field.
    static let rule: [(UInt16, UInt16, UInt16)] = [
        (2047, 100, 100),
        (100, 2047, 100),
        (60, 60, 60),
        (0, 30, 30),
        (30, 0, 30),
        (0, 0, 0),
        (1, UInt16.max, 1),
    ]

    @Test("channel_max takes the lower non-zero proposal", arguments: rule)
    func channelMax(client: UInt16, server: UInt16, agreed: UInt16) {
        let result = Tuning.negotiate(
            client: Tuning(channelMax: client, frameMax: 131_072, heartbeat: 60),
            server: Tuning(channelMax: server, frameMax: 131_072, heartbeat: 60))
        #expect(result == Tuning(channelMax: agreed, frameMax: 131_072, heartbeat: 60))
    }

    @Test("frame_max takes the lower non-zero proposal", arguments: rule)
    func frameMax(client: UInt16, server: UInt16, agreed: UInt16) {
        let scale: UInt32 = 4096
        let result = Tuning.negotiate(
            client: Tuning(channelMax: 2047, frameMax: UInt32(client) * scale, heartbeat: 60),
            server: Tuning(channelMax: 2047, frameMax: UInt32(server) * scale, heartbeat: 60))
        #expect(result == Tuning(channelMax: 2047, frameMax: UInt32(agreed) * scale, heartbeat: 60))
    }

    @Test("frame_max compares the full 32-bit values")
    func frameMaxWide() {
        let result = Tuning.negotiate(
            client: Tuning(channelMax: 0, frameMax: UInt32.max, heartbeat: 0),
            server: Tuning(channelMax: 0, frameMax: 131_072, heartbeat: 0))
        #expect(result.frameMax == 131_072)
    }

    @Test(
        "heartbeat takes the lower non-zero proposal; a client's 0 turns heartbeats off",
        arguments: rule.map { $0.0 == 0 ? ($0.0, $0.1, 0) : $0 })
    func heartbeat(client: UInt16, server: UInt16, agreed: UInt16) {
        let result = Tuning.negotiate(
            client: Tuning(channelMax: 2047, frameMax: 131_072, heartbeat: client),
            server: Tuning(channelMax: 2047, frameMax: 131_072, heartbeat: server))
        #expect(result == Tuning(channelMax: 2047, frameMax: 131_072, heartbeat: agreed))
    }

    @Test("each field is negotiated on its own")
    func independentFields() {
        let result = Tuning.negotiate(
            client: Tuning(channelMax: 0, frameMax: 131_072, heartbeat: 10),
            server: Tuning(channelMax: 2047, frameMax: 0, heartbeat: 60))
        #expect(result == Tuning(channelMax: 2047, frameMax: 131_072, heartbeat: 10))
    }
}
