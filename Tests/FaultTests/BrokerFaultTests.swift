import Foundation
import TestSupport
import Testing

/// mq against a broker that stops, or blocks publishers with a memory alarm: the node of
/// `scripts/fault-node` (MQ_TEST_FAULT_URL), never the shared test broker. The tests change the
/// node, so they run one at a time, and each leaves it running and unblocked.
@Suite(
    "A broker that stops or blocks publishing", .needsBroker, .deletesFreshQueues, .serialized,
    .enabled(if: FaultEnvironment.faultNodeURL != nil, "set MQ_TEST_FAULT_URL (scripts/fault-node url)"),
    .timeLimit(.minutes(10)))
struct BrokerFaultTests {
    let url = FaultEnvironment.faultNodeURL ?? ""

    /// True while the node has a memory alarm.
    func memoryAlarm() async throws -> Bool {
        try await script("fault-node", "ctl", "-q", "eval", "rabbit_alarm:get_alarms().").contains("memory")
    }

    /// Stops the node, waits (at most 30 s) for `publisher` to end, and starts the node again with
    /// its data, however the stop went; the publisher's exit status.
    func stopNode(waitingFor publisher: MQProcess) async throws -> Int32? {
        var stopFailure: (any Error)?
        do { try await script("fault-node", "stop") } catch { stopFailure = error }
        let status = await publisher.wait(within: 30)
        try await script("fault-node", "restart")
        if let stopFailure { throw stopFailure }
        return status
    }

    /// Runs `body` while the node blocks publishers (a memory high watermark of one byte), and
    /// lifts the alarm afterwards, however `body` ends.
    func whileBlocked<T>(_ body: () async throws -> T) async throws -> T {
        try await script("fault-node", "ctl", "-q", "set_vm_memory_high_watermark", "absolute", "1")
        let outcome: Result<T, any Error>
        do {
            try #require(try await eventually(within: 20) { try await memoryAlarm() }, "no memory alarm")
            outcome = .success(try await body())
        } catch {
            outcome = .failure(error)
        }
        do {
            try await script("fault-node", "ctl", "-q", "set_vm_memory_high_watermark", "0.4")
            if try await !eventually(within: 20, { try await !memoryAlarm() }) {
                Issue.record("the memory alarm stayed on")
            }
        } catch {
            Issue.record("could not lift the memory alarm: \(error)")
        }
        return try outcome.get()
    }

    @Test(
        "destination broker stopped during a move with --reconnect-for 0: exit 69, and every message is in the source or the destination"
    )
    func destinationStoppedDuringMove() async throws {
        let total = 20_000
        let source = freshQueue("move.src")
        let target = freshQueue("move.dst", url: url)
        try #require(try await mq(["declare", "queue", source]).status == 0)
        try #require(try await mq(["declare", "queue", target, "--durable"], url: url).status == 0)
        try #require(
            try await mq(["publish", "--queue", source, "--lines", "--persistent"], stdin: numberedLines(total)).status
                == 0)
        let move = try MQProcess([
            "move", source, "--to-url", url, "--to-queue", target, "--rate", "2000/s", "--reconnect-for", "0",
        ])
        #expect(try await eventually(within: 15) { try await queueState(target, url: url).messages >= 500 })
        let status = try await stopNode(waitingFor: move)

        #expect(status == 69, "\(move.stderr)")
        #expect(move.stderr.hasPrefix("mq: destination: "), "\(move.stderr)")
        #expect(move.stderr.contains("requeued"), "\(move.stderr)")
        let (moved, left, duplicates) = try await expectEveryMessageOnce(total, movedTo: target, from: source)
        print("move with the destination stopped: \(moved) moved, \(left) back in the source, \(duplicates) duplicates")
    }

    /// Checks that each of the `total` numbered messages a move took from `source` (on the
    /// shared broker) is in `target` (on the fault node) or back in `source`, duplicates within
    /// the window (1000); how many were where, and how many twice.
    func expectEveryMessageOnce(_ total: Int, movedTo target: String, from source: String) async throws -> (
        moved: Int, left: Int, duplicates: Int
    ) {
        let moved = try await drain(target, url: url)
        let left = try await drain(source)
        let all = moved + left
        #expect(Set(all) == Set((1...total).map { "m\($0)" }), "lost: \(total - Set(all).count)")
        #expect(all.count - Set(all).count <= 1000, "duplicates: \(all.count - Set(all).count)")
        return (moved.count, left.count, all.count - Set(all).count)
    }

    @Test(
        "broker stopped during publish --lines with --reconnect-for 0: exit 69, stderr counts the confirmed, and after a restart they are all there"
    )
    func brokerStoppedWhilePublishing() async throws {
        let queue = freshQueue("stopped", url: url)
        let declared = try await mq(["declare", "queue", queue, "--durable"], url: url)
        try #require(declared.status == 0, "\(declared.stderr)")
        let publisher = try MQProcess(
            ["publish", "--queue", queue, "--lines", "--persistent", "--rate", "1000/s", "--reconnect-for", "0"],
            url: url,
            stdin: numberedLines(30_000))
        #expect(try await eventually(within: 15) { try await queueState(queue, url: url).messages >= 500 })
        let status = try await stopNode(waitingFor: publisher)

        #expect(status == 69, "\(publisher.stderr)")
        let summary = try #require(
            PublishSummary(publisher.stderr), "stderr does not count the confirmed: \(publisher.stderr)")
        #expect(summary.confirmed > 0 && summary.published < 30_000, "\(summary)")
        #expect(summary.confirmed + summary.unconfirmed == summary.published, "\(summary)")
        let kept = Set(try await drain(queue, url: url))
        let lost = (0..<summary.confirmed).map { "m\($0 + 1)" }.filter { !kept.contains($0) }
        #expect(lost.isEmpty, "confirmed, yet gone after the restart: \(lost.count), e.g. \(lost.prefix(5))")
    }

    @Test(
        "broker stopped while publish --lines (--reconnect-for 0) waits on a quiet input: exit 69 without another line, counts right"
    )
    func brokerStoppedDuringQuietInput() async throws {
        let queue = freshQueue("quiet-stop", url: url)
        try #require(try await mq(["declare", "queue", queue, "--durable"], url: url).status == 0)
        let publisher = try MQProcess(
            ["publish", "--queue", queue, "--lines", "--heartbeat", "2s", "--persistent", "--reconnect-for", "0"],
            url: url, stdin: "m1\nm2\n",
            keepingInputOpen: true)
        #expect(try await eventually(within: 10) { try await queueState(queue, url: url).messages >= 2 })
        // A stopping broker closes the connection (CONNECTION_FORCED): publish sees it while it waits
        // for input, not at the next line, which never comes (before, it sat in read() until killed).
        let status = try await stopNode(waitingFor: publisher)
        #expect(status == 69, "\(publisher.stderr)")
        #expect(publisher.stderr.hasSuffix("2 of 2 messages confirmed, 0 unconfirmed\n"), "\(publisher.stderr)")
        #expect(publisher.stderr.split(separator: "\n").count == 1, "\(publisher.stderr)")
    }

    @Test("a blocked broker: publish waits, says so once on stderr, and finishes when unblocked")
    func blockedThenUnblocked() async throws {
        let queue = freshQueue("blocked", url: url)
        try await mq(["declare", "queue", queue], url: url)
        let publisher: MQProcess = try await whileBlocked {
            let publisher = try MQProcess(["publish", "--queue", queue, "--lines"], url: url, stdin: numberedLines(5))
            #expect(await eventually(within: 15) { publisher.stderr.contains("blocked") }, "\(publisher.stderr)")
            // Not a wait for a condition: publish must still be waiting a second after it said so.
            try await Task.sleep(for: .seconds(1))
            #expect(publisher.isRunning, "publish did not wait: \(publisher.stderr)")
            return publisher
        }
        let status = await publisher.wait(within: 30)
        #expect(status == 0, "\(publisher.stderr)")
        #expect(publisher.stderr.components(separatedBy: "blocked publishing").count == 2, "\(publisher.stderr)")
        #expect(try await drain(queue, url: url) == (1...5).map { "m\($0)" })
    }

    @Test("a broker that blocks publishing past --timeout: exit 75, saying how many were confirmed")
    func blockedPastTimeout() async throws {
        let queue = freshQueue("blocked-timeout", url: url)
        try await mq(["declare", "queue", queue], url: url)
        let start = Date()
        let result = try await whileBlocked {
            try await mq(
                ["publish", "--queue", queue, "--lines", "--timeout", "2s"], url: url, stdin: numberedLines(5),
                timeout: 30)
        }
        #expect(result.status == 75, "\(result.stderr)")
        #expect(result.stderr.contains("blocked publishing"), "\(result.stderr)")
        let summary = try #require(PublishSummary(result.stderr), "\(result.stderr)")
        #expect(summary.confirmed < 5)
        #expect(Date().timeIntervalSince(start) < 25)
        // What was confirmed is there; the rest may have arrived once the broker read it.
        let kept = try await drain(queue, url: url)
        #expect(Array(kept.prefix(summary.confirmed)) == (0..<summary.confirmed).map { "m\($0 + 1)" })
    }
}
