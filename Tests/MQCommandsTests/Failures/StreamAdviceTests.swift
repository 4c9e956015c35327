import AMQP
import AMQPWire
import Foundation
import TestSupport
import Testing

@testable import MQCommands

/// `mq get` on a stream: the broker's refusal, with what to do instead.
@Suite("get on a stream says to consume it", .timeLimit(.minutes(5)))
struct StreamAdviceTests {
    /// How RabbitMQ 3.10 and 4.0 refuse basic.get on a stream: they close the connection.
    static let refusal = ConnectionClose(
        replyCode: 540, replyText: "NOT_IMPLEMENTED - basic.get not supported by stream queues queue 's' in vhost '/'",
        classId: 60, methodId: 70)

    @Test("the broker's line, then the advice; a refusal, exit 1, though the broker closes the connection")
    func getOnStream() throws {
        let run = try ScriptedRun.run(["get", "s"]) { broker, _ in
            try broker.handshake()
            try broker.acceptChannel()
            _ = try broker.expect(BasicGet.self, channel: 1)
            try broker.send(Self.refusal)
            _ = try broker.expect(ConnectionCloseOk.self)
        }
        #expect(run.status == .refused)
        #expect(
            run.stderr
                == "mq: connection closed by the broker: NOT_IMPLEMENTED (540) - basic.get not supported by stream "
                + "queues queue 's' in vhost '/': a stream is read by consuming it: use "
                + "`mq consume QUEUE --offset first --count N` instead\n")
    }

    @Test("only a 540 naming basic.get gets the advice")
    func onlyBasicGet() {
        let consume = CloseReason(
            replyCode: .notImplemented, replyText: "NOT_IMPLEMENTED - x", classID: 60, methodID: 20)
        let notFound = CloseReason(replyCode: .notFound, replyText: "NOT_FOUND - no queue", classID: 60, methodID: 70)
        let get = CloseReason(replyCode: .notImplemented, replyText: "NOT_IMPLEMENTED - x", classID: 60, methodID: 70)
        #expect(StreamAdvice.of(consume) == nil)
        #expect(StreamAdvice.of(notFound) == nil)
        #expect(StreamAdvice.of(get) != nil)
        #expect(
            Failure(.channelClosed(notFound, context: "queue 's' in vhost '/'")).message
                == "queue 's' in vhost '/': NOT_FOUND (404) - no queue")
    }
}
