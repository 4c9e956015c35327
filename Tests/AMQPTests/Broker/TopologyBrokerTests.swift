import AMQP
import AMQPWire
import TestSupport
import Testing

@Suite("Declaring, binding and deleting on a real RabbitMQ", .needsBroker, .timeLimit(.minutes(5)))
struct TopologyBrokerTests {
    let connection: Connection
    let channel: Channel

    init() throws {
        connection = try TestBroker.connect()
        channel = try connection.openChannel()
    }

    /// Publishes `body` to `exchange` with `key` and returns the names of the queues that got it.
    private func route(
        _ exchange: String, key: String = "", headers: FieldTable? = nil, among queues: [String]
    ) throws -> Set<String> {
        try channel.enableConfirms()
        let body = Array(TestBroker.uniqueName("body").utf8)
        try channel.publish(body, exchange: exchange, routingKey: key, properties: BasicProperties(headers: headers))
        #expect(try channel.waitForConfirms(deadline: .after(seconds: 10)))
        _ = channel.takeConfirmations()
        var reached: Set<String> = []
        for queue in queues {
            while let delivery = try channel.get(queue: queue, noAck: true) {
                if delivery.body == body { reached.insert(queue) }
            }
        }
        return reached
    }

    /// Queues of this connection alone (exclusive: RabbitMQ 4.3 refuses transient shared queues).
    private func queues(_ count: Int) throws -> [String] {
        try (0..<count).map { _ in
            try channel.declareQueue(TestBroker.uniqueName("q"), durable: false, exclusive: true).name
        }
    }

    private func cleanUp(exchanges: [String], queues: [String]) throws {
        for queue in queues { try channel.deleteQueue(queue) }
        for exchange in exchanges { try channel.deleteExchange(exchange) }
        connection.close()
    }

    @Test("a direct exchange routes by exact key, and unbind stops it")
    func direct() throws {
        let exchange = TestBroker.uniqueName("direct")
        try channel.declareExchange(exchange, type: "direct", durable: false)
        let queues = try queues(2)
        try channel.bindQueue(queues[0], to: exchange, routingKey: "a")
        try channel.bindQueue(queues[1], to: exchange, routingKey: "b")
        #expect(try route(exchange, key: "a", among: queues) == [queues[0]])
        try channel.unbindQueue(queues[0], from: exchange, routingKey: "a")
        #expect(try route(exchange, key: "a", among: queues) == [])
        try cleanUp(exchanges: [exchange], queues: queues)
    }

    @Test("a fanout exchange routes to every bound queue")
    func fanout() throws {
        let exchange = TestBroker.uniqueName("fanout")
        try channel.declareExchange(exchange, type: "fanout", durable: false)
        let queues = try queues(2)
        for queue in queues { try channel.bindQueue(queue, to: exchange) }
        #expect(try route(exchange, key: "anything", among: queues) == Set(queues))
        try cleanUp(exchanges: [exchange], queues: queues)
    }

    @Test("a topic exchange routes by pattern")
    func topic() throws {
        let exchange = TestBroker.uniqueName("topic")
        try channel.declareExchange(exchange, type: "topic", durable: false)
        let queues = try queues(2)
        try channel.bindQueue(queues[0], to: exchange, routingKey: "orders.*")
        try channel.bindQueue(queues[1], to: exchange, routingKey: "#.eu")
        #expect(try route(exchange, key: "orders.eu", among: queues) == Set(queues))
        #expect(try route(exchange, key: "orders.us", among: queues) == [queues[0]])
        try cleanUp(exchanges: [exchange], queues: queues)
    }

    @Test("a headers exchange matches with x-match all and any")
    func headers() throws {
        let exchange = TestBroker.uniqueName("headers")
        try channel.declareExchange(exchange, type: "headers", durable: false)
        let queues = try queues(2)
        try channel.bindQueue(
            queues[0], to: exchange, arguments: ["x-match": .string("all"), "a": .string("1"), "b": .string("2")])
        try channel.bindQueue(
            queues[1], to: exchange, arguments: ["x-match": .string("any"), "a": .string("1"), "b": .string("2")])
        #expect(try route(exchange, headers: ["a": .string("1"), "b": .string("2")], among: queues) == Set(queues))
        #expect(try route(exchange, headers: ["a": .string("1")], among: queues) == [queues[1]])
        try cleanUp(exchanges: [exchange], queues: queues)
    }

    @Test("an exchange bound to an exchange forwards, until unbound")
    func exchangeToExchange() throws {
        let source = TestBroker.uniqueName("src")
        let destination = TestBroker.uniqueName("dst")
        try channel.declareExchange(source, type: "fanout", durable: false)
        try channel.declareExchange(destination, type: "fanout", durable: false)
        let queues = try queues(1)
        try channel.bindQueue(queues[0], to: destination)
        try channel.bindExchange(destination, to: source)
        #expect(try route(source, among: queues) == Set(queues))
        try channel.unbindExchange(destination, from: source)
        #expect(try route(source, among: queues) == [])
        try cleanUp(exchanges: [source, destination], queues: queues)
    }

    @Test("classic, quorum and stream queues are declared and deleted", arguments: ["classic", "quorum", "stream"])
    func queueTypes(type: String) throws {
        let name = TestBroker.uniqueName(type)
        let info = try channel.declareQueue(name, durable: true, arguments: ["x-queue-type": .string(type)])
        #expect(info.name == name)
        #expect(info.messageCount == 0)
        #expect(try channel.declareQueue(name, passive: true).name == name)
        try channel.deleteQueue(name)
        connection.close()
    }

    @Test("a server-named queue gets a generated name")
    func serverNamed() throws {
        let info = try channel.declareQueue("", durable: false, exclusive: true)
        #expect(info.name.hasPrefix("amq.gen-"))
        connection.close()
    }

    @Test("redeclaring with other settings is PRECONDITION_FAILED with the broker's text")
    func redeclareMismatch() throws {
        let name = TestBroker.uniqueName("redeclare")
        try channel.declareQueue(name, durable: true)
        let error = try #require(throws: AMQPError.self) { try channel.declareQueue(name, durable: false) }
        guard case .channelClosed(let reason, let context) = error else {
            Issue.record("expected channelClosed, got \(error)")
            return
        }
        #expect(reason.replyCode == .preconditionFailed)
        #expect(reason.methodName == "queue.declare")
        #expect(context == "queue '\(name)' in vhost '/'")
        #expect(reason.replyText.hasPrefix("PRECONDITION_FAILED - inequivalent arg 'durable'"))
        #expect(throws: AMQPError.self) { try channel.declareQueue(name, durable: true) }
        let cleanup = try connection.openChannel()
        try cleanup.deleteQueue(name)
        connection.close()
    }

    @Test("a passive declare of a missing queue is NOT_FOUND")
    func passiveMissing() throws {
        let error = try #require(throws: AMQPError.self) {
            try channel.declareQueue(TestBroker.uniqueName("missing"), passive: true)
        }
        #expect(error.replyCode == .notFound)
        connection.close()
    }

    @Test("purge empties a queue and reports the count")
    func purge() throws {
        let name = try queues(1)[0]
        try channel.enableConfirms()
        for _ in 0..<5 { try channel.publish([1], routingKey: name) }
        #expect(try channel.waitForConfirms(deadline: .after(seconds: 10)))
        #expect(try channel.purgeQueue(name) == 5)
        #expect(try channel.declareQueue(name, passive: true).messageCount == 0)
        try cleanUp(exchanges: [], queues: [name])
    }
}
