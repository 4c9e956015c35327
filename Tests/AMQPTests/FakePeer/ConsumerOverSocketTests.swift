import AMQPWire
import TestSupport
import Testing

@testable import AMQP

@Suite("Consumers, acknowledgements and flow control against a scripted broker", .timeLimit(.minutes(5)))
struct ConsumerOverSocketTests {
    @Test("ack, nack, reject and recover reach the broker as sent")
    func acknowledgements() throws {
        let (client, peer) = try FakePeer.start { broker in
            try broker.handshake()
            try broker.acceptChannel()
            let received = try broker.answer(6)
            try broker.acceptClose()
            return received
        }
        let connection = try connect(client)
        let channel = try connection.openChannel()
        #expect(try channel.consume(queue: "orders", exclusive: true, deadline: .after(seconds: 5)) == "amq.ctag-1")
        let tag = { (value: UInt64) in DeliveryTag(value: value, channel: channel.serial) }
        // A tag of another channel (one lost since, say) is never sent on this one.
        #expect(try !channel.ack(DeliveryTag(value: 2, channel: channel.serial + 1)))
        #expect(try channel.ack(tag(1)))
        try channel.ack(tag(3), multiple: true)
        try channel.nack(tag(4), requeue: false)
        try channel.reject(tag(5))
        try channel.recover(deadline: .after(seconds: 5))
        connection.close(deadline: .after(seconds: 5))
        #expect(
            try peer.finish() == [
                .basicConsume(BasicConsume(queue: "orders", exclusive: true)),
                .basicAck(BasicAck(deliveryTag: 1)),
                .basicAck(BasicAck(deliveryTag: 3, multiple: true)),
                .basicNack(BasicNack(deliveryTag: 4, requeue: false)),
                .basicReject(BasicReject(deliveryTag: 5, requeue: true)),
                .basicRecover(BasicRecover(requeue: true)),
            ])
    }

    @Test("an ack after the broker's close has arrived fails with the close, and is not sent")
    func ackAfterClose() throws {
        let (client, peer) = try FakePeer.start { broker in
            try broker.handshake()
            try broker.acceptChannel()
            _ = try broker.answer(1)
            // The delivery and the close in one write: both have arrived when the client acks.
            var writer = ByteWriter()
            try Frame.writeMethod(
                BasicDeliver(consumerTag: "amq.ctag-1", deliveryTag: 1, routingKey: "orders"), channel: 1, to: &writer)
            try Frame.writeHeader(ContentHeader(bodySize: 1, properties: BasicProperties()), channel: 1, to: &writer)
            Frame.writeBody([0x61][...], channel: 1, to: &writer)
            try Frame.writeMethod(
                ConnectionClose(replyCode: 320, replyText: "CONNECTION_FORCED"), channel: 0, to: &writer)
            try broker.send(raw: writer.bytes)
            return try broker.receiveFrame()
        }
        let connection = try connect(client)
        let channel = try connection.openChannel()
        _ = try channel.consume(queue: "orders", deadline: .after(seconds: 5))
        let delivery = try #require(try channel.nextDelivery(deadline: .after(seconds: 5)))
        let error = try #require(throws: AMQPError.self) { try channel.ack(delivery.tag) }
        guard case .connectionClosed(let reason) = error else {
            Issue.record("expected connectionClosed, got \(error)")
            return
        }
        #expect(reason.replyCode == .connectionForced)
        #expect(try peer.finish() == .method(channel: 0, .connectionCloseOk(ConnectionCloseOk())))
    }

    @Test("a consumer the broker cancels is reported after its last delivery, and answered with cancel-ok")
    func brokerCancelsConsumer() throws {
        let (client, peer) = try FakePeer.start { broker in
            try broker.handshake()
            try broker.acceptChannel()
            _ = try broker.answer(1)
            try broker.send(BasicDeliver(consumerTag: "amq.ctag-1", deliveryTag: 1, routingKey: "orders"), channel: 1)
            try broker.sendContent(Array("last".utf8))
            try broker.send(BasicCancel(consumerTag: "amq.ctag-1"), channel: 1)
            let cancelOk = try broker.expect(BasicCancelOk.self, channel: 1)
            try broker.acceptChannel(2)
            try broker.acceptClose()
            return cancelOk.consumerTag
        }
        let connection = try connect(client)
        let channel = try connection.openChannel()
        let tag = try channel.consume(queue: "orders", deadline: .after(seconds: 5))
        let last = try #require(try channel.nextDelivery(deadline: .after(seconds: 5)))
        #expect(last.body == Array("last".utf8))
        let error = try #require(throws: AMQPError.self) { try channel.nextDelivery(deadline: .after(seconds: 5)) }
        guard case .consumerCancelled(let cancelled) = error else {
            Issue.record("expected consumerCancelled, got \(error)")
            return
        }
        #expect(cancelled == tag)
        try channel.cancel(consumerTag: tag, deadline: .after(seconds: 1))
        // Only the consumer ended: the connection carries on.
        #expect(try connection.openChannel().number == 2)
        connection.close(deadline: .after(seconds: 5))
        #expect(try peer.finish() == "amq.ctag-1")
    }

    @Test("channel.flow pauses publishing and is answered with flow-ok; connection.blocked is reported")
    func flowControl() throws {
        let (client, peer) = try FakePeer.start { broker in
            try broker.handshake()
            try broker.acceptChannel()
            try broker.send(ChannelFlow(active: false), channel: 1)
            try broker.send(ConnectionBlocked(reason: "low on memory"))
            let paused = try broker.expect(ChannelFlowOk.self, channel: 1)
            // The client's basic.qos says it has looked; then lift both.
            _ = try broker.answer(1)
            try broker.send(ChannelFlow(active: true), channel: 1)
            let resumed = try broker.expect(ChannelFlowOk.self, channel: 1)
            try broker.send(ConnectionUnblocked())
            try broker.acceptClose()
            return [paused.active, resumed.active]
        }
        let connection = try connect(client)
        let changes = BlockedChanges()
        connection.onBlockedChange = { changes.reasons.append($0) }
        let channel = try connection.openChannel()
        #expect(channel.mayPublish)
        _ = try channel.nextDelivery(deadline: .after(seconds: 0.3))
        #expect(!channel.mayPublish)
        #expect(connection.blockedReason == "low on memory")
        try channel.setPrefetch(count: 1, deadline: .after(seconds: 5))
        _ = try channel.nextDelivery(deadline: .after(seconds: 0.3))
        #expect(channel.mayPublish)
        #expect(connection.blockedReason == nil)
        #expect(changes.reasons == ["low on memory", nil])
        connection.close(deadline: .after(seconds: 5))
        #expect(try peer.finish() == [false, true])
    }

    /// Collects what `onBlockedChange` reports (called on the test's own thread).
    final class BlockedChanges {
        var reasons: [String?] = []
    }
}
