import AMQP
import AMQPWire
import TestSupport
import Testing

@Suite("The broker closing the connection or a channel", .timeLimit(.minutes(5)))
struct BrokerCloseTests {
    @Test("connection.close from the broker during a wait is connectionClosed, and the broker gets close-ok")
    func brokerClosesConnection() throws {
        let (client, peer) = try FakePeer.start { broker in
            try broker.handshake()
            try broker.acceptChannel()
            broker.pause(seconds: 0.2)
            try broker.send(
                ConnectionClose(
                    replyCode: 320,
                    replyText: "CONNECTION_FORCED - broker forced connection closure with reason 'shutdown'"))
            _ = try broker.expect(ConnectionCloseOk.self)
            try broker.expectEndOfStream()
        }
        let connection = try connect(client)
        let channel = try connection.openChannel()
        let error = try #require(throws: AMQPError.self) { try channel.nextDelivery(deadline: .after(seconds: 5)) }
        guard case .connectionClosed(let reason) = error else {
            Issue.record("expected connectionClosed, got \(error)")
            return
        }
        #expect(reason.replyCode == .connectionForced)
        #expect(error.replyCode?.rawValue == 320)
        #expect(error == .connectionClosed(AMQPErrorDescriptionTests.forced))
        try peer.finish()

        let later = try #require(throws: AMQPError.self) { try connection.openChannel() }
        #expect(later == .connectionClosed(reason))
        #expect(throws: AMQPError.self) { try channel.publish([1], routingKey: "q") }
        connection.close(deadline: .after(seconds: 1))
    }

    static let inequivalent =
        "PRECONDITION_FAILED - inequivalent arg 'durable' for queue 'orders' in vhost '/': received 'true' but current "
        + "is 'false'"

    @Test(
        "channel.close from the broker is channelClosed naming the queue, the broker gets close-ok, and the channel stays closed"
    )
    func brokerClosesChannel() throws {
        let (client, peer) = try FakePeer.start { broker in
            try broker.handshake()
            try broker.acceptChannel()
            let declare = try broker.expect(QueueDeclare.self, channel: 1)
            try broker.send(
                ChannelClose(replyCode: 406, replyText: Self.inequivalent, classId: 50, methodId: 10), channel: 1)
            _ = try broker.expect(ChannelCloseOk.self, channel: 1)
            // The connection is still usable: a new channel may take the freed number.
            try broker.acceptChannel(1)
            try broker.acceptClose()
            return declare
        }
        let connection = try connect(client)
        let channel = try connection.openChannel()
        let error = try #require(throws: AMQPError.self) {
            try channel.declareQueue("orders", deadline: .after(seconds: 5))
        }
        guard case .channelClosed(let reason, _) = error else {
            Issue.record("expected channelClosed, got \(error)")
            return
        }
        #expect(reason.replyCode == .preconditionFailed)
        #expect(reason.methodName == "queue.declare")
        #expect(
            error
                == .channelClosed(
                    CloseReason(
                        replyCode: .preconditionFailed, replyText: Self.inequivalent, classID: 50, methodID: 10),
                    context: "queue 'orders' in vhost '/'"))
        #expect(channel.closeReason == reason)

        let again = try #require(throws: AMQPError.self) {
            try channel.declareQueue("orders", deadline: .after(seconds: 1))
        }
        #expect(again == .channelClosed(reason, context: "queue 'orders' in vhost '/'"))
        let publish = try #require(throws: AMQPError.self) { try channel.publish([1], routingKey: "orders") }
        #expect(publish == .channelClosed(reason, context: nil))

        let second = try connection.openChannel()
        #expect(second.number == 1)
        connection.close(deadline: .after(seconds: 5))
        let declare = try peer.finish()
        #expect(declare.queue == "orders")
        #expect(declare.durable)
    }
}
