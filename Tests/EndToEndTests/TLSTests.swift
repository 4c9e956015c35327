import Foundation
import TestSupport
import Testing

@Suite(
    "TLS to the test broker's TLS listener", .needsBroker, .deletesFreshQueues,
    .enabled(if: TestBroker.tlsDirectory != nil, "the test broker has no TLS certificates"), .timeLimit(.minutes(5)))
struct TLSTests {
    let tls = TestBroker.tlsDirectory ?? ""
    var url: String { "amqps://guest:guest@localhost:\(TestBroker.tlsPort)" }

    @Test("with the test CA the certificate is verified and the connection works")
    func verified() throws {
        let queue = freshQueue("tls")
        #expect(try mq("--url", url, "--cacert", "\(tls)/ca.pem", "declare", "queue", queue).status == 0)
        #expect(try mq("--url", url, "--cacert", "\(tls)/ca.pem", "publish", "--queue", queue, "secret").status == 0)
        #expect(try mq("get", queue).stdout == "secret\n", "the same broker over plain AMQP")
        let viaFlag = try mq(
            "--host", "localhost", "--port", "\(TestBroker.tlsPort)", "--tls", "--cacert", "\(tls)/ca.pem", "purge",
            queue)
        #expect(viaFlag.status == 0, "\(viaFlag.stderr)")
    }

    @Test("an unknown CA is refused with one line saying so, exit 69")
    func unknownCA() throws {
        let result = try mq("--url", url, "declare", "queue", "--server-named", "--exclusive")
        #expect(result.status == 69)
        #expect(result.stderr.contains("unknown certificate authority"))
        // The advice names mq's option: the TLS layer only says what failed.
        #expect(result.stderr.hasSuffix("; pass its CA with --cacert\n"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test("a host name the certificate does not name is a mismatch, exit 69")
    func wrongHost() throws {
        let result = try mq(
            "--url", "amqps://guest:guest@127.0.0.1:\(TestBroker.tlsPort)", "--cacert", "\(tls)/ca.pem", "get", "q")
        #expect(result.status == 69)
        #expect(result.stderr.contains("host name mismatch"))
    }

    @Test("a client certificate logs in with SASL EXTERNAL")
    func clientCertificate() throws {
        let result = try mq(
            "--url", "amqps://localhost:\(TestBroker.tlsPort)", "--cacert", "\(tls)/ca.pem", "--cert",
            "\(tls)/client.pem",
            "--key-file", "\(tls)/client.key", "--auth", "external", "declare", "queue", "--server-named", "--exclusive"
        )
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test("--insecure connects without verification and says so every time")
    func insecure() throws {
        for _ in 0..<2 {
            let result = try mq(
                "--url", "amqps://guest:guest@127.0.0.1:\(TestBroker.tlsPort)", "--insecure", "declare", "queue",
                "--server-named", "--exclusive")
            #expect(result.status == 0)
            #expect(result.stderr.contains("--insecure"))
        }
    }

    @Test("an unreadable certificate file is exit 78 before connecting")
    func missingFile() throws {
        let result = try mq("--url", url, "--cert", "/nonexistent/client.pem", "get", "q")
        #expect(result.status == 78)
        #expect(result.stderr.hasPrefix("mq: cannot read --cert file '/nonexistent/client.pem'"))
    }

    @Test("the management API over https is verified with the same CA")
    func managementOverHTTPS() throws {
        let port = ProcessInfo.processInfo.environment["MQ_TEST_MGMT_TLS_PORT"] ?? "15671"
        let api = "https://localhost:\(port)"
        let listed = try mq("--api-url", api, "--cacert", "\(tls)/ca.pem", "list", "vhosts", "--json")
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout.contains("\"name\":\"/\""))
        let untrusted = try mq("--api-url", api, "list", "vhosts")
        #expect(untrusted.status == 69)
        #expect(untrusted.stderr.contains("unknown certificate authority"))
        #expect(untrusted.stderr.contains("; pass its CA with --cacert"))
    }

    @Test("TLS to a plain AMQP port says there is no shared protocol")
    func plainPort() throws {
        let plain = try #require(URL(string: TestBroker.url)?.port)
        let result = try mq("--url", "amqps://guest:guest@localhost:\(plain)", "--cacert", "\(tls)/ca.pem", "get", "q")
        #expect(result.status == 69)
        #expect(result.stderr.contains("TLS"))
    }
}

@Suite("Secrets on the wire", .needsBroker, .deletesFreshQueues, .timeLimit(.minutes(5)))
struct PlaintextWarningTests {
    @Test("a password sent without TLS to another host gets a warning")
    func plaintextWarning() throws {
        let result = try mq("--host", "192.0.2.1", "--connect-timeout", "200ms", "get", "q")
        #expect(result.status == 69)
        #expect(result.stderr.contains("warning: sending the password without TLS to 192.0.2.1"))
        let local = try mq("get", freshQueue("absent"))
        #expect(!local.stderr.contains("warning"))
    }
}
