import AMQP
import AMQPWire
import TestSupport
import Testing
import Transport

@Suite("Deliveries assembled from method, header and body frames", .timeLimit(.minutes(5)))
struct DeliveryAssemblyTests {
    static let tune = ConnectionTune(channelMax: 2047, frameMax: 4096, heartbeat: 0)
    static let body = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
    static let properties = BasicProperties(
        contentType: "application/json", headers: ["attempt": .int32(2), "origin": .string("eu")], deliveryMode: 2,
        messageID: "m-1", timestamp: 1_700_000_000)

    /// Plays handshake, channel and consume, then runs `deliver` and waits for the client to close.
    static func consumer(
        _ deliver: @escaping @Sendable (FakeBroker) throws -> Void
    ) throws -> (client: SocketStream, peer: FakePeer<BasicConsume>) {
        try FakePeer.start { broker in
            try broker.handshake(tune: tune)
            try broker.acceptChannel()
            let consume = try broker.expect(BasicConsume.self, channel: 1)
            try broker.send(BasicConsumeOk(consumerTag: "ctag-1"), channel: 1)
            try deliver(broker)
            try broker.acceptClose()
            return consume
        }
    }

    @Test("a body split over several frames arrives whole, with its properties and tags")
    func splitBody() throws {
        let (client, peer) = try Self.consumer { broker in
            try broker.send(
                BasicDeliver(
                    consumerTag: "ctag-1", deliveryTag: 1, redelivered: true, exchange: "shop", routingKey: "orders.eu"),
                channel: 1)
            try broker.sendContent(Self.body, properties: Self.properties, bodyFrameSizes: [4088, 4088, 1824])
        }
        let connection = try connect(client)
        #expect(connection.tuning.frameMax == 4096)
        let channel = try connection.openChannel()
        #expect(try channel.consume(queue: "orders", deadline: .after(seconds: 5)) == "ctag-1")
        let delivery = try #require(try channel.nextDelivery(deadline: .after(seconds: 5)))
        #expect(delivery.body == Self.body)
        #expect(delivery.properties == Self.properties)
        #expect(delivery.consumerTag == "ctag-1")
        #expect(delivery.deliveryTag == 1)
        #expect(delivery.redelivered)
        #expect(delivery.exchange == "shop")
        #expect(delivery.routingKey == "orders.eu")
        #expect(delivery.messageCount == nil)
        connection.close(deadline: .after(seconds: 5))
        #expect(try peer.finish().queue == "orders")
    }

    @Test("uneven body frames, an empty body and frames sent one byte at a time all assemble")
    func unevenFramesAndEmptyBody() throws {
        let (client, peer) = try Self.consumer { broker in
            try broker.send(BasicDeliver(consumerTag: "ctag-1", deliveryTag: 1, routingKey: "a"), channel: 1)
            try broker.sendContent(Self.body, bodyFrameSizes: [1, 2, 3, 4000, 17])
            try broker.send(BasicDeliver(consumerTag: "ctag-1", deliveryTag: 2, routingKey: "b"), channel: 1)
            try broker.sendContent([])

            var writer = ByteWriter()
            try Frame.writeMethod(
                BasicDeliver(consumerTag: "ctag-1", deliveryTag: 3, routingKey: "c"), channel: 1, to: &writer)
            try Frame.writeHeader(ContentHeader(bodySize: 5), channel: 1, to: &writer)
            Frame.writeBody(Array("hello".utf8)[...], channel: 1, to: &writer)
            for byte in writer.bytes { try broker.send(raw: [byte]) }
        }
        let connection = try connect(client)
        let channel = try connection.openChannel()
        try channel.consume(queue: "orders", deadline: .after(seconds: 5))

        let first = try #require(try channel.nextDelivery(deadline: .after(seconds: 5)))
        #expect(first.body == Self.body)
        #expect(first.routingKey == "a")
        let empty = try #require(try channel.nextDelivery(deadline: .after(seconds: 5)))
        #expect(empty.body.isEmpty)
        #expect(empty.deliveryTag == 2)
        let trickled = try #require(try channel.nextDelivery(deadline: .after(seconds: 5)))
        #expect(trickled.body == Array("hello".utf8))
        #expect(trickled.deliveryTag == 3)
        #expect(try channel.nextDelivery(deadline: .after(seconds: 0.1)) == nil)
        connection.close(deadline: .after(seconds: 5))
        try peer.finish()
    }

    @Test("basic.get fetches a multi-frame message with the queue's remaining count")
    func getOk() throws {
        let (client, peer) = try FakePeer.start { broker in
            try broker.handshake(tune: Self.tune)
            try broker.acceptChannel()
            let get = try broker.expect(BasicGet.self, channel: 1)
            try broker.send(
                BasicGetOk(deliveryTag: 9, exchange: "", routingKey: "orders", messageCount: 41), channel: 1)
            try broker.sendContent(Self.body, bodyFrameSizes: [4088])
            _ = try broker.expect(BasicGet.self, channel: 1)
            try broker.send(BasicGetEmpty(), channel: 1)
            try broker.acceptClose()
            return get.queue
        }
        let connection = try connect(client)
        let channel = try connection.openChannel()
        let fetched = try #require(try channel.get(queue: "orders", deadline: .after(seconds: 5)))
        #expect(fetched.body == Self.body)
        #expect(fetched.deliveryTag == 9)
        #expect(fetched.messageCount == 41)
        #expect(try channel.get(queue: "orders", deadline: .after(seconds: 5)) == nil)
        connection.close(deadline: .after(seconds: 5))
        #expect(try peer.finish() == "orders")
    }
}
