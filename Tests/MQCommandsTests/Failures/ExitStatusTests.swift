import AMQP
import AMQPWire
import Testing
import Transport

@testable import MQCommands

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Exit statuses")
struct ExitStatusTests {
    /// STYLE.md's table, with the status `mq bench` adds for a missed threshold (4): each status,
    /// its code, and how its meaning begins there.
    static let table: [(MQCommands.ExitStatus, Int32, String)] = [
        (.success, 0, "success"),
        (.refused, 1, "the broker refused the operation on a channel"),
        (.unconfirmed, 2, "a published message was not confirmed: returned as unroutable, or nacked"),
        (.incomplete, 3, "consume/get ended before the requested count: timeout, or empty queue for get"),
        (.thresholdMissed, 4, "mq bench missed a limit it was given"),
        (.usage, 64, "usage error (unknown command or option, bad value)"),
        (.dataError, 65, "bad input data"),
        (.unavailable, 69, "broker unreachable or connection lost (refused, DNS, connect timeout, heartbeat lost)"),
        (.software, 70, "internal error (a bug in mq)"),
        (.tempFailure, 75, "the broker kept blocking publishing (connection.blocked) past --timeout"),
        (.protocolError, 76, "protocol error (the peer sent something malformed)"),
        (.noPermission, 77, "access refused"),
        (.configuration, 78, "bad configuration"),
        (.interrupted, 130, "stopped by SIGINT"),
        (.terminated, 143, "stopped by SIGTERM"),
    ]

    @Test("each status has the code and meaning of the table in STYLE.md")
    func matchesStyleTable() {
        for (status, code, meaning) in Self.table {
            #expect(status.rawValue == code, "\(status)")
            #expect(status.meaning.hasPrefix(meaning), "\(status): \(status.meaning)")
        }
    }

    @Test("the statuses are exactly the table's, no more")
    func noOthers() {
        #expect(MQCommands.ExitStatus.allCases.map(\.rawValue) == Self.table.map(\.1))
    }

    static func closed(_ code: ReplyCode) -> CloseReason {
        CloseReason(replyCode: code, replyText: "\(code.name) - test")
    }

    @Test(
        "each client error maps to the status a script can act on",
        arguments: [
            (
                AMQPError.transport(.hostNotFound(host: "nowhere", ResolutionError(status: EAI_NONAME))),
                MQCommands.ExitStatus.unavailable
            ),
            (
                .transport(
                    .connectFailed(host: "localhost", port: 5672, SystemError(call: "connect", code: ECONNREFUSED))),
                .unavailable
            ),
            (.transport(.connectTimedOut(host: "localhost", port: 5672, seconds: 10)), .unavailable),
            (.heartbeatTimeout(seconds: 60), .unavailable),
            (.connectionLost(.system(SystemError(call: "recv", code: ECONNRESET))), .unavailable),
            (.connectionLost(.closedByBroker), .unavailable),
            (.timedOut(waitingFor: "queue.declare"), .unavailable),
            (
                .transport(.tlsFailed(host: "localhost", port: 5671, .untrusted("certificate verify failed"))),
                .unavailable
            ),
            (.transport(.tlsConfiguration(.badFile("CA file 'x'", "no such file"))), .configuration),
            (.connectionClosed(closed(.connectionForced)), .unavailable),
            (.unsupportedProtocol(serverVersion: "1.0"), .protocolError),
            (.protocolViolation(.malformed(.badFrameEnd(0))), .protocolError),
            (.accessRefused(user: "guest", .closedDuringAuthentication), .noPermission),
            (.vhostRefused(vhost: "/x", reason: closed(.notAllowed)), .noPermission),
            (.channelClosed(closed(.accessRefused), context: nil), .noPermission),
            (.connectionClosed(closed(.accessRefused)), .noPermission),
            (.channelClosed(closed(.notFound), context: "queue 'q'"), .refused),
            (.channelClosed(closed(.resourceLocked), context: nil), .refused),
            (.channelClosed(closed(.preconditionFailed), context: nil), .refused),
            (.consumerCancelled(tag: "ctag"), .refused),
            (
                .invalidArgument(
                    .unencodable(
                        method: "queue.declare", .valueTooLong(.argument(QueueDeclare.id, "queue"), length: 256))),
                .usage
            ),
            (.closed(.channel(1)), .software),
        ])
    func ofClientError(error: AMQPError, expected: MQCommands.ExitStatus) {
        #expect(MQCommands.ExitStatus.of(error) == expected)
    }
}
