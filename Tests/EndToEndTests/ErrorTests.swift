import Foundation
import JSON
import TestSupport
import Testing

@Suite(
    "mq's errors: one line, the documented status, never the password", .needsBroker, .deletesFreshQueues,
    .timeLimit(.minutes(5)))
struct ErrorTests {
    let secret = "s3cret-\(UInt32.random(in: 0...UInt32.max))"

    @Test("a wrong password exits 77 and no output shows it")
    func wrongPassword() throws {
        for arguments in [
            ["--password", secret], ["--url", "amqp://guest:\(secret)@127.0.0.1:\(TestBroker.port)/%2F"],
        ] {
            let result = try MQProcess.run(arguments + ["--verbose", "--json", "declare", "queue", "q"])
            #expect(result.status == 77)
            #expect(result.stderr.contains("mq: access refused for user 'guest'"))
            #expect(!result.stderr.contains(secret))
            #expect(!result.stdout.contains(secret))
        }
    }

    @Test("MQ_PASSWORD and --password-file supply the password")
    func passwordSources() throws {
        #expect(
            try mq(
                "declare", "queue", "--server-named", "--exclusive",
                environment: ["MQ_URL": "amqp://guest@127.0.0.1:\(TestBroker.port)", "MQ_PASSWORD": secret]
            ).status == 77)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mq-pw-\(secret)")
        try Data("guest\n".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try mq(
            "--password-file", file.path, "declare", "queue", "--server-named", "--exclusive",
            environment: ["MQ_URL": "amqp://nobody:\(secret)@127.0.0.1:\(TestBroker.port)"])
        #expect(result.status == 77, "user nobody does not exist")
        let ok = try mq(
            "--user", "guest", "--password-file", file.path, "declare", "queue", "--server-named", "--exclusive")
        #expect(ok.status == 0)
    }

    @Test("an unknown vhost exits 77 naming it")
    func unknownVhost() throws {
        let result = try mq("declare", "queue", "q", "--vhost", "no-such-vhost")
        #expect(result.status == 77)
        #expect(result.stderr.contains("vhost 'no-such-vhost'"))
    }

    @Test("a closed port exits 69")
    func unreachable() throws {
        let result = try mq("get", "q", "--port", "1")
        #expect(result.status == 69)
        #expect(result.stderr == "mq: cannot connect to 127.0.0.1:1: Connection refused\n")
    }

    @Test("a malformed URI exits 78 naming the part")
    func badURI() throws {
        let result = try mq("get", "q", "--url", "amqp://guest:\(secret)@host:99999/")
        #expect(result.status == 78)
        #expect(result.stderr.contains("port"))
        #expect(!result.stderr.contains(secret))
    }

    @Test("a missing queue exits 1 with NOT_FOUND, and --json adds an error object")
    func missingQueue() throws {
        let result = try mq("get", freshQueue("absent"), "--json")
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first?.contains("NOT_FOUND (404)") == true)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
        #expect(object["exit_status"] as? Int == 1)
        #expect(object["reply_code"] as? Int == 404)
    }

    @Test("bad options exit 64 with a suggestion and the usage line")
    func badOptions() throws {
        let unknown = try mq("consume", "q", "--cuont", "1")
        #expect(unknown.status == 64)
        #expect(
            unknown.stderr
                == "mq: unknown option '--cuont' (did you mean '--count'?)\nUsage: mq consume [QUEUE] [options]\n")
        let badValue = try mq("consume", "q", "--format", "xml")
        #expect(badValue.status == 64)
        #expect(badValue.stderr.hasPrefix("mq: bad value for '--format': 'xml' is not one of line, raw, json"))
        let badDuration = try mq("consume", "q", "--timeout", "soon")
        #expect(badDuration.status == 64)
    }

    @Test("help and version")
    func help() throws {
        let top = try mq("--help")
        #expect(top.status == 0)
        #expect(top.stdout.contains("Exit statuses:"))
        #expect(top.stdout.contains("publish"))
        let publishHelp = try mq("help", "publish")
        #expect(publishHelp.stdout.hasPrefix("Usage: mq publish [BODY] [options]"))
        #expect(try mq("publish", "--help").stdout == publishHelp.stdout)
        #expect(publishHelp.stdout.contains("--confirm-window N"))
        #expect(publishHelp.stdout.contains("[default: 1000]"))
        #expect(try mq("--version").stdout.hasPrefix("mq "))
    }

    @Test(
        "options that break a rule: exit 64 before anything connects, one line and the usage, a JSON error object with --json",
        arguments: [
            (["publish", "--persistent", "--transient", "x"], "--persistent and --transient contradict each other"),
            (
                ["publish", "--no-confirm", "--mandatory", "x"],
                "--mandatory needs confirms: with --no-confirm no return is read"
            ),
            (
                ["consume", "q", "--exec", "cat", "--no-ack"],
                "--exec acks by the command's exit status; it cannot be combined with --no-ack"
            ),
            (["consume", "q", "--reply"], "--reply needs --exec"),
            (["--key-file", "/dev/null", "declare", "queue", "q"], "--key-file needs --cert"),
            (["declare", "policy", "p", "--set", "max-length=1"], "a policy needs --pattern REGEX"),
            (["consume", "--count", "1"], "consume needs a QUEUE or --exchange"),
            (["bind", "queue", "q", "--key", "k"], "bind queue needs --exchange (the source exchange)"),
            (["unbind", "exchange", "x"], "unbind exchange needs --exchange (the source exchange)"),
            (
                ["publish", "--queue", "q", "body", "--file", "/dev/null"],
                "give the body one way: BODY, --file, --lines or --ndjson"
            ),
            (
                ["publish", "--queue", "q", "--lines", "--ndjson"],
                "give the body one way: BODY, --file, --lines or --ndjson"
            ),
            (["request", "--queue", "q", "body", "--file", "/dev/null"], "give the body one way: BODY or --file"),
            (["declare", "policy", "p", "--pattern", "."], "a policy needs a definition: --set KEY=VALUE"),
            (
                ["declare", "queue", "q", "--delivery-limit", "5"],
                "--delivery-limit applies to quorum queues only: add --type quorum"
            ),
            (
                ["declare", "queue", "q", "--type", "stream", "--single-active-consumer"],
                "--single-active-consumer does not apply to stream queues over AMQP 0-9-1"
            ),
            (
                ["declare", "queue", "q", "--type", "quorum", "--dead-letter-strategy", "at-least-once"],
                "--dead-letter-strategy at-least-once needs --overflow reject-publish (the broker falls back to "
                    + "at-most-once otherwise)"
            ),
        ])
    func brokenRules(arguments: [String], message: String) throws {
        // An unreachable broker: a rule is checked before mq connects.
        let environment = ["MQ_URL": "amqp://127.0.0.1:1", "MQ_API_URL": "http://127.0.0.1:1"]
        let result = try MQProcess.run(arguments, environment: environment)
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("mq: \(message)\nUsage: mq "), "\(result.stderr)")
        let json = try MQProcess.run(["--json"] + arguments, environment: environment)
        #expect(json.status == 64)
        #expect(
            json.stderr.contains(
                "{\"error\":\"\(message.replacingOccurrences(of: "\"", with: "\\\""))\",\"exit_status\":64}"),
            "\(json.stderr)")
    }
}
