import Testing

@testable import MQCommands

@Suite("a consumer's batch of arrivals: handed over now and then, the same figures as one at a time")
struct BenchArrivalsTests {
    /// One message as a consumer takes it: the producer's name, its sequence number (nil: no
    /// stamp) and its latency in microseconds (nil: none).
    typealias Message = (producer: String, sequence: UInt32?, latency: UInt64?)

    /// Two producers' messages interleaved, with a gap, one out of order, a duplicate, an
    /// unstamped message and one from a clock ahead of ours.
    static let messages: [Message] =
        [("a", 0, 120), ("b", 0, 90), ("a", 1, 130), ("a", 3, 4_000), ("b", 1, nil), ("", nil, nil)]
        + [("a", 2, 150), ("b", 2, 2_500), ("a", 3, 160), ("b", 5, 100), ("a", 4, 110), ("b", 3, 95)]

    /// The figures after handing `messages` over in batches that end after each index in `cuts`.
    static func handedOver(cuts: Set<Int>) -> (tally: BenchTally, trackers: [String: SequenceTracker]) {
        var tally = BenchTally()
        var trackers: [String: SequenceTracker] = [:]
        var arrivals = BenchArrivals()
        func handOver() {
            arrivals.add(to: &tally)
            arrivals.apply(to: &trackers)
            arrivals.removeAll()
        }
        for (index, message) in messages.enumerated() {
            arrivals.arrived(
                at: Int64(index), sequence: message.sequence, from: message.producer, latency: message.latency)
            if cuts.contains(index) { handOver() }
        }
        handOver()
        return (tally, trackers)
    }

    /// What the trackers say, comparable.
    static func counts(_ trackers: [String: SequenceTracker]) -> [String: [Int]] {
        trackers.mapValues { [$0.gaps, $0.outOfOrder, $0.duplicates] }
    }

    @Test("however the messages are split into batches, the counts, latencies and sequence figures are the same")
    func splits() {
        let whole = Self.handedOver(cuts: [])
        #expect(whole.tally.consumed == 12)
        #expect(whole.tally.latency.count == 10)
        #expect(Self.counts(whole.trackers) == ["a": [0, 1, 1], "b": [1, 1, 0]])
        let splits: [Set<Int>] = [Set(0..<12), [0], [5], [2, 3, 7], [10]]
        for cuts in splits {
            let split = Self.handedOver(cuts: cuts)
            #expect(split.tally.consumed == whole.tally.consumed, "\(cuts)")
            #expect(Self.counts(split.trackers) == Self.counts(whole.trackers), "\(cuts)")
            let latency = split.tally.latency
            #expect(latency.count == whole.tally.latency.count && latency.min == 90 && latency.max == 4_000)
            for percentile in [50.0, 75, 99] {
                #expect(latency.value(atPercentile: percentile) == whole.tally.latency.value(atPercentile: percentile))
            }
        }
    }

    @Test("a batch is due when full, or once its first message waited the interval; empty, it is never due")
    func due() {
        var arrivals = BenchArrivals()
        #expect(arrivals.isEmpty && arrivals.due == nil && !arrivals.isDue(at: .max))
        arrivals.arrived(at: 1_000, sequence: nil, from: "", latency: nil)
        arrivals.arrived(at: 2_000, sequence: 1, from: "p", latency: 5)
        #expect(arrivals.first == 1_000 && arrivals.last == 2_000)
        #expect(arrivals.due == 1_000 + BenchArrivals.interval)
        #expect(!arrivals.isDue(at: 1_000 + BenchArrivals.interval - 1))
        #expect(arrivals.isDue(at: 1_000 + BenchArrivals.interval))
        arrivals.removeAll()
        #expect(arrivals.isEmpty && arrivals.first == nil && arrivals.last == nil && arrivals.sequences.isEmpty)
        for index in 0..<BenchArrivals.limit {
            #expect(!arrivals.isDue(at: 0), "\(index) messages")
            arrivals.arrived(at: 0, sequence: UInt32(index), from: "p", latency: 1)
        }
        #expect(arrivals.isDue(at: 0))
    }

    @Test("the run's last arrival is the latest message's, even when an earlier batch is handed over after it")
    func lastArrival() {
        let control = BenchControl()
        var later = BenchArrivals()
        later.arrived(at: 5_000, sequence: nil, from: "", latency: nil)
        var earlier = BenchArrivals()
        earlier.arrived(at: 4_000, sequence: nil, from: "", latency: nil)
        control.arrived(later)
        control.arrived(earlier)
        #expect(control.lastArrival(since: 0) == 5_000)
    }
}
