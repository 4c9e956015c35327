import Synchronization

/// What the producers, the consumers and the thread that reports share: the signal to stop, the
/// first failure, the sequence numbers seen, and when a message last arrived.
final class BenchControl: Sendable {
    private let stopped = Atomic<Bool>(false)
    private let producersStopped = Atomic<Bool>(false)
    private let firstFailure = Mutex<Failure?>(nil)
    private let sequences = Mutex<[String: SequenceTracker]>([:])
    private let lastArrival = Atomic<Int64>(0)

    /// True once the run is over (or failed).
    var isStopped: Bool { stopped.load(ordering: .relaxed) }

    /// Tells every worker to finish.
    func stop() { stopped.store(true, ordering: .relaxed) }

    /// Tells the producers to finish, leaving the consumers to take what is on its way.
    func stopProducers() { producersStopped.store(true, ordering: .relaxed) }

    /// True once the producers are to finish.
    var producersShouldStop: Bool { producersStopped.load(ordering: .relaxed) || isStopped }

    /// Records `failure` (the first one wins) and stops the run.
    func fail(_ failure: Failure) {
        firstFailure.withLock { if $0 == nil { $0 = failure } }
        stop()
    }

    /// The first failure of a worker, if any.
    var failure: Failure? { firstFailure.withLock { $0 } }

    /// Notes the messages a consumer took since it last handed them over: each producer's
    /// sequence numbers in the order they came, and when the last one arrived (a batch handed
    /// over after another consumer's later one leaves the later time).
    func arrived(_ arrivals: BenchArrivals) {
        if !arrivals.sequences.isEmpty { sequences.withLock { arrivals.apply(to: &$0) } }
        if let last = arrivals.last { lastArrival.max(last, ordering: .relaxed) }
    }

    /// When the last message arrived (`start`, when none has since).
    func lastArrival(since start: Int64) -> Int64 { Swift.max(lastArrival.load(ordering: .relaxed), start) }

    /// Seconds since the last message arrived (since `start`, when none has).
    func secondsSinceArrival(start: Int64) -> Double {
        Double(BenchClock.monotonicNanoseconds - lastArrival(since: start)) / 1e9
    }

    /// Gaps, messages out of order and duplicates over every producer.
    var sequenceCounts: (gaps: Int, outOfOrder: Int, duplicates: Int) {
        sequences.withLock { trackers in
            trackers.values.reduce(into: (0, 0, 0)) { sum, tracker in
                sum.0 += tracker.gaps
                sum.1 += tracker.outOfOrder
                sum.2 += tracker.duplicates
            }
        }
    }
}
