import Foundation
import JSON
import TestSupport
import Testing

@Suite("No password ever reaches the output", .needsBroker, .deletesFreshQueues, .timeLimit(.minutes(5)))
struct SecretsTests {
    /// Runs a battery of commands and error paths as a user with a unique password, and checks
    /// that neither stdout nor stderr ever shows it, with --verbose and --json on.
    @Test("every command and error path, with --verbose and --json, keeps the password out of stdout and stderr")
    func scan() throws {
        let user = freshQueue("secret-user").replacingOccurrences(of: ".", with: "-")
        let password = "pw-\(UInt64.random(in: 0...UInt64.max))"
        let queue = freshQueue("secret-q")
        #expect(try mq("declare", "user", user, "--tags", "management", stdin: password + "\n").status == 0)
        #expect(try mq("declare", "permission", user).status == 0)
        defer { _ = try? mq("delete", "user", user) }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mq-secret-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let passwordFile = directory.appendingPathComponent("password").path
        try Data((password + "\n").utf8).write(to: URL(fileURLWithPath: passwordFile))
        let config = directory.appendingPathComponent("config").path
        try Data("[secret]\nurl = amqp://127.0.0.1:\(TestBroker.port)\nuser = \(user)\npassword = \(password)\n".utf8)
            .write(
                to: URL(fileURLWithPath: config))
        chmod(config, 0o600)
        let url = "amqp://\(user):\(password)@127.0.0.1:\(TestBroker.port)/%2F"
        let ways: [(arguments: [String], environment: [String: String])] = [
            (["--url", url], [:]),
            (["--user", user], ["MQ_PASSWORD": password]),
            (["--user", user, "--password-file", passwordFile], [:]),
            (["--config", config, "--profile", "secret"], [:]),
        ]
        let commands: [[String]] = [
            ["declare", "queue", queue], ["publish", "--queue", queue, "hello"], ["get", queue, "--format", "json"],
            ["consume", queue, "--count", "1", "--timeout", "300ms"], ["list", "queues", "--match", queue],
            ["show", "overview"], ["config", "show"], ["request", "--queue", queue, "x", "--timeout", "200ms"],
            ["declare", "queue", queue, "--no-durable"], ["get", freshQueue("missing")],
            ["publish", "--key", "nowhere", "x"],
            ["wait", "--timeout", "300ms", "--queue", freshQueue("never")], ["purge", queue],
            ["delete", "queue", queue],
        ]
        var checked = 0
        for way in ways {
            for command in commands {
                let result = try MQProcess.run(
                    way.arguments + ["--verbose", "--json"] + command, environment: way.environment)
                #expect(!result.stdout.contains(password), "stdout of \(command)")
                #expect(!result.stderr.contains(password), "stderr of \(command)")
                checked += 1
            }
        }
        let failures: [[String]] = [
            ["--url", "amqp://\(user):\(password)x@127.0.0.1:\(TestBroker.port)", "get", "q"],
            ["--url", "amqp://\(user):\(password)@127.0.0.1:1", "get", "q"],
            ["--url", "amqp://\(user):\(password)@127.0.0.1:99999", "get", "q"],
            ["--url", "amqp://\(user):\(password)@127.0.0.1/a/b", "get", "q"],
            ["--url", "amqp://\(user):\(password)@127.0.0.1?bogus=1", "get", "q"],
            ["--url", "amqp://\(user):\(password)@192.0.2.1", "--connect-timeout", "200ms", "get", "q"],
            ["--url", url, "--api-url", "http://\(user):\(password)@127.0.0.1:1", "list", "queues"],
            [
                "--url", url, "--api-url", "http://\(user):\(password)x@127.0.0.1:\(TestBroker.apiPort)", "list",
                "queues",
            ],
        ]
        for arguments in failures {
            let result = try MQProcess.run(["--verbose", "--json"] + arguments)
            #expect(result.status != 0)
            #expect(!result.stdout.contains(password), "stdout of \(arguments)")
            #expect(!result.stderr.contains(password), "stderr of \(arguments)")
            checked += 1
        }
        #expect(checked == ways.count * commands.count + failures.count)
    }

    @Test("help, the man page and the completions name no credentials")
    func documentation() throws {
        for arguments in [["--help"], ["help", "publish"], ["man"], ["completions", "bash"]] {
            let output = try mq(arguments[0], arguments.count > 1 ? arguments[1] : "--quiet").stdout
            #expect(!output.contains("guest:guest"), "\(arguments)")
        }
    }

    @Test(
        "config show masks the password in an API URL given by flag, MQ_API_URL or a profile's api_url, in text and JSON"
    )
    func configShowMasksAPIURL() throws {
        let password = "api-pw-\(UInt64.random(in: 0...UInt64.max))"
        let apiURL = "http://admin:\(password)@127.0.0.1:15672"
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mq-api-secret-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("config").path
        try Data("[default]\napi_url = \(apiURL)\nurl = amqp://u:\(password)@h/\n".utf8).write(
            to: URL(fileURLWithPath: config))
        chmod(config, 0o600)
        let ways: [(arguments: [String], environment: [String: String], source: String)] = [
            (["--api-url", apiURL], [:], "flag"),
            ([], ["MQ_API_URL": apiURL], "env"),
            (["--config", config], ["MQ_API_URL": ""], "file"),
        ]
        for way in ways {
            for format in [[], ["--json"]] {
                let result = try MQProcess.run(
                    way.arguments + ["config", "show"] + format, environment: way.environment)
                #expect(result.status == 0, "\(result.stderr)")
                #expect(!result.stdout.contains(password), "\(way.source) \(format): \(result.stdout)")
                #expect(!result.stderr.contains(password))
                #expect(
                    result.stdout.contains("http://admin:***@127.0.0.1:15672"),
                    "\(way.source) \(format): \(result.stdout)")
            }
        }
        let revealed = try MQProcess.run(["--api-url", apiURL, "config", "show", "--reveal-passwords"])
        #expect(revealed.stdout.contains(apiURL))
    }
}
