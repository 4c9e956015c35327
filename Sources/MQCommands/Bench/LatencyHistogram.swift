/// Latencies in microseconds, counted in log-linear buckets: exact below 2,048 µs, then each power
/// of two split into 1,024 buckets (three significant digits), up to about 71 minutes (longer
/// ones count as that). Memory is fixed (about 94 KiB, taken at the first value) whatever the
/// run's length.
struct LatencyHistogram: Sendable {
    /// Values below this are counted exactly.
    private static let exactLimit: UInt64 = 2048
    /// Buckets per power of two above `exactLimit`.
    private static let subBuckets = 1024
    /// The largest value counted as itself (2^32 µs); larger ones are counted as it.
    static let largest: UInt64 = 1 << 32 - 1

    /// Empty until the first value, so a producer's end-to-end histogram (and a consumer's
    /// confirm one) costs nothing.
    private var counts: [UInt32] = []
    private(set) var count: UInt64 = 0
    private(set) var min: UInt64 = .max
    private(set) var max: UInt64 = 0

    private static let bucketCount = index(of: largest) + 1

    /// The bucket `value` falls in.
    private static func index(of value: UInt64) -> Int {
        guard value >= exactLimit else { return Int(value) }
        let shift = (64 - value.leadingZeroBitCount) - 11
        let top = Int(value >> UInt64(shift))  // 1024...2047
        return Int(exactLimit) + (shift - 1) * subBuckets + (top - subBuckets)
    }

    /// The highest value that falls in bucket `index`.
    private static func highest(in index: Int) -> UInt64 {
        guard index >= Int(exactLimit) else { return UInt64(index) }
        let offset = index - Int(exactLimit)
        let shift = offset / subBuckets + 1
        let top = UInt64(offset % subBuckets + subBuckets)
        return ((top + 1) << UInt64(shift)) - 1
    }

    /// Counts one latency of `micros` microseconds.
    mutating func record(_ micros: UInt64) {
        let value = Swift.min(micros, Self.largest)
        if counts.isEmpty { counts = Array(repeating: 0, count: Self.bucketCount) }
        counts[Self.index(of: value)] &+= 1
        count += 1
        min = Swift.min(min, value)
        max = Swift.max(max, value)
    }

    /// Adds `other`'s counts to these.
    mutating func merge(_ other: LatencyHistogram) {
        guard other.count > 0 else { return }
        if counts.isEmpty { counts = Array(repeating: 0, count: Self.bucketCount) }
        for index in other.counts.indices where other.counts[index] > 0 { counts[index] &+= other.counts[index] }
        count += other.count
        min = Swift.min(min, other.min)
        max = Swift.max(max, other.max)
    }

    /// Forgets every value (keeping the memory).
    mutating func reset() {
        guard count > 0 else { return }
        for index in counts.indices { counts[index] = 0 }
        count = 0
        min = .max
        max = 0
    }

    /// The value at `percentile` (0 to 100): the smallest recorded value that at least that share
    /// of the values is at or below, as its bucket's highest value (never above the maximum);
    /// nil when nothing was recorded.
    func value(atPercentile percentile: Double) -> UInt64? {
        guard count > 0 else { return nil }
        let rank = Swift.max(1, UInt64((percentile / 100 * Double(count)).rounded(.up)))
        var seen: UInt64 = 0
        for index in counts.indices where counts[index] > 0 {
            seen += UInt64(counts[index])
            if seen >= rank { return Swift.min(Self.highest(in: index), max) }
        }
        return max
    }
}
