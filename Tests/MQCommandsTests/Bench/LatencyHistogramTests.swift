import Testing

@testable import MQCommands

@Suite("The latency histogram: exact below 2 ms, three significant digits above, fixed memory")
struct LatencyHistogramTests {
    /// The exact percentile of `values` as the histogram defines it: the value at rank
    /// ceil(p/100 * n), counting from 1 in sorted order.
    static func exact(_ values: [UInt64], _ percentile: Double) -> UInt64 {
        let sorted = values.sorted()
        let rank = max(1, Int((percentile / 100 * Double(sorted.count)).rounded(.up)))
        return sorted[rank - 1]
    }

    @Test("values below 2,048 µs give exact percentiles, min and max")
    func exactBelowLimit() {
        var histogram = LatencyHistogram()
        let values: [UInt64] = (1...1000).map { $0 * 2 }
        for value in values.shuffled() { histogram.record(value) }
        for percentile in [0.1, 1, 25, 50, 75, 90, 95, 99, 99.9, 100] {
            #expect(histogram.value(atPercentile: percentile) == Self.exact(values, percentile), "p\(percentile)")
        }
        #expect(histogram.min == 2)
        #expect(histogram.max == 2000)
        #expect(histogram.count == 1000)
    }

    @Test("larger values are within 0.1% of the exact percentile, never above the maximum")
    func relativeError() {
        var generator = SystemRandomNumberGenerator()
        var histogram = LatencyHistogram()
        let values: [UInt64] = (0..<20_000).map { _ in UInt64.random(in: 2048...600_000_000, using: &generator) }
        for value in values { histogram.record(value) }
        for percentile in [50.0, 75, 95, 99, 99.9] {
            let exact = Self.exact(values, percentile)
            let measured = histogram.value(atPercentile: percentile) ?? 0
            #expect(measured >= exact, "p\(percentile)")
            #expect(Double(measured - exact) <= Double(exact) / 1000, "p\(percentile): \(measured) for \(exact)")
        }
        #expect(histogram.value(atPercentile: 100) == values.max())
    }

    @Test("merging two histograms is recording both sets; reset forgets everything")
    func mergeAndReset() {
        var first = LatencyHistogram()
        var second = LatencyHistogram()
        var both = LatencyHistogram()
        for value: UInt64 in [5, 3_000, 70_000] {
            first.record(value)
            both.record(value)
        }
        for value: UInt64 in [1, 9_999_999] {
            second.record(value)
            both.record(value)
        }
        first.merge(second)
        for percentile in [20.0, 40, 60, 80, 100] {
            #expect(first.value(atPercentile: percentile) == both.value(atPercentile: percentile))
        }
        #expect(first.min == 1 && first.max == 9_999_999 && first.count == 5)
        first.reset()
        #expect(first.count == 0 && first.value(atPercentile: 50) == nil)
    }

    @Test("a value past the largest (about 71 minutes) counts as the largest")
    func clamped() {
        var histogram = LatencyHistogram()
        histogram.record(.max)
        #expect(histogram.max == LatencyHistogram.largest)
        #expect(histogram.value(atPercentile: 50) == LatencyHistogram.largest)
    }
}
