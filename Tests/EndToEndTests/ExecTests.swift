import Foundation
import TestSupport
import Testing

@Suite("consume --exec, request and wait", .needsBroker, .deletesFreshQueues, .timeLimit(.minutes(5)))
struct ExecTests {
    @Test("the command gets the body on stdin and the envelope in MQ_* variables; exit 0 acks")
    func environment() throws {
        let queue = freshQueue("exec")
        try mq("declare", "queue", queue)
        try mq(
            "publish", "--queue", queue, "--header", "x-retry-count=2", "--correlation-id", "c-9", "--content-type",
            "text/plain", "payload")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("mq-exec-\(queue)")
        defer { try? FileManager.default.removeItem(at: out) }
        let command =
            "{ cat; echo; echo \"$MQ_ROUTING_KEY $MQ_REDELIVERED $MQ_CORRELATION_ID $MQ_CONTENT_TYPE "
            + "$MQ_HEADER_X_RETRY_COUNT $MQ_QUEUE\"; } > '\(out.path)'"
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
        let rejected = try mq(
            "consume", queue, "--exec", "test \"$(cat)\" = good", "--on-failure", "reject", "--timeout", "1s")
        #expect(rejected.status == 1)
        #expect(rejected.stderr.contains("1 of 2 commands failed"))
        #expect(try ready(queue) == 0)
        try mq("publish", "--queue", queue, "bad")
        let stopped = try mq("consume", queue, "--exec", "exit 3", "--on-failure", "stop")
        #expect(stopped.status == 1)
        #expect(try ready(queue) == 1)
    }

    /// A command that exits with the status its body names (`exit:75`), once: a redelivered
    /// message exits 0. Each run appends the body and the status to `log`.
    private func byBody(log: URL) -> String {
        "body=$(cat); status=${body#exit:}; [ \"$MQ_REDELIVERED\" = true ] && status=0; echo \"$body $status\" >> "
            + "'\(log.path)'; exit $status"
    }

    @Test(
        "--exit-action: a status mapped to requeue comes back, reject dead-letters, ack acks; only non-acks count as failed"
    )
    func exitActions() throws {
        let queue = freshQueue("exec-contract")
        let dead = freshQueue("exec-dead")
        try mq("declare", "queue", dead)
        try mq("declare", "queue", queue, "--dead-letter-exchange", "", "--dead-letter-routing-key", dead)
        try mq("publish", "--queue", queue, "--lines", stdin: "exit:0\nexit:75\nexit:3\nexit:9\n")
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("mq-exec-\(queue)")
        defer { try? FileManager.default.removeItem(at: log) }
        let result = try mq(
            "consume", queue, "--exec", byBody(log: log), "--exit-action", "75=requeue", "--exit-action", "*=reject",
            "--exit-action", "9=ack",
            "--timeout", "3s")
        #expect(result.status == 1, "\(result.stderr)")
        // exit:75 ran twice (requeued, then redelivered and acked), exit:3 once, and failed.
        #expect(result.stderr.contains("mq: 2 of 5 commands failed"), "\(result.stderr)")
        #expect(result.stderr.contains("command failed with status 75 for message 2; requeued"), "\(result.stderr)")
        let rejection = result.stderr.split(separator: "\n").first { $0.hasPrefix("mq: command failed with status 3 ") }
        #expect(rejection?.hasSuffix("; rejected") == true, "\(result.stderr)")
        let runs = try String(contentsOf: log, encoding: .utf8).split(separator: "\n").sorted()
        #expect(runs == ["exit:0 0", "exit:3 3", "exit:75 0", "exit:75 75", "exit:9 9"])
        #expect(try ready(queue) == 0)
        #expect(try mq("get", dead, "--count", "2").stdout == "exit:3\n")
    }

    @Test("--exit-action CODE=stop requeues the message and stops consuming; the rest stay in the queue")
    func exitActionStop() throws {
        let queue = freshQueue("exec-stop")
        try mq("declare", "queue", queue)
        try mq("publish", "--queue", queue, "--lines", stdin: "first\nsecond\nthird\n")
        let result = try mq(
            "consume", queue, "--exec", "exit 4", "--exit-action", "4=stop", "--exit-action", "*=reject", "--timeout",
            "10s")
        #expect(result.status == 1)
        #expect(
            result.stderr.contains("command failed with status 4 for message 1; requeued; stopping"), "\(result.stderr)"
        )
        #expect(result.stderr.contains("mq: 1 of 1 commands failed"), "\(result.stderr)")
        #expect(try ready(queue) == 3)
        #expect(try mq("get", queue, "--count", "3").stdout == "first\nsecond\nthird\n")
    }

    @Test("* covers the non-zero statuses no rule names, before --on-failure; 0=ACTION overrides 0's ack")
    func exitActionFallback() throws {
        let queue = freshQueue("exec-star")
        try mq("declare", "queue", queue)
        try mq("publish", "--queue", queue, "--lines", stdin: "a\nb\n")
        let rejected = try mq(
            "consume", queue, "--exec", "exit 5", "--on-failure", "stop", "--exit-action", "*=reject", "--timeout", "1s"
        )
        #expect(rejected.status == 1)
        #expect(rejected.stderr.contains("mq: 2 of 2 commands failed"), "\(rejected.stderr)")
        #expect(try ready(queue) == 0)
        try mq("publish", "--queue", queue, "c")
        let zero = try mq(
            "consume", queue, "--exec", "cat > /dev/null", "--exit-action", "0=reject", "--exit-action", "*=ack",
            "--count", "1")
        #expect(zero.status == 1)
        #expect(zero.stderr.contains("command failed with status 0 for message 1; rejected"), "\(zero.stderr)")
        #expect(try ready(queue) == 0)
        try mq("publish", "--queue", queue, "d")
        let acked = try mq("consume", queue, "--exec", "exit 7", "--exit-action", "*=ack", "--count", "1")
        #expect(acked.status == 0, "\(acked.stderr)")
        #expect(try ready(queue) == 0)
    }

    @Test(
        "a bad --exit-action is a usage error naming the word, before connecting",
        arguments: [
            (
                ["--exit-action", "300=ack"],
                "mq: bad value for '--exit-action': '300' in '300=ack' is not an exit status (0-255) or *"
            ),
            (
                ["--exit-action", "x=ack"],
                "mq: bad value for '--exit-action': 'x' in 'x=ack' is not an exit status (0-255) or *"
            ),
            (
                ["--exit-action", "75=retry"],
                "mq: bad value for '--exit-action': 'retry' in '75=retry' is not an action: ack, requeue, reject or "
                    + "stop"
            ),
            (
                ["--exit-action", "75"],
                "mq: bad value for '--exit-action': '75' is not CODE=ACTION, e.g. 75=requeue or '*=reject'"
            ),
            (
                ["--exit-action", "75=requeue", "--exit-action", "75=reject"],
                "mq: --exit-action gives status 75 two actions: requeue and reject"
            ),
            (
                ["--exit-action", "*=reject", "--exit-action", "*=ack"],
                "mq: --exit-action gives status * two actions: reject and ack"
            ),
        ])
    func exitActionUsage(words: [String], line: String) throws {
        // Port 1: were it to connect, it would be exit 69.
        let result = try MQProcess.run(["--url", "amqp://127.0.0.1:1", "consume", "q", "--exec", "true"] + words)
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix(line + "\n"), "\(result.stderr)")
    }

    @Test("--exit-action needs --exec")
    func exitActionNeedsExec() throws {
        let result = try MQProcess.run(["--url", "amqp://127.0.0.1:1", "consume", "q", "--exit-action", "75=requeue"])
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("mq: --exit-action needs --exec\n"), "\(result.stderr)")
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
        let server = try MQProcess([
            "consume", queue, "--exec", "tr a-z A-Z", "--reply", "--count", "1", "--timeout", "20s",
        ])
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
