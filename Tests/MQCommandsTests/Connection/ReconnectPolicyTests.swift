import AMQP
import AMQPWire
import Testing
import Transport

@testable import MQCommands

@Suite("When and how mq reconnects")
struct ReconnectPolicyTests {
    @Test(
        "the first round goes at once; then the delay doubles from 0.1 s, with jitter between half and all of it, up to 3 s"
    )
    func backoff() {
        #expect(ReconnectPolicy.delay(beforeRound: 0, jitter: 1) == 0)
        #expect(ReconnectPolicy.delay(beforeRound: 1, jitter: 1) == 0.1)
        #expect(ReconnectPolicy.delay(beforeRound: 2, jitter: 1) == 0.2)
        #expect(ReconnectPolicy.delay(beforeRound: 3, jitter: 0) == 0.2)
        #expect(ReconnectPolicy.delay(beforeRound: 6, jitter: 1) == 3)
        #expect(ReconnectPolicy.delay(beforeRound: 1000, jitter: 1) == 3)
        #expect(ReconnectPolicy.delay(beforeRound: 1000, jitter: 0) == 1.5)
    }

    @Test("each round tries the other brokers first, from the one after the lost one, and the lost one last")
    func order() {
        #expect(ReconnectPolicy.order(["a", "b", "c"], lost: 0) == ["b", "c", "a"])
        #expect(ReconnectPolicy.order(["a", "b", "c"], lost: 1) == ["c", "a", "b"])
        #expect(ReconnectPolicy.order(["a", "b", "c"], lost: 2) == ["a", "b", "c"])
        #expect(ReconnectPolicy.order(["a"], lost: 0) == ["a"])
    }

    @Test("a round starts only within the window; 0 turns reconnecting off")
    func window() {
        #expect(ReconnectPolicy(window: 3).allowsRound(after: 2.9))
        #expect(!ReconnectPolicy(window: 3).allowsRound(after: 3))
        #expect(!ReconnectPolicy(window: 0).enabled)
        #expect(!ReconnectPolicy(window: 0).allowsRound(after: 0))
        #expect(ReconnectPolicy(window: 99_999_999_999).allowsRound(after: 1e9))
    }

    @Test("the window as the notes say it")
    func windowText() {
        #expect(ReconnectPolicy(window: 300).windowText == "5m")
        #expect(ReconnectPolicy(window: 7200).windowText == "2h")
        #expect(ReconnectPolicy(window: 90).windowText == "90s")
        #expect(ReconnectPolicy(window: 0.5).windowText == "500ms")
        #expect(ReconnectPolicy(window: 365 * 86_400).windowText == "365d")
        #expect(ReconnectPolicy(window: 1e30).windowText == "1000000000000d")
    }

    @Test(
        "a broker gone away or shutting down is reconnected after; refusals, missing things and an operator's close are not"
    )
    func recoverable() {
        let forced = { (text: String) in
            AMQPError.connectionClosed(CloseReason(replyCode: .connectionForced, replyText: text))
        }
        #expect(AMQPError.connectionLost(.closedByBroker).isRecoverableLoss)
        #expect(AMQPError.heartbeatTimeout(seconds: 60).isRecoverableLoss)
        #expect(
            AMQPError.transport(.connectFailed(host: "h", port: 5672, SystemError(call: "connect", code: 111)))
                .isRecoverableLoss)
        #expect(forced("CONNECTION_FORCED - broker forced connection closure with reason 'shutdown'").isRecoverableLoss)
        #expect(forced("CONNECTION_FORCED - Node was put into maintenance mode").isRecoverableLoss)
        #expect(!forced("CONNECTION_FORCED - Closed via management plugin").isRecoverableLoss)
        #expect(!forced("CONNECTION_FORCED - closed by mq").isRecoverableLoss)
        // RabbitMQ refuses a login with 403 (mq asks for authentication_failure_close): a dropped
        // connection during authentication is a node going down.
        #expect(AMQPError.accessRefused(user: "u", .closedDuringAuthentication).isRecoverableLoss)
        let refused = CloseReason(replyCode: .accessRefused, replyText: "ACCESS_REFUSED - Login was refused")
        #expect(!AMQPError.accessRefused(user: "u", .closedByBroker(refused)).isRecoverableLoss)
        let homeDown = "NOT_FOUND - home node 'rabbit@n1' of durable queue 'q' in vhost '/' is down or inaccessible"
        #expect(
            AMQPError.channelClosed(CloseReason(replyCode: .notFound, replyText: homeDown), context: nil)
                .isRecoverableLoss)
        #expect(
            !AMQPError.channelClosed(CloseReason(replyCode: .notFound, replyText: "NOT_FOUND - no queue"), context: nil)
                .isRecoverableLoss)
        #expect(!AMQPError.protocolViolation(.heartbeatOnChannel(1)).isRecoverableLoss)
        #expect(
            !AMQPError.connectionClosed(CloseReason(replyCode: .internalError, replyText: "INTERNAL_ERROR"))
                .isRecoverableLoss)
    }
}
