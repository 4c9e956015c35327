import AMQP
import AMQPWire
import TestSupport
import Testing

@Suite("Heartbeats against a scripted broker", .timeLimit(.minutes(5)))
struct HeartbeatTests {
    @Test("a broker that goes silent is heartbeatTimeout, and meanwhile we send heartbeats")
    func silentBroker() throws {
        let (client, peer) = try FakePeer.start { broker in
            try broker.handshake(tune: ConnectionTune(channelMax: 2047, frameMax: 131_072, heartbeat: 1))
            try broker.acceptChannel()
            for _ in 0..<3 {
                try broker.send(Frame.heartbeat)
                broker.pause(seconds: 0.3)
            }
            // Silence from here on; the client must give up and close its end.
            broker.timeout = 10
            try broker.expectEndOfStream()
            return broker.heartbeatsReceived
        }
        var settings = ConnectionSettings()
        settings.heartbeat = 1
        let connection = try connect(client, settings: settings)
        #expect(connection.tuning.heartbeat == 1)
        let channel = try connection.openChannel()
        let error = try #require(throws: AMQPError.self) { try channel.nextDelivery(deadline: .after(seconds: 10)) }
        #expect(error == .heartbeatTimeout(seconds: 2))
        #expect(try peer.finish() >= 1)

        let later = try #require(throws: AMQPError.self) { try channel.nextDelivery(deadline: .after(seconds: 1)) }
        #expect(later == .heartbeatTimeout(seconds: 2))
    }

    @Test("a broker that keeps sending heartbeats keeps the connection alive past two intervals")
    func heartbeatsKeepAlive() throws {
        let (client, peer) = try FakePeer.start { broker in
            try broker.handshake(tune: ConnectionTune(channelMax: 2047, frameMax: 131_072, heartbeat: 1))
            try broker.acceptChannel()
            for _ in 0..<10 {
                try broker.send(Frame.heartbeat)
                broker.pause(seconds: 0.3)
            }
            try broker.acceptClose()
            return broker.heartbeatsReceived
        }
        var settings = ConnectionSettings()
        settings.heartbeat = 1
        let connection = try connect(client, settings: settings)
        let channel = try connection.openChannel()
        #expect(try channel.nextDelivery(deadline: .after(seconds: 2.5)) == nil)
        connection.close(deadline: .after(seconds: 5))
        #expect(try peer.finish() >= 1)
    }
}
