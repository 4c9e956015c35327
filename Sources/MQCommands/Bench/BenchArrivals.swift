/// The messages one consumer took since it last handed them over, counted on its own thread
/// without a lock.
///
/// Counting each message under the consumer's tally lock and `BenchControl`'s costs two locks a
/// message, which consumers on other threads and the reporter contend for. A consumer notes each
/// message here instead, and hands the batch over when `isDue` says so (every `limit` messages,
/// or once its oldest message waited `interval`), when no message comes, and when it stops. The
/// shared figures then lag by a few milliseconds at most, far under what reads them (the interval
/// lines, the idle and empty checks, which wait a second and 0.2 s), and are exact once the
/// consumers stop: each producer's sequence numbers reach its tracker in the order this consumer
/// took them, and the arrival time handed over is the last message's own, not the hand-over's.
struct BenchArrivals {
    /// The most messages a batch holds.
    static let limit = 256
    /// The longest a message waits to be handed over, in nanoseconds.
    static let interval: Int64 = 5_000_000

    /// Messages taken, with a stamp or without.
    private(set) var consumed = 0
    /// End-to-end latencies of the stamped messages that have one, in microseconds.
    private(set) var latencies: [UInt64] = []
    /// The stamped messages' sequence numbers, in the order they arrived.
    private(set) var sequences: [UInt32] = []
    /// Who stamped `sequences`: each producer with how many of them it stamped in a row, in turn
    /// (a consumer mostly takes one producer's messages one after another, and a run is a single
    /// tracker lookup rather than one a message).
    private(set) var producers: [(name: String, count: Int)] = []
    /// When the batch's first message arrived (monotonic nanoseconds); nil when it is empty.
    private(set) var first: Int64?
    /// When the batch's last message arrived (monotonic nanoseconds); nil when it is empty.
    private(set) var last: Int64?

    init() {
        latencies.reserveCapacity(Self.limit)
        sequences.reserveCapacity(Self.limit)
    }

    /// True when nothing waits to be handed over.
    var isEmpty: Bool { consumed == 0 }

    /// When the batch is due to be handed over at the latest (monotonic nanoseconds); nil when it
    /// is empty.
    var due: Int64? { first.map { $0 + Self.interval } }

    /// Notes a message that arrived at `now` (monotonic nanoseconds): stamped with `sequence` by
    /// `producer` (nil: no stamp), with an end-to-end `latency` in microseconds (nil: none, as
    /// for a stamp from a clock ahead of ours).
    mutating func arrived(at now: Int64, sequence: UInt32?, from producer: String, latency: UInt64?) {
        consumed += 1
        if let latency { latencies.append(latency) }
        if let sequence {
            sequences.append(sequence)
            if let last = producers.indices.last, producers[last].name == producer {
                producers[last].count += 1
            } else {
                producers.append((producer, 1))
            }
        }
        if first == nil { first = now }
        last = now
    }

    /// True when the batch is to be handed over at `now`: it is full, or its oldest message waited
    /// `interval`.
    func isDue(at now: Int64) -> Bool {
        consumed >= Self.limit || due.map { now >= $0 } ?? false
    }

    /// Adds the batch's messages and latencies to `tally`.
    func add(to tally: inout BenchTally) {
        tally.consumed += consumed
        for latency in latencies { tally.latency.record(latency) }
    }

    /// Shows the batch's sequence numbers to the trackers of their producers, in arrival order.
    func apply(to trackers: inout [String: SequenceTracker]) {
        var start = 0
        for (name, count) in producers {
            let run = sequences[start..<start + count]
            func see(_ tracker: inout SequenceTracker) { for sequence in run { tracker.saw(sequence) } }
            see(&trackers[name, default: SequenceTracker()])
            start += count
        }
    }

    /// Empties the batch, keeping its memory.
    mutating func removeAll() {
        consumed = 0
        latencies.removeAll(keepingCapacity: true)
        sequences.removeAll(keepingCapacity: true)
        producers.removeAll(keepingCapacity: true)
        first = nil
        last = nil
    }
}
