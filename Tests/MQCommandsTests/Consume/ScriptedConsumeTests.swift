import AMQPWire
import Foundation
import TestSupport
import Testing

@testable import MQCommands

/// `mq consume` run in this process against a scripted broker: what it asks for, that it acks
/// only what its output already holds, and what a cancel from the broker does.
@Suite("mq consume against a scripted broker", .timeLimit(.minutes(5)))
struct ScriptedConsumeTests {
    static func deliver(_ tag: UInt64) -> BasicDeliver {
        BasicDeliver(consumerTag: "amq.ctag-1", deliveryTag: tag, redelivered: false, exchange: "", routingKey: "q")
    }

    @Test("with --count, prefetch is capped, and the ack (multiple) comes only once both messages are in the output")
    func acksAfterOutput() throws {
        let run = try ScriptedRun.run(["consume", "q", "--count", "2"]) { broker, stdoutPath in
            try broker.handshake()
            try broker.acceptChannel()
            let setup = try broker.answer(2)
            try broker.send(Self.deliver(1), channel: 1)
            try broker.sendContent(Array("one".utf8))
            try broker.send(Self.deliver(2), channel: 1)
            try broker.sendContent(Array("two".utf8))
            var acked: UInt64 = 0
            var outputAtAcks: [String] = []
            while acked < 2 {
                let ack = try broker.expect(BasicAck.self, channel: 1)
                outputAtAcks.append((try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "")
                #expect(ack.deliveryTag > acked)
                acked = ack.multiple || ack.deliveryTag == acked + 1 ? ack.deliveryTag : acked
            }
            try broker.answerUntilClose()
            return (setup, outputAtAcks)
        }
        #expect(run.status == .success, "\(run.stderr)")
        #expect(run.stdout == "one\ntwo\n")
        guard case .basicQos(let qos) = run.script.0.first, case .basicConsume(let consume) = run.script.0.last else {
            Issue.record("expected basic.qos then basic.consume, got \(run.script.0.map(\.name))")
            return
        }
        #expect(qos.prefetchCount == 2)
        #expect(consume.queue == "q")
        #expect(!consume.noAck)
        // Each ack went out only when the output already held what it acknowledges.
        #expect(run.script.1.last == "one\ntwo\n")
        #expect(run.script.1.allSatisfy { $0.hasPrefix("one\n") })
    }

    @Test(
        "a consumer cancelled by the broker is exit 1, naming it, after the messages before the cancel are written and acked"
    )
    func cancelledByBroker() throws {
        let run = try ScriptedRun.run(["consume", "q"]) { broker, _ in
            try broker.handshake()
            try broker.acceptChannel()
            _ = try broker.answer(2)
            try broker.send(Self.deliver(1), channel: 1)
            try broker.sendContent(Array("last".utf8))
            let ack = try broker.expect(BasicAck.self, channel: 1)
            try broker.send(BasicCancel(consumerTag: "amq.ctag-1"), channel: 1)
            _ = try broker.expect(BasicCancelOk.self, channel: 1)
            try broker.answerUntilClose()
            return ack.deliveryTag
        }
        #expect(run.status == .refused)
        #expect(run.stdout == "last\n")
        #expect(run.script == 1)
        #expect(
            run.stderr.contains("the broker cancelled consumer 'amq.ctag-1' (was its queue deleted?)"), "\(run.stderr)")
    }

    @Test("with --no-ack nothing is acked, and the consumer says so in basic.consume")
    func noAck() throws {
        let run = try ScriptedRun.run(["consume", "q", "--count", "1", "--no-ack"]) { broker, _ in
            try broker.handshake()
            try broker.acceptChannel()
            let setup = try broker.answer(2)
            try broker.send(Self.deliver(1), channel: 1)
            try broker.sendContent(Array("x".utf8))
            return setup + (try broker.answerUntilClose())
        }
        #expect(run.status == .success, "\(run.stderr)")
        #expect(run.stdout == "x\n")
        guard case .basicConsume(let consume) = run.script[1] else {
            Issue.record("expected basic.consume, got \(run.script.map(\.name))")
            return
        }
        #expect(consume.noAck)
        #expect(!run.script.contains { if case .basicAck = $0 { true } else { false } })
    }
}
