import AMQP
import AMQPWire
import ArgumentParsing
import JSON
import Testing
import Transport

@testable import MQCommands

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Failures: the exit status and the line follow from what failed")
struct FailureTests {
    @Test(
        "each cause has its status",
        arguments: [
            (Failure.Cause.usage(.noBody), MQCommands.ExitStatus.usage),
            (.parse(ParseError(.missingArgument("QUEUE"), at: nil, commandPath: ["get"])), .usage),
            (.configuration(.noBrokerURL), .configuration),
            (.input(.notDefinitions(file: "d.json")), .dataError),
            (.io(.cannotRead(source: "'f'", SystemError(call: "open", code: ENOENT))), .dataError),
            (.io(.cannotWriteFile(path: "f", SystemError(call: "rename", code: EACCES))), .dataError),
            (.badLine(number: 3, problem: NDJSONError("x")), .dataError),
            (.io(.cannotWriteOutput(SystemError(call: "write", code: EIO))), .unavailable),
            (.io(.cannotSetUpTerminal(SystemError(call: "tcgetattr", code: ENOTTY))), .unavailable),
            (.unanswered(.confirmsTimedOut(seconds: 1)), .unavailable),
            (.refused(.commandsFailed(1, of: 2)), .refused),
            (.denied(.tracing(user: "u", on: true, vhost: "/", reason: "r")), .noPermission),
            (.unconfirmed(.requestNacked), .unconfirmed),
            (.incomplete(.queueRanDry(queue: "q", got: 1, wanted: 2)), .incomplete),
            (.blocked(seconds: 2), .tempFailure),
            (.signal(SIGINT), .interrupted),
            (.signal(SIGTERM), .terminated),
            (.bug("x"), .software),
            (.client(.heartbeatTimeout(seconds: 60)), .unavailable),
            (.api(.unauthorized(user: "guest", reason: "Login failed")), .noPermission),
        ])
    func status(cause: Failure.Cause, expected: MQCommands.ExitStatus) {
        #expect(Failure(cause).status == expected)
    }

    @Test("the line is the cause's, then its context")
    func message() {
        #expect(
            Failure(.badLine(number: 3, problem: NDJSONError("not JSON"))).adding("; 2 of 2 confirmed").message
                == "line 3: not JSON; 2 of 2 confirmed")
        #expect(Failure(.blocked(seconds: 2.5)).message == "the broker blocked publishing for 2.5 s")
        #expect(
            Failure(.parse(ParseError(.missingArgument("QUEUE"), at: nil, commandPath: ["get"]))).message
                == "missing argument QUEUE")
        #expect(Failure(.signal(SIGINT)).message == "")
    }

    @Test("a parse error's usage line is for the command words it reached; others use the command's")
    func usagePath() {
        #expect(
            Failure(.parse(ParseError(.missingArgument("QUEUE"), at: nil, commandPath: ["get"]))).usagePath == ["get"])
        #expect(Failure(.usage(.noBody)).usagePath == nil)
    }

    @Test("a refusal by the broker carries its reply code and one-line text; other failures none")
    func reply() {
        let reason = CloseReason(
            replyCode: .notFound, replyText: "NOT_FOUND - no queue 'q' in vhost '/'", classID: 50, methodID: 10)
        let failure = Failure(.channelClosed(reason, context: "queue 'q'"))
        #expect(failure.replyCode == 404)
        #expect(failure.replyText == "no queue 'q' in vhost '/'")
        #expect(failure.status == .refused)
        let refused = Failure(AMQPError.accessRefused(user: "guest", .closedDuringAuthentication))
        #expect(refused.replyCode == 403)
        #expect(refused.replyText == nil)
        #expect(Failure(.usage(.noBody)).replyCode == nil)
    }

    @Test("a refused deprecated feature says what to do")
    func deprecatedFeature() {
        let text = "PRECONDITION_FAILED - Feature `transient_nonexcl_queues` is deprecated."
        let failure = Failure(
            .connectionClosed(CloseReason(replyCode: .preconditionFailed, replyText: text, classID: 50, methodID: 10)))
        #expect(failure.status == .refused)
        #expect(failure.message.contains("declare it --durable, or --exclusive"))
    }

    /// The words for each kind of problem (the one place where tests read a failure's text).
    static let lines: [(Failure.Cause, String)] = [
        (.usage(.noCommand), "no command given ('mq help' lists them)"),
        (.usage(.noSuchCommand(["declare", "box"])), "no such command 'declare box'"),
        (
            .usage(.conflictingExitActions(.init(code: .status(75), first: .requeue, second: .reject))),
            "--exit-action gives status 75 two actions: requeue and reject"
        ),
        (
            .usage(.conflictingExitActions(.init(code: .otherFailures, first: .reject, second: .stop))),
            "--exit-action gives status * two actions: reject and stop"
        ),
        (
            .usage(.badValue(option: "interval", value: "50ms", problem: "is shorter than 100ms")),
            "bad value for '--interval': '50ms' is shorter than 100ms"
        ),
        (
            .usage(.externalNeedsCertificate(authOption: "auth", certificateOption: "cert")),
            "--auth external needs TLS and a client certificate (--cert)"
        ),
        (
            .configuration(.noProfile("prod", path: "/h/.mq.conf", known: ["dev", "test"])),
            "/h/.mq.conf: no profile [prod] (profiles: dev, test)"
        ),
        (
            .configuration(.noProfile("prod", path: "/h/.mq.conf", known: [])),
            "/h/.mq.conf: no profile [prod] (profiles: none)"
        ),
        (
            .configuration(.unreadablePasswordFile(path: "pw", SystemError(call: "open", code: ENOENT))),
            "cannot read password file 'pw': No such file or directory"
        ),
        (
            .io(.cannotRead(source: "standard input", SystemError(call: "read", code: EIO))),
            "cannot read standard input: Input/output error"
        ),
        (
            .io(.cannotWriteFile(path: "defs.json", SystemError(call: "rename", code: EACCES))),
            "cannot write 'defs.json': Permission denied"
        ),
        (.refused(.notListed(noun: "queues", names: ["a", "b"], vhost: "v")), "no queues named 'a', 'b' in vhost 'v'"),
        (.refused(.notListed(noun: "queue", names: ["a"], vhost: nil)), "no queue named 'a'"),
        (
            .refused(.brokerLacks(.streamFilters, version: BrokerVersion(major: 3, minor: 10))),
            "stream filters need RabbitMQ 3.13 or later, and this broker is RabbitMQ 3.10: it would send every record, "
                + "unfiltered"
        ),
        (
            .unconfirmed(.messages(published: 5, returned: 1, nacked: 2)),
            "3 of 5 messages not confirmed (1 returned, 2 nacked)"
        ),
        (
            .unconfirmed(.destinationRefused(sequence: 7, exchange: "x", routingKey: "k", returned: nil)),
            "message 7 (to exchange 'x' with routing key 'k') was nacked by the destination"
        ),
        (
            .unconfirmed(.unroutable(exchange: "", vhost: "/", routingKey: "k")),
            "a message to exchange '(AMQP default)' in vhost '/' with routing key 'k' would reach no queue: unroutable "
                + "(publish would have it returned)"
        ),
        (.incomplete(.timedOut(handled: 2, of: 5, noun: "events")), "timed out after 2 of 5 events"),
        (.incomplete(.movedFewer(moved: 2, wanted: 5, queue: "q")), "moved 2 of 5 messages: 'q' had no more"),
        (
            .unanswered(.notReady(seconds: 3, attempts: 4, last: .queueMissing("q"))),
            "not ready within 3.0 s (4 attempts): queue 'q' does not exist yet"
        ),
        (
            .unanswered(.notReady(seconds: 3, attempts: 1, last: .failed(Failure(.configuration(.noBrokerURL))))),
            "not ready within 3.0 s (1 attempts): no broker URL"
        ),
    ]

    @Test("each problem's line names the values it carries", arguments: lines)
    func line(cause: Failure.Cause, expected: String) {
        #expect(Failure(cause).message == expected)
    }
}
