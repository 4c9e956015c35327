import ArgumentParsing
import Testing

@testable import MQCommands

@Suite("mq bench's parts: the stamp, sequence gaps, the summary and the thresholds")
struct BenchPartsTests {
    @Test("the stamp is PerfTest's layout: a big-endian 32-bit sequence, then a 64-bit time")
    func stamp() throws {
        var body = [UInt8](repeating: 0xAA, count: 14)
        BenchPayload(sequence: 0x0102_0304, timestamp: 0x1122_3344_5566_7788).write(into: &body)
        #expect(body == [0x01, 0x02, 0x03, 0x04, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0xAA, 0xAA])
        #expect(BenchPayload(reading: body) == BenchPayload(sequence: 0x0102_0304, timestamp: 0x1122_3344_5566_7788))
        #expect(BenchPayload(reading: body.prefix(11)) == nil)
    }

    @Test("a skipped number is a gap until it comes, then out of order; one seen twice is a duplicate")
    func sequences() {
        var tracker = SequenceTracker()
        for number: UInt32 in [7, 8, 11, 12] { tracker.saw(number) }
        #expect(tracker.gaps == 2)
        tracker.saw(9)
        #expect(tracker.gaps == 1 && tracker.outOfOrder == 1 && tracker.duplicates == 0)
        tracker.saw(12)
        tracker.saw(9)
        #expect(tracker.gaps == 1 && tracker.outOfOrder == 1 && tracker.duplicates == 2)
    }

    @Test("past its memory, the tracker still counts every gap")
    func boundedMemory() {
        var tracker = SequenceTracker(limit: 10)
        tracker.saw(0)
        tracker.saw(1_001)
        #expect(tracker.gaps == 1_000)
    }

    static func summary(latencies: [UInt64], consumed: Int, seconds: Double, gaps: Int = 0) -> BenchSummary {
        var tally = BenchTally()
        tally.published = consumed
        tally.confirmed = consumed
        tally.consumed = consumed
        for latency in latencies { tally.latency.record(latency) }
        return BenchSummary(total: tally, seconds: seconds, gaps: gaps)
    }

    @Test("the JSON summary has every field, latencies in milliseconds, null where nothing was measured")
    func json() {
        let text = Self.summary(latencies: [500, 1_000, 1_500, 2_000], consumed: 4, seconds: 2).json.serialized()
        #expect(
            text.hasPrefix(
                #"{"published":4,"confirmed":4,"consumed":4,"seconds":2.0,"rate":2.0,"latency":{"min_ms":0.5,"#))
        #expect(text.contains(#""p50_ms":1.0,"p75_ms":1.5,"p95_ms":2.0,"p99_ms":2.0,"p999_ms":2.0,"max_ms":2.0}"#))
        #expect(text.contains(#""confirm_latency":{"min_ms":null,"p50_ms":null"#))
        #expect(text.hasSuffix(#""returned":0,"nacked":0,"gaps":0,"out_of_order":0,"duplicates":0,"reconnects":0}"#))
    }

    static func parse(_ words: [String]) throws -> ParsedCommand {
        try Parser(root: CommandTree.root, environment: [:]).parseCommand(words).0
    }

    @Test("each threshold holds or is missed, by the figures")
    func thresholds() throws {
        let summary = Self.summary(
            latencies: Array(repeating: 100, count: 98) + [1_500, 1_900], consumed: 100, seconds: 1, gaps: 2)
        #expect(
            BenchThresholds.missed(by: summary, try Self.parse(["bench", "--max-p50", "1ms", "--max-p99", "2ms"])) == []
        )
        #expect(
            BenchThresholds.missed(by: summary, try Self.parse(["bench", "--max-p50", "1ms", "--max-p99", "1ms"]))
                == [.latency(percentile: "p99", milliseconds: 1.5, option: "max-p99", limit: "1ms")])
        #expect(
            BenchThresholds.missed(by: summary, try Self.parse(["bench", "--min-rate", "200/s", "--max-lost", "1"]))
                == [.rate(perSecond: 100, limit: "200/s"), .lost(2, limit: 1)])
        #expect(
            BenchThresholds.missed(by: summary, try Self.parse(["bench", "--min-rate", "100/s", "--max-lost", "2"]))
                == [])
        #expect(
            Failure(.missed(.latency(percentile: "p99", milliseconds: 31.2, option: "max-p99", limit: "20ms"))).message
                == "p99 latency 31.2 ms is over --max-p99 20ms")
        #expect(Failure(.missed(.lost(2, limit: 1))).status == .thresholdMissed)
    }
}
