import Foundation
import TestSupport
import Testing

@Suite("mq top's snapshot for scripts (not a terminal, or --once)", .needsBroker, .timeLimit(.minutes(5)))
struct TopTests {
    static let header = "name\tvhost\tready\tunacked\tconsumers\tpublish_rate\tdeliver_rate"

    /// A vhost of the test's own with queues `alpha` (3 messages) and `bravo` (none).
    private func vhostWithQueues() throws -> String {
        let vhost = try scratchVhost("top")
        for queue in ["alpha", "bravo"] {
            try #require(try mq("declare", "queue", queue, "--vhost", vhost).status == 0)
        }
        try #require(try mq("publish", "--vhost", vhost, "--queue", "alpha", "--lines", stdin: "1\n2\n3\n").status == 0)
        return vhost
    }

    /// The rows of `mq top` in `vhost` once the API's statistics show `alpha`'s messages.
    private func topRows(_ vhost: String, _ extra: String...) throws -> [[String]]? {
        try eventually(within: 30) { () -> [[String]]? in
            let result = try mq(["top", "--vhost", vhost] + extra)
            let rows = tsvRows(result.stdout)
            return result.status == 0 && rows.contains { $0.first == "alpha" && $0[2] == "3" } ? rows : nil
        }
    }

    @Test(
        "TSV: one header row, then each queue with its ready, unacked and consumer counts and rates; --no-headers drops the header"
    )
    func tsv() throws {
        let vhost = try vhostWithQueues()
        defer { deleteVhost(vhost) }
        let rows = try #require(try topRows(vhost), "alpha never showed 3 ready messages")
        #expect(rows.first?.joined(separator: "\t") == Self.header)
        #expect(rows.dropFirst().map { $0[0] } == ["alpha", "bravo"], "sorted by name")
        #expect(rows[1][1...4] == [vhost, "3", "0", "0"])
        #expect(rows[1].count == 7 && Double(rows[1][5]) != nil && Double(rows[1][6]) != nil)
        #expect(rows[2][1...4] == [vhost, "0", "0", "0"])
        let bare = try mq("top", "--vhost", vhost, "--no-headers", "--once")
        #expect(bare.status == 0)
        #expect(tsvRows(bare.stdout).map { $0[0] } == ["alpha", "bravo"])
        let sorted = try #require(try topRows(vhost, "--sort", "ready", "--reverse", "--no-headers"))
        #expect(sorted.map { $0[0] } == ["alpha", "bravo"])
        let ascending = try #require(try topRows(vhost, "--sort", "ready", "--no-headers"))
        #expect(ascending.map { $0[0] } == ["bravo", "alpha"])
    }

    @Test("--json: one object with the broker's version, totals and nodes, and the queues")
    func json() throws {
        let vhost = try vhostWithQueues()
        defer { deleteVhost(vhost) }
        _ = try topRows(vhost)
        let result = try mq("top", "--vhost", vhost, "--json")
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let broker = try #require(object["broker"] as? [String: Any])
        #expect((broker["version"] as? String)?.hasPrefix(TestBroker.isRabbitMQ4 ? "4." : "3.") == true)
        #expect(broker["connections"] is Int && broker["channels"] is Int)
        let nodes = try #require(broker["nodes"] as? [[String: Any]])
        #expect(nodes.count >= 1)
        #expect(nodes.first?["mem_alarm"] as? Bool == false)
        #expect(nodes.first?["disk_free_alarm"] as? Bool == false)
        let queues = try #require(object["queues"] as? [[String: Any]])
        #expect(queues.map { $0["name"] as? String } == ["alpha", "bravo"])
        #expect(queues.first?["ready"] as? Int == 3)
        #expect(queues.first?["vhost"] as? String == vhost)
        #expect(
            Set(queues.first?.keys.map { $0 } ?? []) == [
                "name", "vhost", "ready", "unacked", "consumers", "publish_rate", "deliver_rate",
            ])
    }

    @Test("--match keeps the queues whose names match the glob, as list --match does")
    func match() throws {
        let vhost = try vhostWithQueues()
        defer { deleteVhost(vhost) }
        #expect(
            tsvRows(try mq("top", "--vhost", vhost, "--match", "b*", "--no-headers").stdout).map { $0[0] } == ["bravo"])
        #expect(
            tsvRows(try mq("top", "--vhost", vhost, "--match", "[ab]*", "--no-headers").stdout).map { $0[0] } == [
                "alpha", "bravo",
            ])
        #expect(try mq("top", "--vhost", vhost, "--match", "zz*", "--no-headers").stdout == "")
    }

    @Test("the API unreachable exits 69, a wrong password 77, an unknown vhost 1: one line on stderr each")
    func errors() throws {
        let closed = try mq("top", "--api-url", "http://127.0.0.1:1")
        #expect(closed.status == 69)
        #expect(closed.stdout == "")
        #expect(
            closed.stderr == """
                mq: cannot reach the management API at http://127.0.0.1:1: cannot connect to 127.0.0.1:1: Connection refused; \
                is the management plugin enabled? (rabbitmq-plugins enable rabbitmq_management)

                """)
        let secret = "wrong-\(UInt32.random(in: 0...UInt32.max))"
        let refused = try mq("top", "--password", secret)
        #expect(refused.status == 77)
        let reason = TestBroker.isRabbitMQ4 ? "Not_Authorized" : "Login failed"
        #expect(
            refused.stderr
                == "mq: management API: access refused for user 'guest': \(reason) (wrong user or password?; API users "
                + "also need the 'management' tag)\n"
        )
        let vhost = "no-such-vhost-\(UInt32.random(in: 0...UInt32.max))"
        let missing = try mq("top", "--vhost", vhost)
        #expect(missing.status == 1)
        #expect(missing.stderr == "mq: vhost '\(vhost)': not found (404)\n")
    }

    @Test("--interval below 100ms and an unknown --sort column are usage errors")
    func usage() throws {
        let short = try mq("top", "--interval", "50ms")
        #expect(short.status == 64)
        #expect(short.stderr.hasPrefix("mq: bad value for '--interval': '50ms' is shorter than 100ms\n"))
        #expect(try mq("top", "--sort", "colour").status == 64)
    }
}
