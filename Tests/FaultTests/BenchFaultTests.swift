import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// mq bench as a fault drill, on the node of `scripts/fault-node`: a restart is survived and
/// counted; a stop without reconnecting ends the run with the figures so far.
extension BrokerFaultTests {
    /// The whole numbers of mq bench's JSON summary (its last line).
    func benchCounts(_ output: String) throws -> [String: Int] {
        let line = try #require(output.split(separator: "\n").last, "no JSON summary")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
        return object.compactMapValues { $0 as? Int }
    }

    @Test(
        "bench through a restart: every worker reconnects, counted; Ctrl-C then gives the summary; nothing confirmed missing"
    )
    func benchThroughRestart() async throws {
        let bench = try MQProcess(
            ["bench", "--rate", "200/s", "--persistent", "--json", "--interval", "500ms"], url: url)
        #expect(await eventually(within: 20) { bench.stdout.contains("\"consumed_per_s\"") })
        try await restartNode(noticedBy: bench)
        // The producer, the consumer and the admin link each say they got back.
        let back = await eventually(within: 90) {
            bench.stderr.components(separatedBy: "mq: reconnected to ").count > 3
        }
        #expect(back, "\(bench.stderr)")
        let lines = bench.stdout.split(separator: "\n").count
        #expect(await eventually(within: 20) { bench.stdout.split(separator: "\n").count >= lines + 4 }, "it runs on")
        bench.kill(SIGINT)
        let status = await bench.wait(within: 30)

        #expect(status == 130, "\(bench.stderr)")
        let counts = try benchCounts(bench.stdout)
        #expect((counts["reconnects"] ?? 0) >= 2, "the producer and the consumer: \(counts)")
        let unconfirmed = (counts["published"] ?? 0) - (counts["confirmed"] ?? 0)
        #expect((counts["gaps"] ?? -1) <= unconfirmed, "a confirmed message went missing: \(counts)")
        #expect((counts["consumed"] ?? 0) > 0)
        print("bench through a restart: \(counts)")
    }

    @Test("bench with the broker stopped and --reconnect-for 0: exit 69, the summary of what ran so far")
    func benchBrokerStopped() async throws {
        let bench = try MQProcess(["bench", "--rate", "100/s", "--reconnect-for", "0", "--json"], url: url)
        #expect(await eventually(within: 20) { bench.stdout.contains("\"consumed_per_s\"") })
        let status = try await stopNode(waitingFor: bench)

        #expect(status == 69, "\(bench.stderr)")
        let counts = try benchCounts(bench.stdout)
        #expect((counts["published"] ?? 0) > 0, "\(counts)")
        #expect(bench.stderr.contains("mq: connection closed by the broker: CONNECTION_FORCED"), "\(bench.stderr)")
        #expect(bench.stderr.contains(#""exit_status":69"#), "the --json error object: \(bench.stderr)")
    }
}
