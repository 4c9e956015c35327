import AMQPWire
import ArgumentParsing

/// The arguments of a stream queue (`declare queue --type stream`): its retention by age, the
/// size of its segment files and of its chunks' filters. Refused without `--type stream`, where
/// the broker would refuse them or ignore them silently. (`--max-length-bytes`, retention by size,
/// applies to every type and is `declare queue`'s own.)
enum StreamArguments {
    static let maxAge = Option<StreamAge?>.decoded(
        "max-age", valueName: "AGE",
        help: "streams: drop segments older than this, in Y, M, D, h, m or s: 7D, 12h (x-max-age)")
    static let maxSegmentSizeBytes = Option<ByteSize?>.decoded(
        "max-segment-size-bytes", valueName: "SIZE",
        help: "streams: size of a segment file, the unit retention drops: 500MB (x-stream-max-segment-size-bytes)")
    static let filterSizeBytes = Option<Int?>.integer(
        "filter-size-bytes", range: 16...255,
        help: "streams: size of each chunk's Bloom filter, 16 to 255 (x-stream-filter-size-bytes; RabbitMQ 3.13+)")

    /// Each option needs `--type stream`.
    static let rules: [OptionRule] = [streamOnly(maxAge), streamOnly(maxSegmentSizeBytes), streamOnly(filterSizeBytes)]

    private static func streamOnly(_ option: some OptionDeclaration) -> OptionRule {
        .needs(
            .init(option), .init(Declare.Queue.type, is: "stream"),
            message: "--\(option.spec.name) applies to stream queues only: add --type stream")
    }

    /// Adds `--max-age`, `--max-segment-size-bytes` and `--filter-size-bytes` to `arguments`
    /// (the rules have checked the type).
    static func add(_ parsed: ParsedCommand, to arguments: inout FieldTable) {
        if let age = parsed[maxAge] { arguments["x-max-age"] = .string(age.text) }
        if let size = parsed[maxSegmentSizeBytes] { arguments["x-stream-max-segment-size-bytes"] = .int64(size.bytes) }
        if let size = parsed[filterSizeBytes] { arguments["x-stream-filter-size-bytes"] = .int64(Int64(size)) }
    }
}
