import Foundation
import TestSupport
import Testing

@Suite("mq move", .needsBroker, .deletesFreshQueues, .timeLimit(.minutes(5)))
struct MoveTests {
    /// Every body in `queue`, taken out of it.
    private func drain(_ queue: String, url: String = TestBroker.url) throws -> [String] {
        let result = try MQProcess.run(
            ["consume", queue, "--timeout", "1s"], environment: ["MQ_URL": url], timeout: 120)
        return result.stdout.split(separator: "\n").map(String.init)
    }

    private func queues(_ names: String...) throws {
        for name in names { try mq("declare", "queue", name) }
    }

    @Test("moves every message with its properties and headers, acks the source, and reports the counts")
    func movesEverything() throws {
        let (source, target) = (freshQueue("move.src"), freshQueue("move.dst"))
        try queues(source, target)
        #expect(try mq("publish", "--queue", source, "--lines", stdin: numberedLines(50)).status == 0)
        let published = try mq(
            "publish", "--queue", source, "--header", "n=7", "--header-string", "s=x", "--message-id", "id-1",
            "--correlation-id", "c",
            "--persistent", "--priority", "4", "--type", "t", "last")
        #expect(published.status == 0)
        let moved = try mq("move", source, "--to-queue", target, "--json")
        #expect(moved.status == 0, "\(moved.stderr)")
        #expect(
            moved.stdout
                == "{\"moved\":51,\"requeued\":0,\"returned\":0,\"nacked\":0,\"reconnects\":0,\"republished\":0,\"redelivered\":0}\n"
        )
        #expect(try ready(source) == 0)
        let messages = try jsonLines(try mq("get", target, "--count", "51", "--format", "json").stdout)
        #expect(messages.map { $0["body"] as? String } == (1...50).map { "m\($0)" } + ["last"])
        let last = try #require(messages.last)
        let properties = try #require(last["properties"] as? [String: Any])
        #expect(properties["message_id"] as? String == "id-1")
        #expect(properties["correlation_id"] as? String == "c")
        #expect(properties["delivery_mode"] as? Int == 2)
        #expect(properties["priority"] as? Int == 4)
        #expect(properties["type"] as? String == "t")
        let headers = try #require(last["headers"] as? [String: Any])
        #expect(headers["n"] as? Int == 7)
        #expect(headers["s"] as? String == "x")
        let text = try mq("move", source, "--to-queue", target)
        #expect(text.status == 0)
        #expect(text.stdout == "moved 0 messages from '\(source)' to queue '\(target)'\n")
    }

    @Test("--count moves that many and leaves the rest; more than there are is exit 3")
    func count() throws {
        let (source, target) = (freshQueue("move.count"), freshQueue("move.count.dst"))
        try queues(source, target)
        #expect(try mq("publish", "--queue", source, "--lines", stdin: numberedLines(30)).status == 0)
        let ten = try mq("move", source, "--to-queue", target, "--count", "10", "--window", "4")
        #expect(ten.status == 0, "\(ten.stderr)")
        #expect(try ready(source) == 20)
        #expect(try drain(target) == (1...10).map { "m\($0)" })
        let more = try mq("move", source, "--to-queue", target, "--count", "25")
        #expect(more.status == 3)
        #expect(more.stderr == "mq: moved 20 of 25 messages: '\(source)' had no more\n")
        #expect(try ready(target) == 20)
        #expect(try ready(source) == 0)
    }

    @Test("a message no queue takes stops the move: it and everything unconfirmed go back, exit 2")
    func unroutable() throws {
        let source = freshQueue("move.unroutable")
        let exchange = "mq-test-move-nowhere-\(UUID().uuidString.prefix(8))"
        try queues(source)
        #expect(try mq("declare", "exchange", exchange, "--type", "direct").status == 0)
        defer { try? cleanUp(exchanges: [exchange]) }
        #expect(try mq("publish", "--queue", source, "--lines", stdin: numberedLines(20)).status == 0)
        let moved = try mq("move", source, "--to-exchange", exchange, "--key", "nobody")
        #expect(moved.status == 2)
        #expect(
            moved.stderr.hasPrefix(
                "mq: message 1 was returned by the destination: no queue is bound to exchange '\(exchange)' with "
                    + "routing key 'nobody' (NO_ROUTE (312))"
            ), "\(moved.stderr)")
        #expect(
            moved.stderr.hasSuffix("; moved 0, requeued 20 (20 returned, 0 nacked by the destination)\n")
                || moved.stderr.contains("moved 0, requeued 20"))
        #expect(try drain(source).sorted() == (1...20).map { "m\($0)" }.sorted())
    }

    @Test("--to-origin puts dead-lettered messages back where they were dead-lettered from")
    func toOrigin() throws {
        let (work, dead) = (freshQueue("move.work"), freshQueue("move.dlq"))
        let dlx = "mq-test-move-dlx-\(UUID().uuidString.prefix(8))"
        #expect(try mq("declare", "exchange", dlx, "--type", "fanout").status == 0)
        defer { try? cleanUp(exchanges: [dlx]) }
        try queues(dead)
        #expect(try mq("bind", "queue", dead, "--exchange", dlx).status == 0)
        #expect(try mq("declare", "queue", work, "--dead-letter-exchange", dlx).status == 0)
        #expect(try mq("publish", "--queue", work, "--lines", stdin: numberedLines(3)).status == 0)
        let rejected = try mq("consume", work, "--exec", "exit 1", "--on-failure", "reject", "--count", "3")
        #expect(rejected.status == 1)
        #expect(try ready(dead) == 3)
        let back = try mq("move", dead, "--to-origin")
        #expect(back.status == 0, "\(back.stderr)")
        #expect(try ready(dead) == 0)
        let messages = try jsonLines(try mq("get", work, "--count", "3", "--format", "json").stdout)
        #expect(messages.map { $0["body"] as? String } == ["m1", "m2", "m3"])
        #expect(messages.allSatisfy { ($0["headers"] as? [String: Any])?["x-death"] != nil })
        // A message that was never dead-lettered has no origin: without a fallback it stays.
        #expect(try mq("publish", "--queue", dead, "plain").status == 0)
        let stuck = try mq("move", dead, "--to-origin")
        #expect(stuck.status == 65)
        #expect(stuck.stderr.contains("message 1 has no x-death header"))
        #expect(try ready(dead) == 1)
        #expect(try mq("move", dead, "--to-origin", "--key", work).status == 0)
        #expect(try ready(work) == 1)
    }

    @Test("the destination's options fall back to the source's; --to-profile names another broker")
    func destinationOptions() throws {
        let (source, target) = (freshQueue("move.profile"), freshQueue("move.profile.dst"))
        try queues(source, target)
        #expect(try mq("publish", "--queue", source, "one").status == 0)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mq-move-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("config")
        try Data("[other]\nurl = \(TestBroker.url)\n".utf8).write(to: config)
        let moved = try mq(
            "move", source, "--to-queue", target, "--to-profile", "other", "--config", config.path, "--url",
            "amqp://127.0.0.1:1")
        #expect(moved.status == 69, "the source is unreachable: \(moved.stderr)")
        let good = try mq("move", source, "--to-queue", target, "--to-profile", "other", "--config", config.path)
        #expect(good.status == 0, "\(good.stderr)")
        #expect(try ready(target) == 1)
        let wrongDestination = try mq(
            "move", target, "--to-queue", source, "--to-url", "amqp://guest:hunter2@127.0.0.1:1/")
        #expect(wrongDestination.status == 69)
        #expect(!wrongDestination.stderr.contains("hunter2"))
        #expect(try ready(target) == 1)
        let missing = try mq("move", source, "--to-queue", target, "--to-profile", "nope", "--config", config.path)
        #expect(missing.status == 78)
        #expect(missing.stderr.contains("no profile [nope]"))
    }

    @Test("bad invocations are usage errors before anything moves")
    func usage() throws {
        let queue = freshQueue("move.usage")
        try queues(queue)
        for (arguments, message) in [
            (["move", queue], "mq: move needs --to-queue, --to-exchange or --to-origin"),
            (["move", queue, "--to-queue", queue], "mq: the destination is the source queue '\(queue)'"),
            (
                ["move", queue, "--to-queue", "a", "--key", "k"],
                "mq: --key is for --to-exchange or --to-origin; --to-queue publishes to the queue by name"
            ),
            (
                ["move", queue, "--to-queue", "a", "--to-exchange", "x"],
                "mq: --to-queue and --to-exchange contradict each other"
            ),
            (["move", queue, "--to-queue", "a", "--window", "0"], nil),
        ] {
            let result = try mq(arguments)
            #expect(result.status == 64, "\(arguments)")
            if let message { #expect(result.stderr.hasPrefix(message + "\n"), "\(result.stderr)") }
        }
    }

    @Test("SIGTERM finishes the messages in flight: exit 143, every message in one queue, none twice")
    func interrupted() throws {
        let (source, target) = (freshQueue("move.int"), freshQueue("move.int.dst"))
        try queues(source, target)
        #expect(try mq("publish", "--queue", source, "--lines", stdin: numberedLines(400)).status == 0)
        // Synchronous, like the other tests that time a signal: an async test's sleep can outlast
        // the move while other tests hold the cooperative threads.
        let move = try MQProcess(["move", source, "--to-queue", target, "--rate", "200/s", "--window", "50"])
        let started = try eventually(within: 20, every: 0.05) { try ready(target) >= 20 ? true : nil }
        #expect(started == true, "fewer than 20 moved: \(move.stderr)")
        move.kill(SIGTERM)
        let status = move.finish(within: 30)
        #expect(status == 143, "status \(String(describing: status)): \(move.stderr)")
        let moved = try drain(target)
        let left = try drain(source)
        #expect(!moved.isEmpty && !left.isEmpty, "\(moved.count) moved, \(left.count) left; \(move.stderr)")
        #expect((moved + left).sorted() == (1...400).map { "m\($0)" }.sorted())
    }

    @Test("SIGKILL at any moment: every message is in the source or the destination, duplicates only within the window")
    func killed() throws {
        let total = 20_000
        let (source, target) = (freshQueue("move.kill"), freshQueue("move.kill.dst"))
        try queues(source, target)
        #expect(
            try mq("publish", "--queue", source, "--lines", stdin: numberedLines(total), environment: [:]).status == 0)
        for delay in [300, 1000] {
            let move = try MQProcess(["move", source, "--to-queue", target, "--window", "500", "--rate", "5000/s"])
            // Not a wait for a condition: the kill lands at a moment picked in advance, wherever
            // the move is then (connecting, or moving messages).
            Thread.sleep(forTimeInterval: Double(delay) / 1000)
            move.kill(SIGKILL)
            #expect(move.finish(within: 10) == 128 + SIGKILL)
        }
        // The broker requeues what the killed connection held once it sees the socket close.
        let requeued = try eventually { try ready(source) + ready(target) >= total ? true : nil }
        #expect(requeued == true, "messages still held by the killed connections")
        let moved = try drain(target)
        let left = try drain(source)
        let all = moved + left
        let distinct = Set(all)
        #expect(distinct == Set((1...total).map { "m\($0)" }), "lost: \(total - distinct.count)")
        #expect(all.count - distinct.count <= 2 * 500, "duplicates: \(all.count - distinct.count)")
        print(
            "move SIGKILL: \(moved.count) in the destination, \(left.count) in the source, "
                + "\(all.count - distinct.count) duplicates"
        )
    }

    @Test("a hundred thousand messages move, each once")
    func hundredThousand() throws {
        let total = 100_000
        let (source, target) = (freshQueue("move.100k"), freshQueue("move.100k.dst"))
        try queues(source, target)
        #expect(
            try MQProcess.run(
                ["publish", "--queue", source, "--lines"], stdin: Array(numberedLines(total).utf8), timeout: 120
            ).status == 0)
        let start = Date()
        let moved = try MQProcess.run(["move", source, "--to-queue", target, "--json"], timeout: 300)
        let seconds = Date().timeIntervalSince(start)
        #expect(moved.status == 0, "\(moved.stderr)")
        #expect(
            moved.stdout
                == "{\"moved\":\(total),\"requeued\":0,\"returned\":0,\"nacked\":0,\"reconnects\":0,\"republished\":0,\"redelivered\":0}\n"
        )
        #expect(try ready(source) == 0)
        #expect(try ready(target) == total)
        print("move: \(total) messages in \(String(format: "%.2f", seconds)) s")
    }

    @Test("from one broker to another (the other test broker, when it runs)", .enabled(if: TestBroker.peerURL != nil))
    func acrossBrokers() throws {
        let peer = try #require(TestBroker.peerURL)
        let source = FreshQueues.name("move.peer", url: peer)
        let target = freshQueue("move.peer.dst")
        #expect(try MQProcess.run(["declare", "queue", source], environment: ["MQ_URL": peer]).status == 0)
        try queues(target)
        #expect(
            try MQProcess.run(
                ["publish", "--queue", source, "--lines"], stdin: Array(numberedLines(5000).utf8),
                environment: ["MQ_URL": peer]
            ).status
                == 0
        )
        let moved = try MQProcess.run(
            ["move", source, "--to-url", TestBroker.url, "--to-queue", target, "--json"], environment: ["MQ_URL": peer])
        #expect(moved.status == 0, "\(moved.stderr)")
        #expect(
            moved.stdout
                == "{\"moved\":5000,\"requeued\":0,\"returned\":0,\"nacked\":0,\"reconnects\":0,\"republished\":0,\"redelivered\":0}\n"
        )
        #expect(try ready(source, url: peer) == 0)
        #expect(try drain(target) == (1...5000).map { "m\($0)" })
    }
}
