import Foundation
import TestSupport
import Testing

@Suite("Configuration profiles", .needsBroker, .deletesFreshQueues, .timeLimit(.minutes(5)))
struct ConfigTests {
    /// Writes a configuration file and returns its path.
    private func file(_ text: String, mode: mode_t = 0o600) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("mq-config-\(UUID().uuidString)").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        chmod(path, mode)
        return path
    }

    /// The value and source `mq config show` prints for `setting`.
    private func shown(_ setting: String, _ arguments: [String], environment: [String: String] = [:]) throws -> (
        String, String
    )? {
        let result = try MQProcess.run(arguments + ["config", "show", "--json"], environment: environment)
        guard let rows = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]],
            let row = rows.first(where: { $0["setting"] as? String == setting })
        else { return nil }
        return ((row["value"] as? String) ?? "-", (row["source"] as? String) ?? "?")
    }

    @Test("precedence: flag > environment > profile > default, each shown with its source")
    func precedence() throws {
        let config = try file(
            "[default]\nurl = amqp://profile-host\nvhost = from-file\n\n[other]\nurl = amqp://other-host\n")
        defer { unlink(config) }
        let base = ["--config", config]
        let clean = ["MQ_URL": ""]
        #expect(try shown("url", base, environment: clean)?.1 == "file")
        #expect(try shown("url", base, environment: clean)?.0.contains("profile-host") == true)
        #expect(try shown("url", base + ["--profile", "other"], environment: clean)?.0.contains("other-host") == true)
        #expect(try shown("url", base, environment: ["MQ_URL": "amqp://env-host"])?.1 == "env")
        #expect(
            try shown("url", base + ["--url", "amqp://flag-host"], environment: ["MQ_URL": "amqp://env-host"])?.1
                == "flag")
        #expect(try shown("vhost", base)?.0 == "from-file")
        #expect(try shown("heartbeat", base)?.1 == "default")
    }

    @Test("a profile connects: its url, user and password are used")
    func profileConnects() throws {
        let config = try file("[test]\nurl = \(TestBroker.url)\n")
        defer { unlink(config) }
        let result = try mq(
            "--config", config, "--profile", "test", "declare", "queue", "--server-named", "--exclusive",
            environment: ["MQ_URL": ""])
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test("a malformed file or a missing profile is exit 78 naming the file and line")
    func malformed() throws {
        let config = try file("[default]\nurl = amqp://x\nbogus = 1\n")
        defer { unlink(config) }
        let result = try mq("--config", config, "get", "q")
        #expect(result.status == 78)
        #expect(result.stderr.hasPrefix("mq: \(config):3: unknown key 'bogus'"))
        let good = try file("[default]\nurl = amqp://x\n")
        defer { unlink(good) }
        let missing = try mq("--config", good, "--profile", "nope", "get", "q")
        #expect(missing.status == 78)
        #expect(missing.stderr.contains("no profile [nope]"))
    }

    @Test("a password in a file others can read gets a warning; mode 600 does not")
    func permissions() throws {
        let open = try file("[default]\npassword = hunter2\n", mode: 0o644)
        let closed = try file("[default]\npassword = hunter2\n", mode: 0o600)
        defer {
            unlink(open)
            unlink(closed)
        }
        #expect(try mq("--config", open, "config", "path").stderr.contains("other users can read it"))
        #expect(try mq("--config", closed, "config", "path").stderr.isEmpty)
    }
}
