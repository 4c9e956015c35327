/// What one producer or consumer did, counted as it goes: the numbers since the last interval
/// line, and for the whole run.
struct BenchTally: Sendable {
    var published = 0
    var confirmed = 0
    var nacked = 0
    var returned = 0
    var consumed = 0
    /// Connections lost and got back.
    var reconnects = 0
    /// End-to-end latency of the messages consumed, in microseconds.
    var latency = LatencyHistogram()
    /// Latency from publishing to the confirm, in microseconds.
    var confirmLatency = LatencyHistogram()

    /// Adds `other` to these counts.
    mutating func add(_ other: BenchTally) {
        published += other.published
        confirmed += other.confirmed
        nacked += other.nacked
        returned += other.returned
        consumed += other.consumed
        reconnects += other.reconnects
        latency.merge(other.latency)
        confirmLatency.merge(other.confirmLatency)
    }

    /// Empties the counts, keeping the histograms' memory.
    mutating func reset() {
        published = 0
        confirmed = 0
        nacked = 0
        returned = 0
        consumed = 0
        reconnects = 0
        latency.reset()
        confirmLatency.reset()
    }
}
