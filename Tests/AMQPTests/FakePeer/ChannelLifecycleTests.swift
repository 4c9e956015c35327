import AMQP
import AMQPWire
import TestSupport
import Testing

@Suite("Opening and closing channels against a scripted broker", .timeLimit(.minutes(5)))
struct ChannelLifecycleTests {
    @Test("channels take the lowest free number, and a number freed by close is reused")
    func numbering() throws {
        let (client, peer) = try FakePeer.start { broker in
            try broker.handshake()
            try broker.acceptChannel(1)
            try broker.acceptChannel(2)
            _ = try broker.answer(1, channel: 1)
            try broker.acceptChannel(1)
            try broker.acceptClose()
        }
        let connection = try connect(client)
        let first = try connection.openChannel()
        let second = try connection.openChannel()
        #expect([first.number, second.number] == [1, 2])
        try first.close(deadline: .after(seconds: 5))
        let error = try #require(throws: AMQPError.self) {
            try first.declareQueue("orders", deadline: .after(seconds: 1))
        }
        #expect(error == .closed(.channel(1)))
        let waiting = try #require(throws: AMQPError.self) { try first.nextDelivery(deadline: .after(seconds: 1)) }
        #expect(waiting == .closed(.channel(1)))
        // Using a closed channel is that channel's error; the connection carries on.
        let third = try connection.openChannel()
        #expect(third.number == 1)
        connection.close(deadline: .after(seconds: 5))
        try peer.finish()
    }

    @Test("no more channels than the agreed channel_max may be open")
    func channelMax() throws {
        let (client, peer) = try FakePeer.start { broker in
            try broker.handshake(tune: ConnectionTune(channelMax: 2, frameMax: 131_072, heartbeat: 0))
            try broker.acceptChannel(1)
            try broker.acceptChannel(2)
            try broker.acceptClose()
        }
        let connection = try connect(client)
        _ = try connection.openChannel()
        _ = try connection.openChannel()
        let error = try #require(throws: AMQPError.self) { try connection.openChannel() }
        #expect(error == .invalidArgument(.channelsExhausted(limit: 2)))
        connection.close(deadline: .after(seconds: 5))
        try peer.finish()
    }

    @Test("a frame on a channel the client never opened is a protocol violation")
    func frameOnUnknownChannel() throws {
        let (client, peer) = try FakePeer.start { broker in
            try broker.handshake()
            try broker.send(BasicDeliver(consumerTag: "c", deliveryTag: 1), channel: 3)
            _ = try broker.expect(ChannelOpen.self, channel: 1)
            _ = try broker.expect(ChannelClose.self, channel: 1)
            return try broker.expectViolationClose()
        }
        let connection = try connect(client)
        // channel.open does not wait: the violation shows at the channel's first wait.
        let channel = try connection.openChannel()
        let error = try #require(throws: AMQPError.self) { try channel.close(deadline: .after(seconds: 5)) }
        #expect(error == .protocolViolation(.frameOnClosedChannel(3)))
        // 505 UNEXPECTED_FRAME, as the spec asks.
        #expect(try peer.finish() == ReplyCode.unexpectedFrame.rawValue)
    }
}
