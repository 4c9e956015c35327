import AMQP
import AMQPWire
import ArgumentParsing
import JSON
import Testing

@testable import MQCommands

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Failures: the exit status and the line follow from what failed")
struct FailureTests {
    @Test(
        "each cause has its status",
        arguments: [
            (Failure.Cause.usage("x"), MQCommands.ExitStatus.usage),
            (.parse(ParseError(.missingArgument("QUEUE"), at: nil, commandPath: ["get"])), .usage),
            (.configuration("x"), .configuration),
            (.input("x"), .dataError),
            (.badLine(number: 3, problem: "x"), .dataError),
            (.output("x"), .unavailable),
            (.unanswered("x"), .unavailable),
            (.refused("x"), .refused),
            (.unconfirmed("x"), .unconfirmed),
            (.incomplete("x"), .incomplete),
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
        #expect(Failure(.badLine(number: 3, problem: "not JSON")).adding("; 2 of 2 confirmed").message == "line 3: not JSON; 2 of 2 confirmed")
        #expect(Failure(.blocked(seconds: 2.5)).message == "the broker blocked publishing for 2.5 s")
        #expect(Failure(.parse(ParseError(.missingArgument("QUEUE"), at: nil, commandPath: ["get"]))).message == "missing argument QUEUE")
        #expect(Failure(.signal(SIGINT)).message == "")
    }

    @Test("a parse error's usage line is for the command words it reached; others use the command's")
    func usagePath() {
        #expect(Failure(.parse(ParseError(.missingArgument("QUEUE"), at: nil, commandPath: ["get"]))).usagePath == ["get"])
        #expect(Failure(.usage("x")).usagePath == nil)
    }

    @Test("a refusal by the broker carries its reply code and one-line text; other failures none")
    func reply() {
        let reason = CloseReason(replyCode: .notFound, replyText: "NOT_FOUND - no queue 'q' in vhost '/'", classID: 50, methodID: 10)
        let failure = Failure(.channelClosed(reason, context: "queue 'q'"))
        #expect(failure.replyCode == 404)
        #expect(failure.replyText == "no queue 'q' in vhost '/'")
        #expect(failure.status == .refused)
        let refused = Failure(AMQPError.accessRefused(user: "guest", .closedDuringAuthentication))
        #expect(refused.replyCode == 403)
        #expect(refused.replyText == nil)
        #expect(Failure(.usage("x")).replyCode == nil)
    }

    @Test("a refused deprecated feature says what to do")
    func deprecatedFeature() {
        let text = "PRECONDITION_FAILED - Feature `transient_nonexcl_queues` is deprecated."
        let failure = Failure(.connectionClosed(CloseReason(replyCode: .preconditionFailed, replyText: text, classID: 50, methodID: 10)))
        #expect(failure.status == .refused)
        #expect(failure.message.contains("declare it --durable, or --exclusive"))
    }
}
