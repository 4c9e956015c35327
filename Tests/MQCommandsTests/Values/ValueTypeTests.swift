import AMQPWire
import ArgumentParsing
import Testing

@testable import MQCommands

@Suite("Values the parser decodes: rates, times, stream offsets, sizes")
struct ValueTypeTests {
    @Test(
        "a rate is a count per second, minute or hour",
        arguments: [
            ("100/s", 0.01), ("100", 0.01), ("30/m", 2.0), ("5/h", 720.0), ("0.5/s", 2.0),
        ])
    func rate(text: String, interval: Double) throws {
        #expect(try Rate(text: text).interval == interval)
    }

    @Test("a rate that is not one names the word", arguments: ["fast", "0/s", "-1/s", "10/d", "/s", "inf/s", ""])
    func badRate(text: String) {
        #expect(throws: ValueProblem("'\(text)' is not a rate like 100/s, 30/m or 5/h")) { try Rate(text: text) }
    }

    @Test("a rate slower than one per 365d is refused naming the limit; faster ones are any finite count")
    func rateLimits() throws {
        #expect(throws: ValueProblem("'1e-320/s' is slower than the slowest rate, 1 per 365d")) {
            try Rate(text: "1e-320/s")
        }
        #expect(throws: ValueProblem("'0.000114/h' is slower than the slowest rate, 1 per 365d")) {
            try Rate(text: "0.000114/h")
        }
        #expect(throws: ValueProblem("'1.8e308/s' is not a rate like 100/s, 30/m or 5/h")) {
            try Rate(text: "1.8e308/s")
        }
        #expect(try Rate(text: "1e308/s").interval == 1e-308)
    }

    @Test("a timestamp is now, seconds, or ISO 8601")
    func timestamp() throws {
        #expect(try MessageTimestamp(text: "now") == .now)
        #expect(try MessageTimestamp(text: "1795953600") == .seconds(1_795_953_600))
        #expect(try MessageTimestamp(text: "2026-11-29T12:00:00Z") == .seconds(1_795_953_600))
        #expect(
            throws: ValueProblem("'yesterday' is not 'now', seconds since 1970, or a time like 2026-11-29T12:00:00Z")
        ) {
            try MessageTimestamp(text: "yesterday")
        }
    }

    @Test(
        "a stream offset becomes the x-stream-offset value the broker expects",
        arguments: [
            ("first", FieldValue.string("first")), ("last", .string("last")), ("next", .string("next")),
            ("0", .int64(0)), ("12345", .int64(12345)), ("2026-11-29T12:00:00Z", .timestamp(1_795_953_600)),
            ("@1795953600", .timestamp(1_795_953_600)), ("10m", .string("10m")), ("1h", .string("1h")),
            ("2D", .string("2D")), ("3M", .string("3M")), ("1Y", .string("1Y")), ("90s", .string("90s")),
        ])
    func streamOffset(text: String, value: FieldValue) throws {
        #expect(try StreamOffset(text: text).fieldValue == value)
    }

    @Test(
        "a stream offset that is not one names the word",
        arguments: ["-1", "start", "2025-13-01", "@", "@-5", "0h", "10w", "h", "1.5h"])
    func badStreamOffset(text: String) {
        #expect(
            throws: ValueProblem(
                "'\(text)' is not first, last, next, an offset number, a time (2026-11-29T12:00:00Z or "
                    + "@1795953600), or an age (10m, 1h, 2D)")
        ) {
            try StreamOffset(text: text)
        }
    }

    @Test(
        "a size is bytes, with decimal or binary units",
        arguments: [
            ("0", 0), ("1000", 1000), ("100B", 100), ("64kB", 64_000), ("64KB", 64_000), ("64KiB", 65_536),
            ("5MB", 5_000_000), ("512MiB", 536_870_912), ("2GB", 2_000_000_000), ("1GiB", 1_073_741_824),
            ("1TiB", 1_099_511_627_776),
        ])
    func size(text: String, bytes: Int64) throws {
        #expect(try ByteSize(text: text).bytes == bytes)
    }

    @Test("a size that is not one names the word", arguments: ["big", "-1", "1.5GB", "GB", "10 MB", "10mb"])
    func badSize(text: String) {
        #expect(throws: ValueProblem("'\(text)' is not a size (bytes, or with a unit: 64kB, 512MiB, 2GB)")) {
            try ByteSize(text: text)
        }
    }

    @Test("a size too large for 64 bits is refused")
    func hugeSize() {
        #expect(throws: ValueProblem("'9000000TiB' is too large")) { try ByteSize(text: "9000000TiB") }
    }

    @Test(
        "a bad value is a usage error from the parser, before the command runs",
        arguments: [
            (
                ["publish", "--queue", "q", "--rate", "fast", "x"],
                "bad value for '--rate': 'fast' is not a rate like 100/s, 30/m or 5/h"
            ),
            (
                ["publish", "--queue", "q", "--timestamp", "soon", "x"],
                "bad value for '--timestamp': 'soon' is not 'now', seconds since 1970, or a time like "
                    + "2026-11-29T12:00:00Z"
            ),
            (
                ["consume", "q", "--offset", "start"],
                "bad value for '--offset': 'start' is not first, last, next, an offset number, a time "
                    + "(2026-11-29T12:00:00Z or @1795953600), or an age (10m, 1h, 2D)"
            ),
            (
                ["declare", "queue", "q", "--max-length-bytes", "lots"],
                "bad value for '--max-length-bytes': 'lots' is not a size (bytes, or with a unit: 64kB, 512MiB, 2GB)"
            ),
            (
                ["publish", "--queue", "q", "--header", "novalue", "x"],
                "bad value for '--header': 'novalue' is not KEY=VALUE"
            ),
        ])
    func parserRefuses(arguments: [String], message: String) {
        do {
            _ = try Parser(root: CommandTree.root, environment: [:]).parse(arguments)
            Issue.record("parsed; expected: \(message)")
        } catch {
            #expect(error.message == message)
        }
    }
}
