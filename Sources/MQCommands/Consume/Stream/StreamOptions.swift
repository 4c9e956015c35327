import AMQPWire
import ArgumentParsing

#if canImport(Glibc)
    import Glibc
#endif

/// `consume`'s options for stream queues: where the read starts, where it stops, which records
/// it takes, and the file that keeps its place between runs.
enum StreamOptions {
    static let offset = Option<StreamOffset?>.decoded(
        "offset", valueName: "OFFSET",
        help:
            "for stream queues: first, last, next, an offset number, a time (ISO 8601 or @SECONDS), an age (10m, 1h, 2D)"
    )
    static let offsetFile = Option<String?>.text(
        "offset-file", value: .path, valueName: "PATH",
        help:
            "for stream queues: start at the offset saved in PATH (else --offset), and save there the offset after the "
            + "last message the reader took"
    )
    static let untilOffset = Option<Int?>.integer(
        "until-offset", range: 0...Int64.max, valueName: "N",
        help: "for stream queues: stop after the record at offset N (exit 0)")
    static let until = Option<StreamTime?>.decoded(
        "until", valueName: "TIME",
        help:
            "for stream queues: stop before the first record published at or after TIME (ISO 8601, @SECONDS, or an age "
            + "back: 30s, 10m, 1h, 2D); a time to come stops the read then"
    )
    static let filter = Option<[String]>.repeated(
        "filter", valueName: "VALUE",
        help: "for stream queues (RabbitMQ 3.13 and later): only records published with this filter value (repeatable)")
    static let matchUnfiltered = Option<Bool>.flag(
        "match-unfiltered", help: "with --filter: also records published without a filter value")

    static let group = OptionGroup(
        [offset, offsetFile, untilOffset, until, filter, matchUnfiltered],
        rules: [
            .needs(matchUnfiltered, filter),
            .exclusive(untilOffset, until, message: "give --until-offset or --until, not both"),
        ])

    /// The consumer arguments: where to start (the offset saved in `--offset-file`, else
    /// `--offset`), and the filter.
    static func consumerArguments(_ parsed: ParsedCommand, saved: Int64?) -> FieldTable {
        var arguments: FieldTable = [:]
        if let start = saved.map({ FieldValue.int64($0) }) ?? parsed[offset]?.fieldValue {
            arguments["x-stream-offset"] = start
        }
        let values = parsed[filter]
        if !values.isEmpty {
            arguments["x-stream-filter"] = .array(values.map { .string($0) })
            if parsed[matchUnfiltered] { arguments["x-stream-match-unfiltered"] = .boolean(true) }
        }
        return arguments
    }

    /// How the read of `queue` filters and ends: a filter is refused by a broker that would ignore
    /// it, and `--until` a time gone by is found in the stream by the broker.
    static func reading(_ parsed: ParsedCommand, queue: String, link: BrokerLink) throws(Failure) -> StreamReading {
        var reading = StreamReading()
        let values = parsed[filter]
        if !values.isEmpty {
            try link.require(.streamFilters)
            reading.filterValues = Set(values)
            reading.matchUnfiltered = parsed[matchUnfiltered]
        }
        reading.lastOffset = parsed[untilOffset].map { Int64($0) }
        if let point = parsed[until] {
            let now = UInt64(time(nil))
            let seconds = point.seconds(now: now)
            if seconds > now {
                reading.deadline = .after(seconds: Double(seconds - now))
            } else {
                reading.lastOffset = try reportingFailures {
                    try StreamEndProbe.lastOffset(before: seconds, queue: queue, connection: link.connection)
                }
            }
        }
        return reading
    }
}
