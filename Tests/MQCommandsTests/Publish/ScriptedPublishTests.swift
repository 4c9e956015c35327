import AMQPWire
import Foundation
import TestSupport
import Testing

@testable import MQCommands

/// `mq publish` run in this process against a scripted broker: what it sends, when it holds
/// back, and what it makes of acks, nacks, returns and a blocked connection.
@Suite("mq publish against a scripted broker", .timeLimit(.minutes(5)))
struct ScriptedPublishTests {
    @Test("no more than --confirm-window messages wait for confirms; the rest go out once acks arrive")
    func confirmWindow() throws {
        let run = try ScriptedRun.run(
            ["publish", "--queue", "q", "--lines", "--confirm-window", "2"], input: "a\nb\nc\nd\n"
        ) { broker, _ in
            try broker.handshake()
            try broker.acceptChannel()
            try broker.acceptConfirms()
            var bodies = [try broker.expectPublish().body, try broker.expectPublish().body]
            try broker.expectSilence(seconds: 0.3)
            try broker.send(BasicAck(deliveryTag: 2, multiple: true), channel: 1)
            bodies += [try broker.expectPublish().body, try broker.expectPublish().body]
            try broker.send(BasicAck(deliveryTag: 4, multiple: true), channel: 1)
            try broker.answerUntilClose()
            return bodies.map { String(decoding: $0, as: UTF8.self) }
        }
        #expect(run.status == .success, "\(run.stderr)")
        #expect(run.script == ["a", "b", "c", "d"])
        #expect(run.stderr.isEmpty)
    }

    @Test("every message goes to the default exchange with the queue as key, mandatory, as published")
    func publishedAs() throws {
        let run = try ScriptedRun.run(["publish", "--queue", "orders", "--persistent", "hello"]) { broker, _ in
            try broker.handshake()
            try broker.acceptChannel()
            try broker.acceptConfirms()
            let publish = try broker.expect(BasicPublish.self, channel: 1)
            let content = try broker.expectContent()
            try broker.send(BasicAck(deliveryTag: 1), channel: 1)
            try broker.answerUntilClose()
            return (publish, content.header.properties.deliveryMode, content.body)
        }
        #expect(run.status == .success, "\(run.stderr)")
        #expect(run.script.0 == BasicPublish(exchange: "", routingKey: "orders", mandatory: true))
        #expect(run.script.1 == 2)
        #expect(run.script.2 == Array("hello".utf8))
    }

    @Test("a nacked message is exit 2, said on stderr with the counts")
    func nacked() throws {
        let run = try ScriptedRun.run(["publish", "--queue", "q", "--lines"], input: "a\nb\n") { broker, _ in
            try broker.handshake()
            try broker.acceptChannel()
            try broker.acceptConfirms()
            _ = try broker.expectPublish()
            _ = try broker.expectPublish()
            try broker.send(BasicAck(deliveryTag: 1), channel: 1)
            try broker.send(BasicNack(deliveryTag: 2), channel: 1)
            try broker.answerUntilClose()
        }
        #expect(run.status == .unconfirmed)
        #expect(run.stderr.contains("1 of 2 messages not confirmed (0 returned, 1 nacked)"), "\(run.stderr)")
    }

    @Test("a message returned as unroutable is exit 2, naming the reply")
    func returned() throws {
        let run = try ScriptedRun.run(["publish", "--queue", "nowhere", "hello"]) { broker, _ in
            try broker.handshake()
            try broker.acceptChannel()
            try broker.acceptConfirms()
            _ = try broker.expectPublish()
            try broker.send(
                BasicReturn(replyCode: 312, replyText: "NO_ROUTE", exchange: "", routingKey: "nowhere"), channel: 1)
            try broker.sendContent(Array("hello".utf8))
            try broker.send(BasicAck(deliveryTag: 1), channel: 1)
            try broker.answerUntilClose()
        }
        #expect(run.status == .unconfirmed)
        #expect(run.stderr.contains("NO_ROUTE"), "\(run.stderr)")
        #expect(run.stderr.contains("1 of 1 messages not confirmed (1 returned, 0 nacked)"), "\(run.stderr)")
    }

    @Test("while the broker blocks the connection nothing is published; after unblocked the rest goes out")
    func blocked() throws {
        let run = try ScriptedRun.run(["publish", "--queue", "q", "--lines", "--confirm-window", "1"], input: "a\nb\n")
        { broker, _ in
            try broker.handshake()
            try broker.send(ConnectionBlocked(reason: "low on memory"))
            try broker.acceptChannel()
            try broker.acceptConfirms()
            _ = try broker.expectPublish()
            try broker.send(BasicAck(deliveryTag: 1), channel: 1)
            try broker.expectSilence(seconds: 0.3)
            try broker.send(ConnectionUnblocked())
            let second = try broker.expectPublish().body
            try broker.send(BasicAck(deliveryTag: 2), channel: 1)
            try broker.answerUntilClose()
            return second
        }
        #expect(run.status == .success, "\(run.stderr)")
        #expect(run.script == Array("b".utf8))
        #expect(run.stderr.contains("the broker blocked publishing (low on memory); waiting"), "\(run.stderr)")
    }

    @Test("a broker that never confirms is exit 69 after --timeout, saying how far publishing got")
    func unanswered() throws {
        let run = try ScriptedRun.run(["publish", "--queue", "q", "--timeout", "0.5s", "hello"]) { broker, _ in
            try broker.handshake()
            try broker.acceptChannel()
            try broker.acceptConfirms()
            _ = try broker.expectPublish()
            try broker.answerUntilClose()
        }
        #expect(run.status == .unavailable)
        #expect(run.stderr.contains("timed out after 0.5 s waiting for confirms"), "\(run.stderr)")
    }
}
