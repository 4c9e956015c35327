import Foundation
import TestSupport
import Testing

@Suite("consume --exec, request and wait", .needsBroker, .deletesFreshQueues)
struct ExecTests {
    private func ready(_ queue: String) throws -> Int? {
        try jsonLines(try mq("declare", "queue", queue, "--passive", "--json").stdout).first?["messages"] as? Int
    }

    @Test("the command gets the body on stdin and the envelope in MQ_* variables; exit 0 acks")
    func environment() throws {
        let queue = freshQueue("exec")
        try mq("declare", "queue", queue)
        try mq("publish", "--queue", queue, "--header", "x-retry-count=2", "--correlation-id", "c-9", "--content-type", "text/plain", "payload")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("mq-exec-\(queue)")
        defer { try? FileManager.default.removeItem(at: out) }
        let command =
            "{ cat; echo; echo \"$MQ_ROUTING_KEY $MQ_REDELIVERED $MQ_CORRELATION_ID $MQ_CONTENT_TYPE $MQ_HEADER_X_RETRY_COUNT $MQ_QUEUE\"; } > '\(out.path)'"
        let result = try mq("consume", queue, "--exec", command, "--count", "1")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try String(contentsOf: out, encoding: .utf8) == "payload\n\(queue) false c-9 text/plain 2 \(queue)\n")
        #expect(try ready(queue) == 0)
    }

    @Test("failing commands: reject drops the message, requeue keeps it, and mq exits 1")
    func failures() throws {
        let queue = freshQueue("exec-fail")
        try mq("declare", "queue", queue)
        try mq("publish", "--queue", queue, "--lines", stdin: "good\nbad\n")
        let rejected = try mq("consume", queue, "--exec", "test \"$(cat)\" = good", "--on-failure", "reject", "--timeout", "1s")
        #expect(rejected.status == 1)
        #expect(rejected.stderr.contains("1 of 2 commands failed"))
        #expect(try ready(queue) == 0)
        try mq("publish", "--queue", queue, "bad")
        let stopped = try mq("consume", queue, "--exec", "exit 3", "--on-failure", "stop")
        #expect(stopped.status == 1)
        #expect(try ready(queue) == 1)
    }

    @Test("--concurrency runs commands at once")
    func concurrency() throws {
        let queue = freshQueue("exec-par")
        try mq("declare", "queue", queue)
        try mq("publish", "--queue", queue, "--lines", stdin: "1\n2\n3\n4\n")
        let start = Date()
        let result = try mq("consume", queue, "--exec", "sleep 1", "--concurrency", "4", "--count", "4")
        #expect(result.status == 0)
        // Not a timing assertion on mq's speed: four one-second sleeps in a row would take four seconds.
        #expect(Date().timeIntervalSince(start) < 3.5)
    }

    @Test("request gets the reply from consume --exec --reply; no reply is exit 3; no route is exit 2")
    func requestReply() throws {
        let queue = freshQueue("rpc")
        try mq("declare", "queue", queue)
        let server = try MQProcess(["consume", queue, "--exec", "tr a-z A-Z", "--reply", "--count", "1", "--timeout", "20s"])
        let reply = try mq("request", "--queue", queue, "ping", "--timeout", "15s")
        #expect(reply.status == 0, "\(reply.stderr)")
        #expect(reply.stdout == "PING\n")
        #expect(server.finish(within: 30) == 0, "\(server.stderr)")
        let silent = try mq("request", "--queue", queue, "anyone?", "--timeout", "300ms")
        #expect(silent.status == 3)
        #expect(silent.stderr.hasPrefix("mq: no reply within"))
        #expect(try mq("request", "--queue", freshQueue("nobody"), "x").status == 2)
    }

    @Test("wait succeeds at once on a running broker, and exits 69 when a queue never appears")
    func wait() throws {
        let queue = freshQueue("wait")
        try mq("declare", "queue", queue)
        #expect(try mq("wait", "--queue", queue, "--timeout", "5s").status == 0)
        let missing = try mq("wait", "--queue", freshQueue("never"), "--timeout", "1s", "--interval", "200ms")
        #expect(missing.status == 69)
        #expect(missing.stderr.contains("does not exist yet"))
        #expect(try mq("wait", "--port", "1", "--timeout", "1s").status == 69)
    }

    @Test("--offset reads a stream from the first message")
    func streamOffset() throws {
        let queue = freshQueue("stream")
        try mq("declare", "queue", queue, "--type", "stream")
        try mq("publish", "--queue", queue, "--lines", stdin: "s1\ns2\ns3\n")
        #expect(try mq("consume", queue, "--offset", "first", "--count", "3").stdout == "s1\ns2\ns3\n")
        #expect(try mq("consume", queue, "--offset", "1", "--count", "2").stdout == "s2\ns3\n")
        #expect(try mq("consume", queue, "--offset", "sometime").status == 64)
    }
}
