import Foundation
import TestSupport
import Testing

/// Pipes that go quiet for longer than the heartbeat interval: mq keeps its connection serviced
/// while it waits for input, for a reply, or for room in its output.
@Suite(
    "Long-lived pipes: quiet input, slow replies, heartbeats", .needsBroker, .deletesFreshQueues,
    .timeLimit(.minutes(5)))
struct LongPipeTests {
    static let confirmedTwo =
        "{\"published\":2,\"confirmed\":2,\"returned\":0,\"nacked\":0,\"skipped\":0,\"reconnects\":0,\"republished\":0}\n"

    @Test("publish --lines: input quiet for three heartbeat intervals, both messages confirmed and counted")
    func quietLines() throws {
        let queue = freshQueue("quiet-lines")
        try mq("declare", "queue", queue)
        let result = try pipeline(
            #"(echo first; sleep 6.5; echo second) | "$MQ" publish --queue "$Q" --lines --heartbeat 2s --json"#,
            queue: queue)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == Self.confirmedTwo)
        #expect(result.stderr.isEmpty)
        #expect(try mq("get", queue, "--count", "2").stdout == "first\nsecond\n")
    }

    @Test("publish --ndjson: input quiet for three heartbeat intervals, both messages confirmed and counted")
    func quietNDJSON() throws {
        let queue = freshQueue("quiet-ndjson")
        try mq("declare", "queue", queue)
        let result = try pipeline(
            #"(echo '{"body":"first"}'; sleep 6.5; echo '{"body":"second"}') | "$MQ" publish --queue "$Q" --ndjson --heartbeat 2s --json"#,
            queue: queue)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == Self.confirmedTwo)
        #expect(try mq("get", queue, "--count", "2").stdout == "first\nsecond\n")
    }

    @Test("request: a quiet input, then a reply three heartbeat intervals later, arrives")
    func slowReply() throws {
        let queue = freshQueue("slow-rpc")
        try mq("declare", "queue", queue)
        let responder = try MQProcess([
            "consume", queue, "--count", "1", "--heartbeat", "2s", "--exec", "sleep 6.5; tr a-z A-Z", "--reply",
        ])
        let result = try pipeline(
            #"(sleep 3; printf ping) | "$MQ" request --queue "$Q" --heartbeat 2s --timeout 30s"#, queue: queue)
        let responded = responder.finish(within: 30)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "PING\n")
        #expect(responded == 0, "\(responder.stderr)")
    }

    @Test(
        "consume into a full pipe whose reader pauses for three heartbeat intervals keeps its connection, and delivers everything"
    )
    func slowReader() throws {
        let queue = freshQueue("slow-reader")
        try mq("declare", "queue", queue)
        let body = String(repeating: "x", count: 200)
        try mq(
            "publish", "--queue", queue, "--lines", stdin: (1...2000).map { "\($0) \(body)" }.joined(separator: "\n"))
        // 400 kB: far more than a pipe holds, so consume waits for room while the reader sleeps.
        let result = try pipeline(#""$MQ" consume "$Q" --count 2000 --heartbeat 2s | (sleep 7; wc -l)"#, queue: queue)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "2000")
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        let left =
            try jsonLines(try mq("declare", "queue", queue, "--passive", "--json").stdout).first?["messages"] as? Int
        #expect(left == 0)
    }

    @Test("--heartbeat 0 turns heartbeats off: the broker shows a timeout of 0 for the connection")
    func heartbeatsOff() throws {
        let queue = freshQueue("no-heartbeat")
        try mq("declare", "queue", queue)
        let shell = try startPipeline(
            #"(echo first; sleep 8; echo second) | "$MQ" --heartbeat 0 publish --queue "$Q" --lines"#, queue: queue)
        defer { _ = shell.finish(within: 30) }
        // Other tests' publishers may be connected too, each with the default 60 s.
        let seen = try eventually(within: 7) { () -> Bool? in
            let listed = try jsonArray(
                try mq("list", "connections", "--columns", "client_name,timeout", "--json").stdout)
            return listed.contains { $0["client_name"] as? String == "mq publish" && $0["timeout"] as? Int == 0 }
                ? true : nil
        }
        #expect(seen == true)
        #expect(shell.finish(within: 30) == 0, "\(shell.stderr)")
    }
}
