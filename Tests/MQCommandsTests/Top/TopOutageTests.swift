import HTTP
import ManagementAPI
import Testing
import Transport

@testable import MQCommands

#if canImport(Glibc)
    import Glibc
#endif

@Suite("mq top: riding out an unreachable API for --reconnect-for")
struct TopOutageTests {
    static let refused = APIError.unreachable(
        url: "http://localhost:15672",
        .transport(.connectFailed(host: "localhost", port: 15672, SystemError(call: "connect", code: ECONNREFUSED))))

    /// `seconds` after an arbitrary start of the monotonic clock.
    func at(_ seconds: Double) -> Deadline { Deadline(nanoseconds: 1_000_000_000_000).adding(seconds: seconds) }

    @Test("an unreachable API is retried until the window, counted from the first failure in a row, has passed")
    func window() {
        var outage = TopOutage(policy: ReconnectPolicy(window: 10))
        #expect(outage.failing == nil)
        #expect(outage.failed(Self.refused, at: at(100)) == .retry)
        #expect(outage.failing?.since == at(100))
        #expect(
            outage.failed(.unreachable(url: "http://localhost:15672", .timedOut(seconds: 30)), at: at(105)) == .retry)
        #expect(outage.failing?.since == at(100), "the window starts at the first failure, not the last")
        #expect(outage.failing?.reason == "no response within 30 s")
        #expect(outage.failed(Self.refused, at: at(109.9)) == .retry)
        #expect(outage.failed(Self.refused, at: at(110)) == .exit)
    }

    @Test("a refresh that succeeds clears the status and starts the next window afresh")
    func recovered() {
        var outage = TopOutage(policy: ReconnectPolicy(window: 10))
        #expect(outage.failed(Self.refused, at: at(0)) == .retry)
        outage.recovered()
        #expect(outage.failing == nil)
        #expect(outage.failed(Self.refused, at: at(50)) == .retry)
        #expect(outage.failing?.since == at(50))
    }

    @Test("--reconnect-for 0 exits at the first failure, as before")
    func off() {
        var outage = TopOutage(policy: ReconnectPolicy(window: 0))
        #expect(outage.failed(Self.refused, at: at(0)) == .exit)
        #expect(outage.failing == nil)
    }

    @Test(
        "only what another try may get past is retried: a 5xx is, refused credentials, a 404 or a TLS set-up error are not"
    )
    func retriable() {
        var outage = TopOutage(policy: ReconnectPolicy(window: 300))
        #expect(
            outage.failed(
                .rejected(resource: "overview", status: 503, phrase: "Service Unavailable", reason: ""), at: at(0))
                == .retry)
        #expect(outage.failing?.reason == "overview: 503 Service Unavailable")
        #expect(outage.failed(.unauthorized(user: "guest", reason: "Not management user"), at: at(1)) == .exit)
        #expect(outage.failed(.forbidden(user: "guest", reason: "no"), at: at(1)) == .exit)
        #expect(outage.failed(.notFound(resource: "vhost 'v'"), at: at(1)) == .exit)
        let tls = APIError.unreachable(
            url: "https://h:15671", .transport(.tlsConfiguration(.badFile("CA file 'x'", "no such file"))))
        #expect(outage.failed(tls, at: at(1)) == .exit)
    }

    @Test("the reason is the cause alone, without the URL and the advice of the one-line error")
    func reason() {
        #expect(TopOutage.reason(Self.refused) == "cannot connect to localhost:15672: Connection refused")
        #expect(
            TopOutage.reason(.unreachable(url: "http://h:15672", .connectionLost("reset by peer")))
                == "connection lost: reset by peer")
    }
}
