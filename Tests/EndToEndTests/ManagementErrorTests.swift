import Foundation
import TestSupport
import Testing

@Suite(
    "Management API errors: one line, the documented status", .needsBroker, .deletesFreshQueues, .timeLimit(.minutes(5))
)
struct ManagementErrorTests {
    @Test("nothing listening on the API port hints at the management plugin and exits 69")
    func portClosed() throws {
        for environment in [[:], ["MQ_API_URL": "http://127.0.0.1:1"]] {
            let arguments =
                environment.isEmpty ? ["list", "queues", "--api-url", "http://127.0.0.1:1"] : ["list", "queues"]
            let result = try mq(arguments, environment: environment)
            #expect(result.status == 69)
            #expect(
                result.stderr == """
                    mq: cannot reach the management API at http://127.0.0.1:1: cannot connect to 127.0.0.1:1: Connection refused; \
                    is the management plugin enabled? (rabbitmq-plugins enable rabbitmq_management)

                    """)
        }
    }

    @Test("named queues still list over AMQP when the API is unreachable, with a one-line note")
    func passiveFallback() throws {
        let queue = freshQueue("fallback")
        #expect(try mq("declare", "queue", queue).status == 0)
        #expect(try mq("publish", "--queue", queue, "one").status == 0)
        let result = try mq("list", "queues", queue, "--api-url", "http://127.0.0.1:1")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(tsvRows(result.stdout) == [["name", "vhost", "ready", "consumers"], [queue, "/", "1", "0"]])
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.contains("answering from AMQP instead"))
        let json = try jsonArray(
            try mq("list", "queues", queue, "--api-url", "http://127.0.0.1:1", "--json", "--quiet").stdout)
        #expect(json.first?["ready"] as? Int == 1)
        let missing = try mq(
            "list", "queues", queue, "\(queue)-absent", "--api-url", "http://127.0.0.1:1", "--no-headers")
        #expect(missing.status == 1)
        #expect(missing.stdout == "\(queue)\t/\t1\t0\n")
    }

    @Test("a wrong password exits 77 saying access refused, and never shows the password")
    func wrongPassword() throws {
        let secret = "wrong-\(UInt32.random(in: 0...UInt32.max))"
        let result = try mq("list", "queues", "--password", secret, "--verbose")
        #expect(result.status == 77)
        // The broker's reason: "Login failed" from 3.x, "Not_Authorized" from 4.x.
        let reason = TestBroker.isRabbitMQ4 ? "Not_Authorized" : "Login failed"
        #expect(
            result.stderr.hasSuffix(
                "mq: management API: access refused for user 'guest': \(reason) (wrong user or password?; API users "
                    + "also need the 'management' tag)\n"
            ))
        #expect(!result.stderr.contains(secret))
        let viaURL = try mq("list", "queues", "--api-url", "http://guest:\(secret)@127.0.0.1:\(TestBroker.apiPort)")
        #expect(viaURL.status == 77)
        #expect(!viaURL.stderr.contains(secret))
    }

    @Test("a user without the management tag exits 77 naming the tag")
    func noManagementTag() throws {
        let user = TestBroker.uniqueName("untagged")
        #expect(try mq("declare", "user", user, stdin: "pw-\(user)\n").status == 0)
        defer { _ = try? mq("delete", "user", user) }
        let result = try mq("list", "queues", "--user", user, "--password", "pw-\(user)")
        #expect(result.status == 77)
        #expect(
            result.stderr
                == "mq: management API: access refused for user '\(user)': Not management user; the user lacks the "
                + "'management' tag (or another tag that allows the API)\n"
        )
    }

    @Test("https to a port that does not speak TLS exits 69 in one line; a scheme other than http(s) exits 78")
    func schemes() throws {
        let plain = try mq("list", "queues", "--api-url", "https://127.0.0.1:\(TestBroker.apiPort)")
        #expect(plain.status == 69)
        #expect(
            plain.stderr.hasPrefix(
                "mq: cannot reach the management API at https://127.0.0.1:\(TestBroker.apiPort): TLS with "
                    + "127.0.0.1:\(TestBroker.apiPort) failed"
            ))
        #expect(plain.stderr.split(separator: "\n").count == 1)
        let ftp = try mq("list", "queues", "--api-url", "ftp://h")
        #expect(ftp.status == 78)
        #expect(ftp.stderr == "mq: bad management API URL: scheme 'ftp' is not http or https\n")
    }

    @Test("a path prefix goes before /api; a wrong one gets the server's status, one line, exit 1")
    func prefix() throws {
        #expect(try mq("list", "vhosts", "--api-url", "http://127.0.0.1:\(TestBroker.apiPort)/api/").status == 0)
        let wrong = try mq("list", "vhosts", "--api-url", "http://127.0.0.1:\(TestBroker.apiPort)/no-such-prefix")
        #expect(wrong.status == 1)
        #expect(wrong.stderr.hasPrefix("mq: vhosts: 4"))
        #expect(wrong.stderr.split(separator: "\n").count == 1)
    }
}
