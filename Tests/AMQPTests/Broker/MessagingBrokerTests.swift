import AMQP
import AMQPWire
import TestSupport
import Testing

@Suite("Publishing and consuming on a real RabbitMQ", .needsBroker, .timeLimit(.minutes(5)))
struct MessagingBrokerTests {
    let connection: Connection
    let channel: Channel
    let queue: String

    init() throws {
        connection = try TestBroker.connect()
        channel = try connection.openChannel()
        queue = try channel.declareQueue(TestBroker.uniqueName("msg"), durable: true).name
    }

    private func finish() throws {
        let cleanup = try connection.openChannel()
        try cleanup.deleteQueue(queue)
        connection.close()
    }

    static let everyProperty = BasicProperties(
        contentType: "application/json", contentEncoding: "identity",
        headers: [
            "text": .string("héllo"), "count": .int32(-42), "big": .int64(1 << 40), "flag": .boolean(true),
            "ratio": .double(0.25), "when": .timestamp(1_700_000_000), "nothing": .void,
            "raw": .byteArray([0, 255]), "list": .array([.int32(1), .string("two"), .array([.boolean(false)])]),
            "nested": .table(["inner": .table(["deep": .string("yes")])]),
        ],
        deliveryMode: 2, priority: 7, correlationID: "corr-7", replyTo: "replies", expiration: "60000",
        messageID: "id-7", timestamp: 1_700_000_001, type: "test.type", userID: "guest", appID: "mq-tests",
        clusterID: "")

    @Test("a message with every property comes back from basic.get exactly")
    func everyPropertyRoundTrip() throws {
        try channel.enableConfirms()
        try channel.publish(Array("payload".utf8), routingKey: queue, properties: Self.everyProperty)
        #expect(try channel.waitForConfirms(deadline: .after(seconds: 10)))
        let delivery = try #require(try channel.get(queue: queue))
        #expect(delivery.body == Array("payload".utf8))
        #expect(delivery.properties == TestBroker.asDelivered(Self.everyProperty))
        #expect(delivery.exchange == "")
        #expect(delivery.routingKey == queue)
        #expect(delivery.messageCount == 0)
        try channel.ack(delivery.tag)
        #expect(try channel.get(queue: queue) == nil)
        try finish()
    }

    @Test("consumed messages arrive in order, and acked ones leave the queue")
    func consumeAndAck() throws {
        try channel.enableConfirms()
        for index in 0..<100 { try channel.publish(Array("m\(index)".utf8), routingKey: queue) }
        #expect(try channel.waitForConfirms(deadline: .after(seconds: 10)))
        try channel.setPrefetch(count: 10)
        let tag = try channel.consume(queue: queue)
        var bodies: [String] = []
        while bodies.count < 100, let delivery = try channel.nextDelivery(deadline: .after(seconds: 10)) {
            bodies.append(String(decoding: delivery.body, as: UTF8.self))
            #expect(delivery.consumerTag == tag)
            try channel.ack(delivery.tag)
        }
        #expect(bodies == (0..<100).map { "m\($0)" })
        try channel.cancel(consumerTag: tag)
        #expect(try channel.declareQueue(queue, passive: true).messageCount == 0)
        try finish()
    }

    @Test("unacknowledged deliveries go back to the queue when the connection closes")
    func unackedRequeued() throws {
        try channel.enableConfirms()
        for _ in 0..<3 { try channel.publish([7], routingKey: queue) }
        #expect(try channel.waitForConfirms(deadline: .after(seconds: 10)))
        try channel.consume(queue: queue)
        #expect(try channel.nextDelivery(deadline: .after(seconds: 10)) != nil)
        connection.close()
        let again = try TestBroker.connect()
        let check = try again.openChannel()
        #expect(try check.declareQueue(queue, passive: true).messageCount == 3)
        try check.deleteQueue(queue)
        again.close()
    }

    @Test("many messages in flight are all confirmed")
    func manyConfirms() throws {
        try channel.enableConfirms()
        var confirmed: [UInt64] = []
        for index in 0..<5000 {
            try channel.publish(Array("\(index)".utf8), routingKey: queue)
            if channel.unconfirmedCount >= 500 {
                #expect(try channel.waitForConfirms(atMost: 250, deadline: .after(seconds: 30)))
                confirmed += channel.takeConfirmations().map(\.sequence)
            }
        }
        #expect(try channel.waitForConfirms(deadline: .after(seconds: 30)))
        let all = channel.takeConfirmations()
        confirmed += all.map(\.sequence)
        #expect(confirmed.sorted() == Array(1...5000))
        #expect(all.allSatisfy { $0.outcome == .acked })
        #expect(try channel.declareQueue(queue, passive: true).messageCount == 5000)
        try finish()
    }

    @Test("a mandatory message no queue takes comes back as a return, matched to it")
    func mandatoryReturn() throws {
        try channel.enableConfirms()
        try channel.publish([1], routingKey: queue, mandatory: true)
        try channel.publish([2], routingKey: "no-such-queue-\(queue)", mandatory: true)
        try channel.publish([3], routingKey: queue, mandatory: true)
        #expect(try channel.waitForConfirms(deadline: .after(seconds: 10)))
        let outcomes = Dictionary(uniqueKeysWithValues: channel.takeConfirmations().map { ($0.sequence, $0.outcome) })
        #expect(outcomes[1] == .acked)
        #expect(outcomes[3] == .acked)
        guard case .returned(let returned)? = outcomes[2] else {
            Issue.record("expected message 2 to be returned, got \(String(describing: outcomes[2]))")
            return
        }
        #expect(returned.replyCode == .noRoute)
        #expect(returned.routingKey == "no-such-queue-\(queue)")
        try finish()
    }

    @Test("a message the queue rejects (overflow reject-publish) is nacked")
    func nack() throws {
        let limited = TestBroker.uniqueName("limited")
        try channel.declareQueue(
            limited, durable: true, arguments: ["x-max-length": .int32(1), "x-overflow": .string("reject-publish")])
        try channel.enableConfirms()
        try channel.publish([1], routingKey: limited)
        try channel.publish([2], routingKey: limited)
        #expect(try channel.waitForConfirms(deadline: .after(seconds: 10)))
        let outcomes = channel.takeConfirmations().sorted { $0.sequence < $1.sequence }.map(\.outcome)
        #expect(outcomes == [.acked, .nacked])
        try channel.deleteQueue(limited)
        try finish()
    }

    @Test("a 10 MiB message spans many frames and arrives intact")
    func largeMessage() throws {
        var body = [UInt8](repeating: 0, count: 10 << 20)
        for index in body.indices { body[index] = UInt8(truncatingIfNeeded: index &* 31 &+ index >> 8) }
        try channel.enableConfirms()
        try channel.publish(body, routingKey: queue)
        #expect(try channel.waitForConfirms(deadline: .after(seconds: 60)))
        try channel.consume(queue: queue, noAck: true)
        let delivery = try #require(try channel.nextDelivery(deadline: .after(seconds: 60)))
        #expect(delivery.body.count == body.count)
        #expect(delivery.body == body ? true : false, "the body differs")
        try finish()
    }

    @Test("an empty body is a message too")
    func emptyBody() throws {
        try channel.enableConfirms()
        try channel.publish([], routingKey: queue)
        #expect(try channel.waitForConfirms(deadline: .after(seconds: 10)))
        let delivery = try #require(try channel.get(queue: queue, noAck: true))
        #expect(delivery.body.isEmpty)
        try finish()
    }

    @Test("deleting the queue under a consumer cancels it, and the caller is told")
    func consumerCancelNotify() throws {
        let tag = try channel.consume(queue: queue)
        let other = try connection.openChannel()
        try other.deleteQueue(queue)
        let error = try #require(throws: AMQPError.self) { try channel.nextDelivery(deadline: .after(seconds: 10)) }
        guard case .consumerCancelled(let cancelled) = error else {
            Issue.record("expected consumerCancelled, got \(error)")
            return
        }
        #expect(cancelled == tag)
        connection.close()
    }

    @Test("publishing to a missing exchange closes the channel with NOT_FOUND")
    func missingExchange() throws {
        try channel.enableConfirms()
        try channel.publish([1], exchange: "no-such-exchange-\(queue)", routingKey: "k")
        let error = try #require(throws: AMQPError.self) { try channel.waitForConfirms(deadline: .after(seconds: 10)) }
        guard case .channelClosed(let reason, _) = error else {
            Issue.record("expected channelClosed, got \(error)")
            return
        }
        #expect(reason.replyCode == .notFound)
        #expect(reason.replyText.contains("no-such-exchange-\(queue)"))
        try finish()
    }
}
