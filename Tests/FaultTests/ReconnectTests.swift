import Foundation
import JSON
import TestSupport
import Testing

/// mq through a restart of the node of `scripts/fault-node` (`rabbitmqctl stop_app`, then
/// `start_app` once mq has said it lost the connection): every long-running verb comes back,
/// nothing is lost, and every duplicate is within what mq counted. These tests are part of the
/// fault node's suite, which runs one test at a time; each prints the figures it saw.
extension BrokerFaultTests {
    /// Stops the node's application, waits (at most 30 s) until `process` says it lost its
    /// connection, and starts the application again, however the wait went.
    func restartNode(noticedBy process: MQProcess, within seconds: Double = 30) async throws {
        try await script("fault-node", "ctl", "stop_app")
        let noticed = await eventually(within: seconds) { process.stderr.contains(" lost (") }
        try await script("fault-node", "ctl", "start_app")
        #expect(noticed, "mq did not say it lost the connection: \(process.stderr)")
    }

    /// The JSON object on the last line of `output`.
    func summary(_ output: String) throws -> [String: Int] {
        let line = try #require(output.split(separator: "\n").last, "no JSON summary")
        return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Int], "\(line)")
    }

    /// Lines of `text`, without the empty one after the last newline.
    func lines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    @Test(
        "publish --lines through a restart: exit 0, every line in the queue, duplicates within what was published again"
    )
    func publishThroughRestart() async throws {
        let total = 50_000
        let queue = freshQueue("reconnect.publish", url: url)
        try #require(try await mq(["declare", "queue", queue, "--durable"], url: url).status == 0)
        let publisher = try MQProcess(
            ["publish", "--queue", queue, "--lines", "--persistent", "--rate", "5000/s", "--json"], url: url,
            stdin: numberedLines(total))
        #expect(try await eventually(within: 20) { try await queueState(queue, url: url).messages >= 10_000 })
        try await restartNode(noticedBy: publisher)
        let status = await publisher.wait(within: 120)

        #expect(status == 0, "\(publisher.stderr)")
        #expect(publisher.stderr.contains("mq: reconnected to "), "\(publisher.stderr)")
        let counts = try summary(publisher.stdout)
        #expect(counts["published"] == total && counts["confirmed"] == total, "\(counts)")
        #expect(counts["reconnects"] == 1, "\(counts)")
        let kept = try await drain(queue, url: url)
        let distinct = Set(kept)
        #expect(distinct == Set((1...total).map { "m\($0)" }), "lost: \(total - distinct.count)")
        #expect(
            kept.count - distinct.count <= counts["republished"] ?? 0,
            "duplicates: \(kept.count - distinct.count), \(counts)")
        print(
            "publish through a restart: \(total) lines, lost 0, duplicates \(kept.count - distinct.count), republished \(counts["republished"] ?? -1); \(publisher.stderr)"
        )
    }

    @Test(
        "consume into a pipe through a restart: every message written at least once, duplicates within what mq counted")
    func consumeThroughRestart() async throws {
        let total = 20_000
        let queue = freshQueue("reconnect.consume", url: url)
        try #require(try await mq(["declare", "queue", queue, "--durable"], url: url).status == 0)
        try #require(
            try await mq(
                ["publish", "--queue", queue, "--lines", "--persistent"], url: url, stdin: numberedLines(total)
            ).status == 0)
        let consumer = try MQProcess(["consume", queue, "--timeout", "5s"], url: url)
        #expect(await eventually(within: 20) { consumer.stdout.utf8.count >= 20_000 })
        try await restartNode(noticedBy: consumer)
        let status = await consumer.wait(within: 120)

        #expect(status == 0, "\(consumer.stderr)")
        let written = lines(consumer.stdout)
        let distinct = Set(written)
        #expect(distinct == Set((1...total).map { "m\($0)" }), "lost: \(total - distinct.count)")
        let counted =
            consumer.stderr.firstMatch(of: /(\d+) messages written and not yet acked will come again/).flatMap {
                Int($0.1)
            } ?? 0
        #expect(
            written.count - distinct.count <= counted,
            "duplicates \(written.count - distinct.count), counted \(counted): \(consumer.stderr)")
        #expect(try await queueState(queue, url: url).messages == 0)
        print(
            "consume through a restart: \(total) messages, lost 0, duplicates \(written.count - distinct.count), "
                + "counted \(counted); \(consumer.stderr)"
        )
    }

    @Test(
        "consume --exec through a restart: every message handled at least once, duplicates within the prefetch, no 406")
    func execThroughRestart() async throws {
        let total = 3_000
        let queue = freshQueue("reconnect.exec", url: url)
        let handled = FileManager.default.temporaryDirectory.appendingPathComponent("mq-handled-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: handled) }
        try #require(try await mq(["declare", "queue", queue, "--durable"], url: url).status == 0)
        try #require(
            try await mq(
                ["publish", "--queue", queue, "--lines", "--persistent"], url: url, stdin: numberedLines(total)
            ).status == 0)
        let consumer = try MQProcess(
            [
                "consume", queue, "--exec", "printf '%s\\n' \"$(cat)\" >> '\(handled)'", "--concurrency", "4",
                "--timeout", "5s",
            ], url: url)
        func handledLines() -> [String] { lines((try? String(contentsOfFile: handled, encoding: .utf8)) ?? "") }
        #expect(await eventually(within: 30) { handledLines().count >= 500 })
        try await restartNode(noticedBy: consumer)
        let status = await consumer.wait(within: 180)

        #expect(status == 0, "\(consumer.stderr)")
        #expect(!consumer.stderr.contains("406") && !consumer.stderr.contains("PRECONDITION"), "\(consumer.stderr)")
        let all = handledLines()
        let distinct = Set(all)
        #expect(distinct == Set((1...total).map { "m\($0)" }), "lost: \(total - distinct.count)")
        #expect(all.count - distinct.count <= 4, "duplicates beyond the prefetch (4): \(all.count - distinct.count)")
        print(
            "consume --exec through a restart: \(total) messages, lost 0, duplicates \(all.count - distinct.count); "
                + "\(consumer.stderr)"
        )
    }

    @Test("a stream read from --offset first through a restart: every offset exactly once, in order")
    func streamThroughRestart() async throws {
        let half = 10_000
        let queue = freshQueue("reconnect.stream", url: url)
        try #require(try await mq(["declare", "queue", queue, "--type", "stream"], url: url).status == 0)
        try #require(
            try await mq(["publish", "--queue", queue, "--lines"], url: url, stdin: numberedLines(half)).status == 0)
        let consumer = try MQProcess(["consume", queue, "--offset", "first", "--count", "\(2 * half)"], url: url)
        // The reader has the whole first half when the node restarts; the second half is
        // published after it: a consumer that started again from the first offset would repeat
        // the first half, one that started from the next would miss nothing either way.
        #expect(await eventually(within: 20) { lines(consumer.stdout).count >= half })
        try await restartNode(noticedBy: consumer)
        #expect(await eventually(within: 60) { consumer.stderr.contains("mq: reconnected to ") }, "\(consumer.stderr)")
        let second = (half + 1...2 * half).map { "m\($0)\n" }.joined()
        try #require(try await mq(["publish", "--queue", queue, "--lines"], url: url, stdin: second).status == 0)
        let status = await consumer.wait(within: 60)

        #expect(status == 0, "\(consumer.stderr)")
        let written = lines(consumer.stdout)
        #expect(written == (1...2 * half).map { "m\($0)" }, "\(written.count) lines; \(consumer.stderr)")
        print(
            "stream through a restart: \(written.count) of \(2 * half) offsets, each once, in order; \(consumer.stderr)"
        )
    }

    @Test("move through a restart of the destination: nothing lost, duplicates within the window, counted")
    func moveThroughDestinationRestart() async throws {
        let total = 20_000
        let source = freshQueue("reconnect.move.src")
        let target = freshQueue("reconnect.move.dst", url: url)
        try #require(try await mq(["declare", "queue", source, "--durable"]).status == 0)
        try #require(try await mq(["declare", "queue", target, "--durable"], url: url).status == 0)
        try #require(
            try await mq(["publish", "--queue", source, "--lines", "--persistent"], stdin: numberedLines(total)).status
                == 0)
        let move = try MQProcess(["move", source, "--to-url", url, "--to-queue", target, "--rate", "2000/s", "--json"])
        #expect(try await eventually(within: 20) { try await queueState(target, url: url).messages >= 2_000 })
        try await restartNode(noticedBy: move)
        let status = await move.wait(within: 120)

        #expect(status == 0, "\(move.stderr)")
        #expect(move.stderr.contains("mq: destination: reconnected to "), "\(move.stderr)")
        let (moved, left, duplicates) = try await expectEveryMessageOnce(total, movedTo: target, from: source)
        print(
            "move through a destination restart: \(moved) moved, \(left) left, duplicates \(duplicates); \(move.stderr)"
        )
    }

    @Test("trace through a restart: its queue is bound again, and what is published after the restart is shown")
    func traceThroughRestart() async throws {
        let apiURL = try await script("fault-node", "api-url").trimmingCharacters(in: .whitespacesAndNewlines)
        let queue = freshQueue("reconnect.trace", url: url)
        try #require(try await mq(["declare", "queue", queue], url: url).status == 0)
        let tracer = try MQProcess(["trace", "--api-url", apiURL], url: url)
        /// Publishes `body` until the trace shows it (the firehose starts a moment after tracing is on).
        func traced(_ body: String) async throws -> Bool {
            try await eventually(within: 30) {
                try await mq(["publish", "--queue", queue, body], url: url)
                return tracer.stdout.contains(body)
            }
        }
        #expect(try await traced("before-the-restart"), "\(tracer.stderr)")
        try await restartNode(noticedBy: tracer)
        #expect(await eventually(within: 60) { tracer.stderr.contains("mq: reconnected to ") }, "\(tracer.stderr)")
        #expect(try await traced("after-the-restart"), "\(tracer.stderr)")
        tracer.kill(SIGTERM)
        #expect(await tracer.wait(within: 15) == 143, "\(tracer.stderr)")
        print("trace through a restart: \(tracer.stderr)")
    }

    @Test("--reconnect-for 3s with the node down longer: exit 69, saying it gave up, with exact counts")
    func windowPasses() async throws {
        let queue = freshQueue("reconnect.window", url: url)
        try #require(try await mq(["declare", "queue", queue, "--durable"], url: url).status == 0)
        let publisher = try MQProcess(
            ["publish", "--queue", queue, "--lines", "--reconnect-for", "3s"], url: url, stdin: "m1\nm2\n",
            keepingInputOpen: true)
        #expect(try await eventually(within: 10) { try await queueState(queue, url: url).messages >= 2 })
        try await script("fault-node", "ctl", "stop_app")
        let status = await publisher.wait(within: 30)
        try await script("fault-node", "ctl", "start_app")

        #expect(status == 69, "\(publisher.stderr)")
        let stderr = publisher.stderr.split(separator: "\n")
        #expect(stderr.count == 2, "\(publisher.stderr)")
        #expect(stderr.first?.hasSuffix("reconnecting for up to 3s") == true, "\(publisher.stderr)")
        #expect(
            stderr.last?.contains("; gave up reconnecting after 3s; 2 of 2 messages confirmed, 0 unconfirmed") == true,
            "\(publisher.stderr)")
    }
}
