import AMQPWire
import TestSupport
import Testing

@testable import AMQP

@Suite("Publisher confirms against a scripted broker", .timeLimit(.minutes(5)))
struct PublisherConfirmTests {
    /// What the broker saw of one published message.
    struct Published: Sendable, Equatable {
        var routingKey: String
        var mandatory: Bool
        var body: [UInt8]
    }

    @Test("three publishes, a return of the second and one multiple ack: acked, returned, acked")
    func returnThenMultipleAck() throws {
        let (client, peer) = try FakePeer.start { broker in
            try broker.handshake(tune: ConnectionTune(channelMax: 2047, frameMax: 4096, heartbeat: 0))
            try broker.acceptChannel()
            _ = try broker.expect(ConfirmSelect.self, channel: 1)
            try broker.send(ConfirmSelectOk(), channel: 1)
            var published: [Published] = []
            for _ in 0..<3 {
                let publish = try broker.expect(BasicPublish.self, channel: 1)
                let (_, body) = try broker.expectContent(channel: 1)
                published.append(Published(routingKey: publish.routingKey, mandatory: publish.mandatory, body: body))
            }
            try broker.send(
                BasicReturn(replyCode: 312, replyText: "NO_ROUTE", exchange: "", routingKey: "nowhere"), channel: 1)
            try broker.sendContent(published[1].body, channel: 1, bodyFrameSizes: [4088])
            try broker.send(BasicAck(deliveryTag: 3, multiple: true), channel: 1)
            try broker.acceptClose()
            return published
        }
        let connection = try connect(client)
        let channel = try connection.openChannel()
        try channel.enableConfirms()
        let large = [UInt8](repeating: 0xAB, count: 9_000)
        #expect(try channel.publish(Array("one".utf8), routingKey: "orders", mandatory: true) == 1)
        #expect(try channel.publish(large, routingKey: "nowhere", mandatory: true) == 2)
        #expect(try channel.publish(Array("three".utf8), routingKey: "orders", mandatory: true) == 3)
        #expect(channel.unconfirmedCount == 3)

        #expect(try channel.waitForConfirms(deadline: .after(seconds: 5)))
        let returned = ReturnedMessage(replyCode: .noRoute, replyText: "NO_ROUTE", exchange: "", routingKey: "nowhere")
        #expect(
            channel.takeConfirmations() == [
                Confirmation(sequence: 1, outcome: .acked),
                Confirmation(sequence: 2, outcome: .returned(returned)),
                Confirmation(sequence: 3, outcome: .acked),
            ])
        #expect(channel.takeConfirmations().isEmpty)
        #expect(channel.takeReturns().isEmpty)
        #expect(channel.unconfirmedCount == 0)
        connection.close(deadline: .after(seconds: 5))

        #expect(
            try peer.finish() == [
                Published(routingKey: "orders", mandatory: true, body: Array("one".utf8)),
                Published(routingKey: "nowhere", mandatory: true, body: large),
                Published(routingKey: "orders", mandatory: true, body: Array("three".utf8)),
            ])
    }

    @Test("a nack settles as nacked; an ack the broker never owed is a protocol violation")
    func nackAndBogusAck() throws {
        let (client, peer) = try FakePeer.start { broker in
            try broker.handshake()
            try broker.acceptChannel()
            _ = try broker.expect(ConfirmSelect.self, channel: 1)
            try broker.send(ConfirmSelectOk(), channel: 1)
            _ = try broker.expect(BasicPublish.self, channel: 1)
            _ = try broker.expectContent(channel: 1)
            try broker.send(BasicNack(deliveryTag: 1), channel: 1)
            try broker.send(BasicAck(deliveryTag: 7), channel: 1)
            return try broker.expectViolationClose()
        }
        let connection = try connect(client)
        let channel = try connection.openChannel()
        try channel.enableConfirms()
        try channel.publish([1, 2, 3], routingKey: "orders")
        #expect(try channel.waitForConfirms(deadline: .after(seconds: 5)))
        #expect(channel.takeConfirmations() == [Confirmation(sequence: 1, outcome: .nacked)])
        let error = try #require(throws: AMQPError.self) { try channel.nextDelivery(deadline: .after(seconds: 5)) }
        #expect(error == .protocolViolation(.unknownConfirm(tag: 7)))
        #expect(try peer.finish() == ReplyCode.commandInvalid.rawValue)
    }

    @Test("a return without confirm mode waits in takeReturns")
    func returnWithoutConfirms() throws {
        let (client, peer) = try FakePeer.start { broker in
            try broker.handshake()
            try broker.acceptChannel()
            _ = try broker.expect(BasicPublish.self, channel: 1)
            let (_, body) = try broker.expectContent(channel: 1)
            try broker.send(
                BasicReturn(replyCode: 312, replyText: "NO_ROUTE", exchange: "", routingKey: "nowhere"), channel: 1)
            try broker.sendContent(body)
            try broker.acceptClose()
        }
        let connection = try connect(client)
        let channel = try connection.openChannel()
        #expect(try channel.publish([1], routingKey: "nowhere", mandatory: true) == nil)
        #expect(try channel.nextDelivery(deadline: .after(seconds: 0.5)) == nil)
        #expect(
            channel.takeReturns() == [
                ReturnedMessage(replyCode: .noRoute, replyText: "NO_ROUTE", exchange: "", routingKey: "nowhere")
            ])
        connection.close(deadline: .after(seconds: 5))
        try peer.finish()
    }

    @Test("channel.open, confirm.select and the first message travel together; their replies are checked as they come")
    func pipelinedOpenAndSelect() throws {
        let (client, peer) = try FakePeer.start { broker in
            try broker.handshake()
            // Nothing is answered until the message has arrived: the client must not wait in between.
            _ = try broker.expect(ChannelOpen.self, channel: 1)
            _ = try broker.expect(ConfirmSelect.self, channel: 1)
            _ = try broker.expect(BasicPublish.self, channel: 1)
            _ = try broker.expectContent(channel: 1)
            try broker.send(ChannelOpenOk(), channel: 1)
            try broker.send(ConfirmSelectOk(), channel: 1)
            try broker.send(BasicAck(deliveryTag: 1), channel: 1)
            try broker.acceptClose()
        }
        let connection = try connect(client)
        let channel = try connection.openChannel()
        try channel.enableConfirms()
        #expect(try channel.publish([1], routingKey: "orders") == 1)
        #expect(try channel.waitForConfirms(deadline: .after(seconds: 5)))
        #expect(channel.takeConfirmations() == [Confirmation(sequence: 1, outcome: .acked)])
        connection.close(deadline: .after(seconds: 5))
        try peer.finish()
    }

    @Test("a reply other than the one owed to confirm.select is a protocol violation")
    func wrongOwedReply() throws {
        let (client, peer) = try FakePeer.start { broker in
            try broker.handshake()
            try broker.acceptChannel()
            _ = try broker.expect(ConfirmSelect.self, channel: 1)
            _ = try broker.expect(BasicQos.self, channel: 1)
            try broker.send(QueuePurgeOk(messageCount: 0), channel: 1)
            return try broker.expectViolationClose()
        }
        let connection = try connect(client)
        let channel = try connection.openChannel()
        try channel.enableConfirms()
        let error = try #require(throws: AMQPError.self) {
            try channel.setPrefetch(count: 1, deadline: .after(seconds: 5))
        }
        #expect(
            error == .protocolViolation(.owedReplyMismatch(owed: ConfirmSelectOk.id, got: QueuePurgeOk.id, channel: 1)))
        #expect(try peer.finish() == ReplyCode.commandInvalid.rawValue)
    }
}
