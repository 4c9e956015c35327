import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("mq bench", .needsBroker, .deletesFreshQueues, .timeLimit(.minutes(5)))
struct BenchTests {
    /// The queue mq bench declared, from its `--verbose` trace.
    static func declaredQueue(_ stderr: String) throws -> String {
        let line = try #require(stderr.split(separator: "\n").first { $0.contains("queue 'mq-bench-") })
        let start = try #require(line.range(of: "'mq-bench-"))
        return String(line[line.index(after: start.lowerBound)...].prefix { $0 != "'" })
    }

    /// True when the broker has no queue `name`.
    static func isGone(_ name: String) throws -> Bool {
        try mq("declare", "queue", name, "--passive").status == 1
    }

    @Test(
        "each queue type: every message published is confirmed and consumed once, in order, and the queue is gone after",
        arguments: ["classic", "quorum", "stream"])
    func queueTypes(type: String) throws {
        let run = try mq("bench", "--count", "300", "--type", type, "--json", "--verbose", "--interval", "200ms")
        #expect(run.status == 0, "\(run.stderr)")
        let lines = try jsonLines(run.stdout)
        let summary = try #require(lines.last)
        #expect(summary["published"] as? Int == 300)
        #expect(summary["confirmed"] as? Int == 300)
        #expect(summary["consumed"] as? Int == 300)
        #expect(
            summary["gaps"] as? Int == 0 && summary["duplicates"] as? Int == 0 && summary["out_of_order"] as? Int == 0)
        let latency = try #require(summary["latency"] as? [String: Any])
        for field in ["min_ms", "p50_ms", "p75_ms", "p95_ms", "p99_ms", "p999_ms", "max_ms"] {
            #expect(latency[field] as? Double != nil, "\(field)")
        }
        #expect((latency["p50_ms"] as? Double ?? -1) <= (latency["max_ms"] as? Double ?? -1))
        #expect(try #require(summary["confirm_latency"] as? [String: Any])["p99_ms"] as? Double != nil)
        for interval in lines.dropLast() {
            #expect(interval["elapsed_s"] as? Double != nil && interval["consumed_per_s"] as? Double != nil)
        }
        #expect(try Self.isGone(try Self.declaredQueue(run.stderr)), "the fresh queue was deleted")
    }

    @Test("producers fill an existing queue, left as it is; --exit-when empty drains it and stops")
    func existingQueue() throws {
        let queue = freshQueue("bench")
        try mq("declare", "queue", queue)
        let fill = try mq("bench", "--queue", queue, "--consumers", "0", "--count", "120", "--json")
        #expect(fill.status == 0, "\(fill.stderr)")
        #expect(try jsonLines(fill.stdout).last?["confirmed"] as? Int == 120)
        #expect(try queueState(queue).messages == 120)
        let drain = try mq(
            "bench", "--queue", queue, "--producers", "0", "--consumers", "2", "--exit-when", "empty", "--json")
        #expect(drain.status == 0, "\(drain.stderr)")
        let summary = try #require(try jsonLines(drain.stdout).last)
        #expect(summary["consumed"] as? Int == 120)
        #expect(summary["gaps"] as? Int == 0)
        #expect(try queueState(queue).messages == 0, "the queue is still there, empty")
        let idle = try mq("bench", "--queue", queue, "--producers", "0", "--exit-when", "idle", "--json")
        #expect(idle.status == 0, "\(idle.stderr)")
        #expect(try jsonLines(idle.stdout).last?["consumed"] as? Int == 0, "a quiet queue ends the run")
    }

    @Test("a threshold held is exit 0; each one missed is named on stderr and the status is 4, the summary printed")
    func thresholds() throws {
        let held = try mq(
            "bench", "--count", "100", "--max-p50", "1h", "--max-p99", "1h", "--min-rate", "1/h", "--max-lost", "0")
        #expect(held.status == 0, "\(held.stderr)")
        #expect(held.stdout.contains("published 100"))
        let missed = try mq("bench", "--count", "100", "--max-p50", "0s", "--min-rate", "100000000/s")
        #expect(missed.status == 4, "\(missed.stderr)")
        #expect(missed.stdout.contains("latency (ms)"), "the summary is printed")
        let lines = missed.stderr.split(separator: "\n").filter {
            $0.contains("--max-p50") || $0.contains("--min-rate")
        }
        #expect(lines.count == 2, "\(missed.stderr)")
        #expect(lines.contains { $0.hasPrefix("mq: p50 latency ") && $0.hasSuffix(" ms is over --max-p50 0s") })
        #expect(lines.contains { $0.hasPrefix("mq: consumed ") && $0.hasSuffix("/s, under --min-rate 100000000/s") })
    }

    /// A message stamped as PerfTest stamps it (sequence, then milliseconds), as an NDJSON line.
    static func stamped(_ sequence: UInt32, millisecondsAgo: Int64) -> String {
        let now = Int64(Date().timeIntervalSince1970 * 1000) - millisecondsAgo
        var bytes =
            withUnsafeBytes(of: sequence.bigEndian) { Array($0) } + withUnsafeBytes(of: now.bigEndian) { Array($0) }
        bytes += [0x2A]
        return #"{"body":"\#(Data(bytes).base64EncodedString())","body_encoding":"base64"}"# + "\n"
    }

    @Test(
        "messages another tool stamped (milliseconds, one missing) are measured; --max-lost and --max-p99 fail the run")
    func foreignMessages() throws {
        let queue = freshQueue("bench.foreign")
        try mq("declare", "queue", queue)
        let lines = [0, 1, 3, 4].map { Self.stamped($0, millisecondsAgo: 250) }.joined()
        #expect(try mq("publish", "--queue", queue, "--ndjson", stdin: lines).status == 0)
        let run = try mq(
            "bench", "--queue", queue, "--producers", "0", "--exit-when", "empty", "--use-millis", "--max-lost", "0",
            "--max-p99", "10ms", "--json")
        #expect(run.status == 4, "\(run.stderr)")
        let summary = try #require(try jsonLines(run.stdout).last)
        #expect(summary["consumed"] as? Int == 4)
        #expect(summary["gaps"] as? Int == 1)
        let p50 = try #require((summary["latency"] as? [String: Any])?["p50_ms"] as? Double)
        #expect(p50 >= 250, "the stamps were 250 ms old when published")
        #expect(run.stderr.contains("mq: 1 messages missing (sequence gaps), over --max-lost 0"), "\(run.stderr)")
        #expect(run.stderr.contains(" ms is over --max-p99 10ms"), "\(run.stderr)")
    }

    @Test("Ctrl-C stops the run: the summary so far, exit 130, and the fresh queue deleted")
    func interrupted() throws {
        let bench = try MQProcess(["bench", "--rate", "50/s", "--verbose", "--interval", "200ms"])
        let started = eventually(within: 20) { bench.stderr.contains(" s: published ") ? true : nil }
        #expect(started == true, "\(bench.stderr)")
        bench.kill(SIGINT)
        #expect(bench.finish(within: 20) == 130, "\(bench.stderr)")
        #expect(bench.stdout.contains("latency (ms)"))
        #expect(try Self.isGone(try Self.declaredQueue(bench.stderr)))
    }

    @Test(
        "bad values are usage errors before anything connects",
        arguments: [
            ["--size", "11"], ["--rate", "0/s"], ["--producers", "0", "--consumers", "0"], ["--type", "lazy"],
            ["--exit-when", "never"], ["--exit-when", "empty", "--consumers", "0"],
            ["--queue", "q", "--type", "quorum"],
            ["--queue", "q", "--queues", "2"], ["--no-confirm", "--confirm-window", "10"],
        ])
    func badValues(arguments: [String]) throws {
        let run = try mq(["bench"] + arguments, url: "amqp://127.0.0.1:1")
        #expect(run.status == 64, "\(run.stderr)")
        #expect(run.stderr.hasPrefix("mq: "))
    }
}
