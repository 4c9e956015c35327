import AMQP
import AMQPWire
import Testing

/// The one line each error shows a user: the tests that compare text, so that the others can
/// compare values.
@Suite("AMQP errors describe themselves in one line")
struct AMQPErrorDescriptionTests {
    static let forced = CloseReason(
        replyCode: .connectionForced,
        replyText: "CONNECTION_FORCED - broker forced connection closure with reason 'shutdown'")

    @Test("each error names the resource, the reply code and the broker's text", arguments: texts)
    func rendering(_ error: AMQPError, _ text: String) {
        #expect(error.description == text)
    }

    static let texts: [(AMQPError, String)] = [
        (
            .connectionClosed(forced),
            "connection closed by the broker: CONNECTION_FORCED (320) - broker forced connection closure with reason "
                + "'shutdown'"
        ),
        (
            .channelClosed(
                CloseReason(
                    replyCode: .preconditionFailed, replyText: BrokerCloseTests.inequivalent, classID: 50, methodID: 10),
                context: "queue 'orders' in vhost '/'"),
            "queue 'orders' in vhost '/': PRECONDITION_FAILED (406) - inequivalent arg 'durable' for queue 'orders' in "
                + "vhost '/': "
                + "received 'true' but current is 'false'"
        ),
        (
            .vhostRefused(
                vhost: "nope",
                reason: CloseReason(
                    replyCode: .notAllowed, replyText: "NOT_ALLOWED - vhost nope not found", classID: 10, methodID: 40)),
            "vhost 'nope': NOT_ALLOWED (530) - vhost nope not found"
        ),
        (
            .protocolViolation(.owedReplyMismatch(owed: ConfirmSelectOk.id, got: QueuePurgeOk.id, channel: 1)),
            "protocol error: unexpected queue.purge-ok where confirm.select-ok was due on channel 1"
        ),
        (
            .channelClosed(
                CloseReason(
                    replyCode: .notFound, replyText: "NOT_FOUND - no exchange 'shop' in vhost 'prod'", classID: 40,
                    methodID: 10),
                context: "exchange 'shop' in vhost 'prod'"),
            "exchange 'shop' in vhost 'prod': NOT_FOUND (404) - no exchange 'shop' in vhost 'prod'"
        ),
        (.timedOut(waitingFor: "queue.declare"), "timed out waiting for the broker to answer queue.declare"),
        (
            .protocolViolation(.malformed(.truncated(.argument(ConnectionStart.id, "server-properties")))),
            "protocol error: truncated connection.start server-properties"
        ),
        (
            .invalidArgument(
                .unencodable(
                    method: "basic.publish", .valueTooLong(.argument(BasicPublish.id, "routing-key"), length: 256))),
            "cannot encode basic.publish: basic.publish routing-key is too long to encode (256 bytes, at most 255)"
        ),
    ]
}
