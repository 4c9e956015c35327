import JSON

/// A load test's figures: one interval's, or the whole run's.
struct BenchSummary: Sendable {
    var total: BenchTally
    var seconds: Double
    var gaps = 0
    var outOfOrder = 0
    var duplicates = 0

    /// Messages consumed a second.
    var consumedPerSecond: Double { seconds > 0 ? Double(total.consumed) / seconds : 0 }

    /// The percentiles the summary shows, with their names in JSON and in the table.
    static let percentiles: [(value: Double, json: String, title: String)] = [
        (50, "p50_ms", "p50"), (75, "p75_ms", "p75"), (95, "p95_ms", "p95"), (99, "p99_ms", "p99"),
        (99.9, "p999_ms", "p99.9"),
    ]

    /// Milliseconds, from the histogram's microseconds.
    private static func milliseconds(_ micros: UInt64?) -> Double? { micros.map { Double($0) / 1000 } }

    /// A latency with its unit, for a line: `0.812 ms`, or `-` when nothing was measured.
    private static func withUnit(_ micros: UInt64?) -> String {
        milliseconds(micros).map { text($0) + " ms" } ?? "-"
    }

    private static func text(_ milliseconds: Double?) -> String {
        guard let milliseconds else { return "-" }
        return milliseconds >= 100 ? String(Int(milliseconds.rounded())) : fixed(milliseconds, places: 3)
    }

    static func fixed(_ value: Double, places: Int) -> String {
        let scale = (0..<places).reduce(1.0) { product, _ in product * 10 }
        let scaled = Int64((value * scale).rounded())
        let whole = String(scaled / Int64(scale))
        let fraction = String(scaled % Int64(scale))
        return whole + "." + String(repeating: "0", count: places - fraction.count) + fraction
    }

    private static func perSecond(_ count: Int, _ seconds: Double) -> Double {
        seconds > 0 ? Double(count) / seconds : 0
    }

    /// One interval as a line on stderr.
    var intervalLine: String {
        let latency = total.latency
        let confirm = total.confirmLatency
        func rate(_ count: Int) -> String { String(Int(Self.perSecond(count, seconds).rounded())) + "/s" }
        return
            "published \(rate(total.published)), confirmed \(rate(total.confirmed)), consumed \(rate(total.consumed)); "
            + "latency p50 \(Self.withUnit(latency.value(atPercentile: 50))), "
            + "p99 \(Self.withUnit(latency.value(atPercentile: 99))); "
            + "confirm p50 \(Self.withUnit(confirm.value(atPercentile: 50))), "
            + "p99 \(Self.withUnit(confirm.value(atPercentile: 99)))"
            + (total.reconnects > 0 ? "; \(total.reconnects) reconnected" : "")
    }

    /// One interval as an NDJSON object, `elapsed` seconds into the run.
    func intervalJSON(elapsed: Double) -> JSON {
        func rate(_ count: Int) -> JSON { .double(Self.perSecond(count, seconds)) }
        func value(_ micros: UInt64?) -> JSON { Self.milliseconds(micros).map { .double($0) } ?? .null }
        return .object([
            ("elapsed_s", .double(elapsed)), ("published_per_s", rate(total.published)),
            ("confirmed_per_s", rate(total.confirmed)), ("consumed_per_s", rate(total.consumed)),
            ("latency_p50_ms", value(total.latency.value(atPercentile: 50))),
            ("latency_p99_ms", value(total.latency.value(atPercentile: 99))),
            ("confirm_p50_ms", value(total.confirmLatency.value(atPercentile: 50))),
            ("confirm_p99_ms", value(total.confirmLatency.value(atPercentile: 99))),
            ("reconnects", .int(Int64(total.reconnects))),
        ])
    }

    private static func distribution(_ histogram: LatencyHistogram) -> JSON {
        func value(_ micros: UInt64?) -> JSON { milliseconds(micros).map { .double($0) } ?? .null }
        let empty = histogram.count == 0
        return .object(
            [("min_ms", value(empty ? nil : histogram.min))]
                + percentiles.map { ($0.json, value(histogram.value(atPercentile: $0.value))) }
                + [("max_ms", value(empty ? nil : histogram.max))])
    }

    /// The whole run as the last NDJSON line.
    var json: JSON {
        .object([
            ("published", .int(Int64(total.published))), ("confirmed", .int(Int64(total.confirmed))),
            ("consumed", .int(Int64(total.consumed))), ("seconds", .double(seconds)),
            ("rate", .double(consumedPerSecond)),
            ("latency", Self.distribution(total.latency)), ("confirm_latency", Self.distribution(total.confirmLatency)),
            ("returned", .int(Int64(total.returned))), ("nacked", .int(Int64(total.nacked))),
            ("gaps", .int(Int64(gaps))),
            ("out_of_order", .int(Int64(outOfOrder))), ("duplicates", .int(Int64(duplicates))),
            ("reconnects", .int(Int64(total.reconnects))),
        ])
    }

    /// The whole run for people: totals and rates, a table of latencies, what went missing.
    var text: String {
        func rate(_ count: Int) -> String { String(Int(Self.perSecond(count, seconds).rounded())) + "/s" }
        let titles = ["min"] + Self.percentiles.map { $0.title } + ["max"]
        func row(_ name: String, _ histogram: LatencyHistogram) -> String {
            let empty = histogram.count == 0
            let values =
                [Self.milliseconds(empty ? nil : histogram.min)]
                + Self.percentiles.map { Self.milliseconds(histogram.value(atPercentile: $0.value)) }
                + [Self.milliseconds(empty ? nil : histogram.max)]
            return Self.pad(name, 14) + values.map { Self.padLeft(Self.text($0), 9) }.joined()
        }
        return
            "published \(total.published) (\(rate(total.published))), confirmed \(total.confirmed), "
            + "consumed \(total.consumed) (\(rate(total.consumed))) in \(Self.fixed(seconds, places: 1)) s\n"
            + Self.pad("latency (ms)", 14) + titles.map { Self.padLeft($0, 9) }.joined() + "\n"
            + row("end to end", total.latency) + "\n" + row("confirm", total.confirmLatency) + "\n"
            + "returned \(total.returned), nacked \(total.nacked), gaps \(gaps), out of order \(outOfOrder), "
            + "duplicates \(duplicates), reconnects \(total.reconnects)"
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }

    private static func padLeft(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
