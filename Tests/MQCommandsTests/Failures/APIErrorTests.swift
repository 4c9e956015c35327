import HTTP
import JSON
import ManagementAPI
import Testing
import Transport

@testable import MQCommands

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Management API errors")
struct APIErrorTests {
    let path = APIPath(["queues", "v"], resource: "vhost 'v'")

    func error(_ status: Int, _ phrase: String, _ body: String) -> APIError? {
        APIError(Response(status: status, reason: phrase, body: Array(body.utf8)), path: path, user: "app")
    }

    @Test("2xx is no error")
    func success() {
        #expect(error(200, "OK", "[]") == nil)
        #expect(error(204, "No Content", "") == nil)
    }

    @Test("401 for a user without the management tag says so, and exits 77")
    func noManagementTag() throws {
        let failure = try #require(
            error(401, "Unauthorized", #"{"error":"not_authorised","reason":"Not management user"}"#))
        #expect(ExitStatus.of(failure) == .noPermission)
        #expect(
            "\(failure)".contains(
                "access refused for user 'app': Not management user; the user lacks the 'management' tag"))
    }

    @Test("401 for a wrong password says access refused, and exits 77")
    func loginFailed() throws {
        let failure = try #require(error(401, "Unauthorized", #"{"error":"not_authorized","reason":"Login failed"}"#))
        #expect(ExitStatus.of(failure) == .noPermission)
        #expect(
            "\(failure)"
                == "management API: access refused for user 'app': Login failed (wrong user or password?; API users "
                + "also need the 'management' tag)"
        )
    }

    @Test("403 exits 77; 404 names the resource and exits 1")
    func forbiddenAndNotFound() throws {
        #expect(
            error(403, "Forbidden", #"{"error":"not_authorised","reason":"Not administrator user"}"#).map(ExitStatus.of)
                == .noPermission)
        let missing = try #require(error(404, "Not Found", #"{"error":"Object Not Found","reason":"Not Found"}"#))
        #expect(ExitStatus.of(missing) == .refused)
        #expect("\(missing)" == "vhost 'v': not found (404)")
    }

    @Test("other statuses show the status and the API's reason on one line, HTML escapes undone")
    func otherStatus() throws {
        let body =
            #"{"error":"bad_request","reason":"Validation failed\n\n&lt;&lt;\"abc\"&gt;&gt; is not a valid maximum length\n"}"#
        let failure = try #require(error(400, "Bad Request", body))
        #expect(
            "\(failure)" == #"vhost 'v': 400 Bad Request - Validation failed <<"abc">> is not a valid maximum length"#)
        #expect(ExitStatus.of(failure) == .refused)
        #expect(error(503, "Service Unavailable", "").map(ExitStatus.of) == .unavailable)
        #expect(error(500, "", "oops")?.description == "vhost 'v': 500 - oops")
    }

    @Test("a bad URL exits 78, a body mq cannot read 76")
    func badURLAndBadResponse() {
        #expect(ExitStatus.of(APIError.badURL("no host")) == .configuration)
        #expect(ExitStatus.of(APIError.badResponse(url: "http://h:15672", "invalid JSON")) == .protocolError)
    }

    @Test("nothing listening hints at the management plugin and exits 69")
    func unreachable() {
        let error = APIError.unreachable(
            url: "http://h:15672",
            .transport(.connectFailed(host: "h", port: 15672, SystemError(call: "connect", code: ECONNREFUSED))))
        #expect(ExitStatus.of(error) == .unavailable)
        #expect(error.isUnreachable)
        #expect("\(error)".hasSuffix("is the management plugin enabled? (rabbitmq-plugins enable rabbitmq_management)"))
        let timeout = APIError.unreachable(url: "http://h:15672", .timedOut(seconds: 30))
        #expect("\(timeout)" == "cannot reach the management API at http://h:15672: no response within 30 s")
    }

    @Test("a TLS failure is exit 69; an unusable certificate file is exit 78")
    func tls() {
        let failed = APIError.unreachable(
            url: "https://h:15671", .transport(.tlsFailed(host: "h", port: 15671, .untrusted("host name mismatch"))))
        #expect(ExitStatus.of(failed) == .unavailable)
        #expect("\(failed)".contains("host name mismatch"))
        #expect(
            ExitStatus.of(
                APIError.unreachable(
                    url: "https://h:15671", .transport(.tlsConfiguration(.badFile("CA file 'x'", "no such file")))))
                == .configuration)
    }
}
