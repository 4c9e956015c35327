import ArgumentParsing

/// The limits a run must keep for mq to exit 0: what a CI job sets with `--max-p50`,
/// `--max-p99`, `--min-rate` and `--max-lost`.
enum BenchThresholds {
    static let maxP50 = Option<Double?>.duration(
        "max-p50", help: "fail (exit 4) when the median end-to-end latency is over this")
    static let maxP99 = Option<Double?>.duration(
        "max-p99", help: "fail (exit 4) when the 99th percentile latency is over this")
    static let minRate = Option<Rate?>.decoded(
        "min-rate", valueName: "N/s", help: "fail (exit 4) when fewer messages a second were consumed over the run")
    static let maxLost = Option<Int?>.integer(
        "max-lost", range: 0...Int64(Int32.max), help: "fail (exit 4) when more messages are missing (sequence gaps)")

    static let group = OptionGroup([maxP50, maxP99, minRate, maxLost])

    /// Each limit `summary` does not keep, in the order of the options.
    static func missed(by summary: BenchSummary, _ parsed: ParsedCommand) -> [BenchMiss] {
        var misses: [BenchMiss] = []
        for (option, percentile) in [(maxP50, 50.0), (maxP99, 99.0)] {
            guard let limit = parsed[option] else { continue }
            let actual = summary.total.latency.value(atPercentile: percentile).map { Double($0) / 1000 }
            if actual.map({ $0 > limit * 1000 }) ?? true {
                misses.append(
                    .latency(
                        percentile: percentile == 50 ? "p50" : "p99", milliseconds: actual, option: option.spec.name,
                        limit: parsed.value(option.spec.name) ?? ""))
            }
        }
        if let rate = parsed[minRate], summary.consumedPerSecond < 1 / rate.interval {
            misses.append(.rate(perSecond: summary.consumedPerSecond, limit: parsed.value(minRate.spec.name) ?? ""))
        }
        if let limit = parsed[maxLost], summary.gaps > limit {
            misses.append(.lost(summary.gaps, limit: limit))
        }
        return misses
    }
}

/// A limit a load test did not keep.
enum BenchMiss: Equatable, Sendable {
    /// A latency percentile over its limit (nil: no message was measured), as given.
    case latency(percentile: String, milliseconds: Double?, option: String, limit: String)
    /// Fewer messages consumed a second than the limit, as given.
    case rate(perSecond: Double, limit: String)
    /// More messages missing than allowed.
    case lost(Int, limit: Int)
}
