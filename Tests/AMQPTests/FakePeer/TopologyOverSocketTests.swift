import AMQP
import AMQPWire
import TestSupport
import Testing
import Transport

@Suite("Declaring, binding and deleting against a scripted broker", .timeLimit(.minutes(5)))
struct TopologyOverSocketTests {
    @Test("each topology call sends its method with our arguments and returns the broker's answer")
    func topologyRoundTrip() throws {
        let (client, peer) = try FakePeer.start { broker in
            try broker.handshake()
            try broker.acceptChannel()
            let received = try broker.answer(11)
            try broker.acceptClose()
            return received
        }
        let connection = try connect(client)
        let channel = try connection.openChannel()
        let deadline = Deadline.after(seconds: 5)
        try channel.declareExchange(
            "shop", type: "topic", arguments: ["alternate-exchange": .string("lost")], deadline: deadline)
        try channel.bindExchange("shop.eu", to: "shop", routingKey: "eu.#", deadline: deadline)
        try channel.unbindExchange("shop.eu", from: "shop", routingKey: "eu.#", deadline: deadline)
        let info = try channel.declareQueue("", durable: false, exclusive: true, deadline: deadline)
        try channel.bindQueue(info.name, to: "shop", routingKey: "eu.orders", deadline: deadline)
        try channel.unbindQueue(info.name, from: "shop", routingKey: "eu.orders", deadline: deadline)
        let purged = try channel.purgeQueue(info.name, deadline: deadline)
        let deleted = try channel.deleteQueue(info.name, ifUnused: true, deadline: deadline)
        try channel.deleteExchange("shop", ifUnused: true, deadline: deadline)
        try channel.setPrefetch(count: 10, deadline: deadline)
        try channel.close(deadline: deadline)
        try channel.close(deadline: deadline)
        connection.close(deadline: deadline)

        #expect(info.name == "amq.gen-1")
        #expect(info.messageCount == 3)
        #expect(info.consumerCount == 1)
        #expect(purged == 5)
        #expect(deleted == 2)
        let received = try peer.finish()
        #expect(
            received == [
                .exchangeDeclare(
                    ExchangeDeclare(
                        exchange: "shop", type: "topic", durable: true,
                        arguments: ["alternate-exchange": .string("lost")])),
                .exchangeBind(ExchangeBind(destination: "shop.eu", source: "shop", routingKey: "eu.#")),
                .exchangeUnbind(ExchangeUnbind(destination: "shop.eu", source: "shop", routingKey: "eu.#")),
                .queueDeclare(QueueDeclare(queue: "", exclusive: true)),
                .queueBind(QueueBind(queue: "amq.gen-1", exchange: "shop", routingKey: "eu.orders")),
                .queueUnbind(QueueUnbind(queue: "amq.gen-1", exchange: "shop", routingKey: "eu.orders")),
                .queuePurge(QueuePurge(queue: "amq.gen-1")),
                .queueDelete(QueueDelete(queue: "amq.gen-1", ifUnused: true)),
                .exchangeDelete(ExchangeDelete(exchange: "shop", ifUnused: true)),
                .basicQos(BasicQos(prefetchCount: 10)),
                .channelClose(ChannelClose(replyCode: 200, replyText: "closed by mq")),
            ])
    }

    @Test("a 404 on a passive declare names the exchange and the vhost")
    func notFound() throws {
        let (client, peer) = try FakePeer.start { broker in
            try broker.handshake()
            try broker.acceptChannel()
            _ = try broker.expect(ExchangeDeclare.self, channel: 1)
            try broker.send(
                ChannelClose(
                    replyCode: 404, replyText: "NOT_FOUND - no exchange 'shop' in vhost 'prod'", classId: 40,
                    methodId: 10), channel: 1)
            _ = try broker.expect(ChannelCloseOk.self, channel: 1)
            try broker.acceptClose()
        }
        let connection = try connect(client, settings: ConnectionSettings(virtualHost: "prod"))
        let channel = try connection.openChannel()
        let error = try #require(throws: AMQPError.self) {
            try channel.declareExchange("shop", passive: true, deadline: .after(seconds: 5))
        }
        #expect(
            error
                == .channelClosed(
                    CloseReason(
                        replyCode: .notFound, replyText: "NOT_FOUND - no exchange 'shop' in vhost 'prod'", classID: 40,
                        methodID: 10),
                    context: "exchange 'shop' in vhost 'prod'"))
        #expect(error.replyCode == .notFound)
        connection.close(deadline: .after(seconds: 5))
        try peer.finish()
    }

    @Test("a reply that never comes is timedOut at the call's deadline")
    func replyTimeout() throws {
        let (client, peer) = try FakePeer.start { broker in
            try broker.handshake()
            try broker.acceptChannel()
            _ = try broker.expect(QueueDeclare.self, channel: 1)
            try broker.acceptClose()
        }
        let connection = try connect(client)
        let channel = try connection.openChannel()
        let error = try #require(throws: AMQPError.self) {
            try channel.declareQueue("orders", deadline: .after(seconds: 0.2))
        }
        #expect(error == .timedOut(waitingFor: "queue.declare"))
        connection.close(deadline: .after(seconds: 5))
        try peer.finish()
    }
}
