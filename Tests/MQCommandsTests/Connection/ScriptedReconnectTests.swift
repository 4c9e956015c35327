import AMQPWire
import Foundation
import TestSupport
import Testing

@testable import MQCommands

/// mq through a lost connection, against scripted brokers (one per connection it opens): what
/// it publishes again, what it sets up again, what it never acks, and what it never retries.
@Suite("Reconnecting, against scripted brokers", .timeLimit(.minutes(5)))
struct ScriptedReconnectTests {
    /// One broker's script; what it returns is checked by the test.
    typealias Script = @Sendable (FakeBroker, _ stdoutPath: String) throws -> [String]

    /// RabbitMQ's close for a node that is shutting down: a loss worth reconnecting after.
    static let shutdown = ConnectionClose(
        replyCode: 320, replyText: "CONNECTION_FORCED - broker forced connection closure with reason 'shutdown'",
        classId: 0, methodId: 0)

    /// Closes the connection as a stopping node does, and waits for the client's close-ok.
    static func shutDown(_ broker: FakeBroker) throws -> [String] {
        try broker.send(shutdown)
        _ = try broker.expect(ConnectionCloseOk.self)
        return []
    }

    /// A broker that opens the connection and a channel, answers the `setUp` methods mq sends
    /// on it (qos and consume, say), then shuts down.
    static func setUpThenShutDown(_ setUp: Int) -> Script {
        { broker, _ in
            try broker.handshake()
            try broker.acceptChannel()
            _ = try broker.answer(setUp)
            return try Self.shutDown(broker)
        }
    }

    /// Plays a consumer's broker: qos and consume answered, "one" delivered and acked, then
    /// "two" delivered.
    static func oneAckedThenTwo(_ broker: FakeBroker) throws {
        try oneAcked(broker)
        try Self.deliver(2, "two", on: broker)
    }

    /// Plays a consumer's broker: qos and consume answered, "one" delivered and acked.
    static func oneAcked(_ broker: FakeBroker) throws {
        try broker.handshake()
        try broker.acceptChannel()
        _ = try broker.answer(2)
        try Self.deliver(1, "one", on: broker)
        _ = try broker.expect(BasicAck.self, channel: 1)
    }

    /// Plays a consumer's broker: qos and consume answered, "one" delivered and acked, then
    /// "two" delivered and the connection closed as a stopping node does, in one write: the
    /// close has arrived before mq could ack "two", so it must not take "two" for acked.
    static func oneAckedThenTwoAndShutDown(_ broker: FakeBroker) throws {
        try oneAcked(broker)
        var writer = ByteWriter()
        let two = Array("two".utf8)
        try Frame.writeMethod(
            BasicDeliver(consumerTag: "amq.ctag-1", deliveryTag: 2, redelivered: false, exchange: "", routingKey: "q"),
            channel: 1, to: &writer)
        try Frame.writeHeader(
            ContentHeader(bodySize: UInt64(two.count), properties: BasicProperties()), channel: 1, to: &writer)
        Frame.writeBody(two[...], channel: 1, to: &writer)
        try Frame.writeMethod(shutdown, channel: 0, to: &writer)
        try broker.send(raw: writer.bytes)
        _ = try broker.expect(ConnectionCloseOk.self)
    }

    /// Plays a publisher's broker up to its first message: the connection, a channel, confirms.
    static func openConfirming(_ broker: FakeBroker) throws {
        try broker.handshake()
        try broker.acceptChannel()
        try broker.acceptConfirms()
    }

    /// The names of `methods`, with what a test checks of them.
    static func describe(_ methods: [AMQPWire.Method]) -> [String] {
        methods.map { method in
            switch method {
            case .basicQos(let qos): "basic.qos \(qos.prefetchCount)"
            case .basicConsume(let consume): "basic.consume \(consume.queue)"
            case .queueBind(let bind): "queue.bind \(bind.exchange) \(bind.routingKey)"
            default: method.name
            }
        }
    }

    static func deliver(_ tag: UInt64, _ body: String, on broker: FakeBroker, redelivered: Bool = false) throws {
        try broker.send(
            BasicDeliver(
                consumerTag: "amq.ctag-1", deliveryTag: tag, redelivered: redelivered, exchange: "", routingKey: "q"),
            channel: 1)
        try broker.sendContent(Array(body.utf8))
    }

    /// The bodies of `count` publishes.
    static func publishes(_ count: Int, on broker: FakeBroker) throws -> [String] {
        try (0..<count).map { _ in String(decoding: try broker.expectPublish().body, as: UTF8.self) }
    }

    @Test("publish: what the lost channel had not confirmed is published again first, then the rest; exit 0, counted")
    func publishAgain() throws {
        let first: Script = { broker, _ in
            try Self.openConfirming(broker)
            let bodies = try Self.publishes(3, on: broker)
            try broker.send(BasicAck(deliveryTag: 1), channel: 1)
            return try bodies + Self.shutDown(broker)
        }
        let second: Script = { broker, _ in
            try Self.openConfirming(broker)
            let bodies = try Self.publishes(3, on: broker)
            try broker.send(BasicAck(deliveryTag: 3, multiple: true), channel: 1)
            try broker.answerUntilClose()
            return bodies
        }
        let run = try ScriptedRun.run(
            ["publish", "--queue", "q", "--lines", "--confirm-window", "3", "--json"], input: "a\nb\nc\nd\n",
            scripts: [first, second])
        #expect(run.status == .success, "\(run.stderr)")
        #expect(run.script == [["a", "b", "c"], ["b", "c", "d"]])
        let lines = run.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 2, "\(run.stderr)")
        #expect(
            lines.first
                == "mq: connection to 127.0.0.1:5672 lost (connection closed by the broker: CONNECTION_FORCED (320) - "
                + "broker forced connection closure with reason 'shutdown'); reconnecting for up to 5m"
        )
        #expect(lines.last?.hasPrefix("mq: reconnected to 127.0.0.1:5672 after ") == true, "\(run.stderr)")
        #expect(
            lines.last?.hasSuffix(" s; 2 unconfirmed messages published again (the broker may hold them twice)")
                == true, "\(run.stderr)")
        let summary = try #require(
            try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Int], "\(run.stdout)")
        #expect(summary["published"] == 4 && summary["confirmed"] == 4, "\(summary)")
        #expect(summary["reconnects"] == 1 && summary["republished"] == 2, "\(summary)")
    }

    @Test(
        "publish: a second loss while publishing again loses nothing; the next channel gets what the lost one did not confirm"
    )
    func lossWhilePublishingAgain() throws {
        // Bodies large enough that publishing one flushes the socket midway through publishing again.
        let bodies = ["a", "b", "c"].map { String(repeating: $0, count: 200_000) }
        let first: Script = { broker, _ in
            try Self.openConfirming(broker)
            let got = try Self.publishes(3, on: broker).map { String($0.prefix(1)) }
            try broker.send(BasicAck(deliveryTag: 1), channel: 1)
            return try got + Self.shutDown(broker)
        }
        let second: Script = { broker, _ in
            try Self.openConfirming(broker)
            broker.close()
            return []
        }
        let third: Script = { broker, _ in
            try Self.openConfirming(broker)
            let got = try Self.publishes(2, on: broker).map { String($0.prefix(1)) }
            try broker.send(BasicAck(deliveryTag: 2, multiple: true), channel: 1)
            try broker.answerUntilClose()
            return got
        }
        let run = try ScriptedRun.run(
            ["publish", "--queue", "q", "--lines", "--json"], input: bodies.map { $0 + "\n" }.joined(),
            scripts: [first, second, third])
        #expect(run.status == .success, "\(run.stderr)")
        #expect(run.script[0] == ["a", "b", "c"] && run.script[2] == ["b", "c"], "\(run.script)")
        let summary = try #require(
            try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Int], "\(run.stdout)")
        #expect(summary["published"] == 3 && summary["confirmed"] == 3, "\(summary)")
    }

    @Test(
        "consume --exec --count: a message whose command ran when the connection was lost comes again, runs again, and counts once"
    )
    func execCountThroughLoss() throws {
        let first: Script = { broker, _ in
            try Self.oneAckedThenTwo(broker)
            return try Self.shutDown(broker)
        }
        let second: Script = { broker, _ in
            try broker.handshake()
            try broker.acceptChannel()
            _ = try broker.answer(2)
            try Self.deliver(1, "two", on: broker, redelivered: true)
            let ack = try broker.expect(BasicAck.self, channel: 1)
            try broker.answerUntilClose()
            return ["ack \(ack.deliveryTag)"]
        }
        let run = try ScriptedRun.run(
            ["consume", "q", "--exec", "sleep 0.2; cat >/dev/null", "--count", "2"], scripts: [first, second])
        #expect(run.status == .success, "\(run.stderr)")
        #expect(run.script[1] == ["ack 1"])
    }

    @Test("publish with --reconnect-for 0: the first loss is exit 69 with the counts, as before")
    func reconnectingOff() throws {
        let run = try ScriptedRun.run(["publish", "--queue", "q", "--reconnect-for", "0", "hello"]) { broker, _ in
            try Self.openConfirming(broker)
            _ = try broker.expectPublish()
            return try Self.shutDown(broker)
        }
        #expect(run.status == .unavailable)
        #expect(
            run.stderr
                == "mq: connection closed by the broker: CONNECTION_FORCED (320) - broker forced connection closure "
                + "with reason 'shutdown'; 0 of 1 messages confirmed, 1 unconfirmed\n"
        )
    }

    @Test("a connection an operator closed is not reopened: exit 69, the reason said once")
    func operatorClose() throws {
        let run = try ScriptedRun.run(["consume", "q"]) { broker, _ in
            try broker.handshake()
            try broker.acceptChannel()
            _ = try broker.answer(2)
            try broker.send(
                ConnectionClose(
                    replyCode: 320, replyText: "CONNECTION_FORCED - Closed via management plugin", classId: 0,
                    methodId: 0))
            _ = try broker.expect(ConnectionCloseOk.self)
        }
        #expect(run.status == .unavailable)
        #expect(
            run.stderr
                == "mq: connection closed by the broker: CONNECTION_FORCED (320) - Closed via management plugin\n")
    }

    @Test("a reconnect the broker refuses (the password changed meanwhile) is exit 77 after the first refused try")
    func refusedOnReconnect() throws {
        let first = Self.setUpThenShutDown(2)
        let second: Script = { broker, _ in
            _ = try broker.readProtocolHeader()
            try broker.send(FakeBroker.start)
            _ = try broker.expect(ConnectionStartOk.self)
            let refusal = "ACCESS_REFUSED - Login was refused using authentication mechanism PLAIN."
            try broker.send(ConnectionClose(replyCode: 403, replyText: refusal, classId: 0, methodId: 0))
            return []
        }
        let run = try ScriptedRun.run(["consume", "q"], scripts: [first, second])
        #expect(run.status == .noPermission, "\(run.stderr)")
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 2, "\(run.stderr)")
        #expect(lines.last?.hasPrefix("mq: access refused for user 'guest'") == true, "\(run.stderr)")
    }

    @Test("a queue gone while mq was away is exit 1, naming it")
    func queueGoneOnReconnect() throws {
        let first = Self.setUpThenShutDown(2)
        let second: Script = { broker, _ in
            try broker.handshake()
            try broker.acceptChannel()
            _ = try broker.answer(1)
            _ = try broker.expect(BasicConsume.self, channel: 1)
            let close = ChannelClose(
                replyCode: 404, replyText: "NOT_FOUND - no queue 'q' in vhost '/'", classId: 60, methodId: 20)
            try broker.send(close, channel: 1)
            _ = try broker.expect(ChannelCloseOk.self, channel: 1)
            try broker.answerUntilClose()
            return []
        }
        let run = try ScriptedRun.run(["consume", "q"], scripts: [first, second])
        #expect(run.status == .refused, "\(run.stderr)")
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 2, "\(run.stderr)")
        #expect(
            lines.last?.hasPrefix("mq: queue 'q' in vhost") == true
                && lines.last?.hasSuffix("NOT_FOUND (404) - no queue 'q' in vhost '/'") == true)
    }

    @Test("consume: subscribed again with the same prefetch; no tag of the lost channel is acked on the new one")
    func consumeAgain() throws {
        let first: Script = { broker, _ in
            try Self.oneAckedThenTwoAndShutDown(broker)
            return []
        }
        let second: Script = { broker, _ in
            try broker.handshake()
            try broker.acceptChannel()
            let setup = try broker.answer(2)
            try Self.deliver(1, "two", on: broker, redelivered: true)
            // Only tag 1 is delivered on this channel so far: an ack of another is the lost channel's.
            var acks = [try broker.expect(BasicAck.self, channel: 1)]
            try Self.deliver(2, "three", on: broker)
            while acks.last?.deliveryTag != 2 { acks.append(try broker.expect(BasicAck.self, channel: 1)) }
            try broker.answerUntilClose()
            return Self.describe(setup) + acks.map { "ack \($0.deliveryTag)" }
        }
        let run = try ScriptedRun.run(["consume", "q", "--count", "3", "--prefetch", "10"], scripts: [first, second])
        #expect(run.status == .success, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        // "two" was written before the loss and not acked: it comes again, counted, not as the third.
        #expect(lines == ["one", "two", "two", "three"], "\(run.stdout)")
        #expect(run.stderr.contains("1 messages written and not yet acked will come again"), "\(run.stderr)")
        #expect(Array(run.script[1].prefix(3)) == ["basic.qos 3", "basic.consume q", "ack 1"], "\(run.script[1])")
        #expect(run.stderr.contains("mq: reconnected to 127.0.0.1:5672"), "\(run.stderr)")
    }

    @Test("an exchange tap declares and binds its queue again, and says what it missed")
    func tapAgain() throws {
        let first = Self.setUpThenShutDown(4)
        let second: Script = { broker, _ in
            try broker.handshake()
            try broker.acceptChannel()
            let setup = try broker.answer(4)
            let deliver = BasicDeliver(
                consumerTag: "amq.ctag-1", deliveryTag: 1, redelivered: false, exchange: "events", routingKey: "a.b")
            try broker.send(deliver, channel: 1)
            try broker.sendContent(Array("event".utf8))
            _ = try broker.expect(BasicAck.self, channel: 1)
            try broker.answerUntilClose()
            return Self.describe(setup)
        }
        let run = try ScriptedRun.run(
            ["consume", "--exchange", "events", "--key", "a.*", "--count", "1"], scripts: [first, second])
        #expect(run.status == .success, "\(run.stderr)")
        #expect(run.stdout == "event\n")
        #expect(run.script[1] == ["queue.declare", "queue.bind events a.*", "basic.qos 1", "basic.consume amq.gen-1"])
        #expect(
            run.stderr.contains("messages routed to exchange 'events' while mq was away did not reach it"),
            "\(run.stderr)")
    }
}
