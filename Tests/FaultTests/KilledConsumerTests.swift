import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `mq consume` acks a message only after writing it, so SIGKILL at any moment loses nothing:
/// what was written but not acked comes back, and only that is written twice.
@Suite("mq consume killed with SIGKILL", .needsBroker, .deletesFreshQueues, .timeLimit(.minutes(10)))
struct KilledConsumerTests {
    static let messages = 50_000
    static let kills = 20
    static let prefetch = 10

    /// The complete lines of a file (a line cut short by the kill was never acked).
    func completeLines(_ path: String) throws -> [String] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    @Test(
        "killed at random points while draining a queue into a file, nothing is lost and duplicates stay within the prefetch"
    )
    func killedWhileDraining() async throws {
        let queue = freshQueue("sigkill")
        try await mq(["declare", "queue", queue])
        let published = try await mq(["publish", "--queue", queue, "--lines"], stdin: numberedLines(Self.messages))
        try #require(published.status == 0, "\(published.stderr)")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mq-sigkill-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        var runs: [[String]] = []
        var delays: [Int] = []
        for kill in 0..<Self.kills {
            let file = folder.appendingPathComponent("run-\(kill)").path
            let consumer = try MQProcess(["consume", queue, "--prefetch", "\(Self.prefetch)"], stdoutFile: file)
            // Every other run is killed at any point (while connecting too); the others once
            // messages are flowing, however slow the machine is to start mq.
            if kill % 2 == 1 {
                _ = await eventually(within: 10) {
                    ((try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? Int ?? 0) > 0
                }
            }
            let delay = kill % 2 == 1 ? Int.random(in: 0...50) : Int.random(in: 10...120)
            delays.append(delay)
            try await Task.sleep(for: .milliseconds(delay))
            consumer.kill(SIGKILL)
            let status = await consumer.wait(within: 10)
            #expect(status == 128 + SIGKILL, "run \(kill): \(String(describing: status)) \(consumer.stderr)")
            runs.append(try completeLines(file))
        }
        let rest = try await drain(queue)
        let context = "kills after \(delays) ms wrote \(runs.map(\.count)) lines; \(rest.count) left in the queue"

        // Every message is in the file or back in the queue.
        let everything = Set(runs.joined()).union(rest)
        let missing = (1...Self.messages).map { "m\($0)" }.filter { !everything.contains($0) }
        #expect(missing.isEmpty, "lost \(missing.count), e.g. \(missing.prefix(5)); \(context)")
        #expect(everything.count == Self.messages, "\(context)")
        // The kills landed while messages were flowing, not only before or after.
        #expect(runs.filter { !$0.isEmpty }.count >= Self.kills / 2, "\(context)")

        // A message written twice was written, not yet acked, when mq died: one of the last
        // `prefetch` lines of its run.
        for (index, run) in runs.enumerated() {
            #expect(Set(run).count == run.count, "run \(index) wrote a message twice; \(context)")
            let later = Set(runs[(index + 1)...].joined()).union(rest)
            let again = run.indices.filter { later.contains(run[$0]) }
            #expect(
                again.count <= Self.prefetch, "run \(index): \(again.count) messages written again later; \(context)")
            #expect(
                again.allSatisfy { $0 >= run.count - Self.prefetch },
                "run \(index): a duplicate that was acked; \(context)")
        }
    }
}
