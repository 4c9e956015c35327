import Foundation
import TestSupport
import Testing

/// The mq binary fed numbers at and past their limits, a few per kind (the unit suite of the same
/// name feeds every numeric option of every verb): a value past its limit is exit 64 with one
/// line naming it (and the usage line), before anything connects; an accepted extreme reaches
/// the verb and ends with the documented status. Never a signal.
@Suite(
    "Numbers at and past their limits, through the mq binary: a documented status, never a signal",
    .timeLimit(.minutes(5)))
struct ExtremeValueTests {
    static let twoTo63 = "9223372036854775808"
    /// Nothing listens here: an accepted value ends in a clean connection error.
    static let unreachable = ["MQ_URL": "amqp://127.0.0.1:1", "MQ_API_URL": "http://127.0.0.1:1"]

    @Test(
        "past its limit, each kind of number is exit 64: one line naming the value, then the usage",
        arguments: [
            // whole numbers with a range
            (["consume", "q", "--count", "0"], "--count", "0"),
            (["consume", "q", "--count", twoTo63], "--count", twoTo63),
            (["consume", "q", "--count=-1"], "--count", "-1"),
            (["consume", "q", "--count", "1e308"], "--count", "1e308"),
            (["consume", "q", "--count", "nan"], "--count", "nan"),
            (["consume", "q", "--prefetch", "65536"], "--prefetch", "65536"),
            (["publish", "--queue", "q", "--priority", "256", "x"], "--priority", "256"),
            (["declare", "queue", "q", "--max-length", twoTo63], "--max-length", twoTo63),
            (["declare", "policy", "p", "--priority", "2147483648"], "--priority", "2147483648"),
            (["declare", "policy", "p", "--priority", "-9223372036854775809"], "--priority", "-9223372036854775809"),
            (["--port", "65536", "declare", "queue", "q"], "--port", "65536"),
            (["list", "queues", "--page-size", "501"], "--page-size", "501"),
            (["move", "q", "--to-queue", "r", "--window", "65536"], "--window", "65536"),
            (["consume", "q", "--exec", "cat", "--concurrency", "1001"], "--concurrency", "1001"),
            // durations
            (["wait", "--timeout", "366d"], "--timeout", "366d"),
            (["request", "--queue", "q", "-t", "1e308", "x"], "--timeout", "1e308"),
            (["--connect-timeout", "nan", "declare", "queue", "q"], "--connect-timeout", "nan"),
            (["top", "--interval=-1"], "--interval", "-1"),
            // rates
            (["publish", "--queue", "q", "--rate", "1e-320/s", "x"], "--rate", "1e-320/s"),
            (["publish", "--queue", "q", "--rate", "1.8e308/s", "x"], "--rate", "1.8e308/s"),
            (["publish", "--queue", "q", "--rate", "nan/s", "x"], "--rate", "nan/s"),
            (["publish", "--queue", "q", "--rate", "0/s", "x"], "--rate", "0/s"),
            (["move", "q", "--to-queue", "r", "--rate=-1/s"], "--rate", "-1/s"),
            // sizes
            (["declare", "queue", "q", "--max-length-bytes", twoTo63], "--max-length-bytes", twoTo63),
            (["declare", "queue", "q", "--max-length-bytes", "8388608TiB"], "--max-length-bytes", "8388608TiB"),
            (["declare", "queue", "q", "--max-length-bytes", "1e308"], "--max-length-bytes", "1e308"),
            (["declare", "queue", "q", "--max-length-bytes=-1"], "--max-length-bytes", "-1"),
            // times, stream offsets, exit statuses
            (
                ["publish", "--queue", "q", "--timestamp", "18446744073709551616", "x"], "--timestamp",
                "18446744073709551616"
            ),
            (["publish", "--queue", "q", "--timestamp", "nan", "x"], "--timestamp", "nan"),
            (["consume", "q", "--offset", twoTo63], "--offset", twoTo63),
            (["consume", "q", "--offset=-1"], "--offset", "-1"),
            (["consume", "q", "--exec", "cat", "--exit-action", "256=ack"], "--exit-action", "256=ack"),
        ])
    func refused(arguments: [String], option: String, value: String) throws {
        let result = try MQProcess.run(arguments, environment: Self.unreachable, timeout: 30)
        #expect(result.status == 64, "\(arguments): \(result.stderr)")
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 2, "\(arguments): \(result.stderr)")
        #expect(lines.first?.hasPrefix("mq: bad value for '\(option)': ") == true, "\(result.stderr)")
        #expect(lines.first?.contains(value) == true, "\(result.stderr)")
        #expect(lines.last?.hasPrefix("Usage: mq ") == true, "\(result.stderr)")
    }

    @Test(
        "the largest accepted values reach the verb, which ends in a clean connection error: exit 69, one line",
        arguments: [
            [
                "publish", "--queue", "q", "--rate", "1e308/s", "--priority", "255", "--timestamp",
                "18446744073709551615", "--expiration", "365d",
                "x",
            ],
            [
                "publish", "--queue", "q", "--rate", "0.000115/h", "--confirm-window", "100000", "--timeout", "365d",
                "x",
            ],
            [
                "consume", "q", "--count", "9223372036854775807", "--prefetch", "65535", "--timeout", "365d",
                "--offset", "9223372036854775807",
            ],
            ["consume", "q", "--exec", "cat", "--concurrency", "1000", "--exit-action", "255=requeue"],
            ["get", "q", "--count", "9223372036854775807"],
            [
                "move", "q", "--to-queue", "r", "--rate", "9223372036854775808/s", "--window", "65535", "--count",
                "9223372036854775807",
            ],
            ["trace", "--count", "9223372036854775807", "--timeout", "365d"],
            ["request", "--queue", "q", "--timeout", "365d", "x"],
            [
                "declare", "queue", "q", "--max-length", "9223372036854775807", "--max-length-bytes",
                "9223372036854775807", "--message-ttl",
                "365d", "--expires", "365d",
            ],
            ["--heartbeat", "365d", "--reconnect-for", "365d", "--connect-timeout", "0", "declare", "queue", "q"],
        ])
    func acceptedUnreachable(arguments: [String]) throws {
        let bounded = arguments.contains("--connect-timeout") ? arguments : ["--connect-timeout", "1s"] + arguments
        let result = try MQProcess.run(bounded, environment: Self.unreachable, timeout: 30)
        #expect(result.status == 69, "\(arguments): \(result.stderr)")
        #expect(result.stderr.hasPrefix("mq: "), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(arguments): \(result.stderr)")
    }

    @Test("wait --interval 2h sleeps (it trapped in usleep's 32-bit microseconds, exit 132, past 71 minutes)")
    func longWaitInterval() throws {
        let process = try MQProcess(
            ["wait", "--connect-timeout", "1s", "--timeout", "3h", "--interval", "2h"], environment: Self.unreachable)
        #expect(process.finish(within: 3) == nil, "mq wait ended at once: \(process.stderr)")
    }
}

/// Accepted extremes against the real broker: the verbs compute with them (prefetch, priority,
/// pacing, counts, sizes, times) and end with their documented status.
@Suite("Numbers at their limits, against the broker", .needsBroker, .deletesFreshQueues, .timeLimit(.minutes(5)))
struct ExtremeValueBrokerTests {
    @Test("the largest accepted values: declared, published, fetched and consumed, nothing trapping")
    func largest() throws {
        let queue = freshQueue("extreme")
        let declared = try mq(
            "declare", "queue", queue, "--max-length", "9223372036854775807", "--max-length-bytes",
            "9223372036854775807")
        #expect(declared.status == 0, "\(declared.stderr)")
        let published = try mq(
            "publish", "--queue", queue, "--rate", "1e308/s", "--priority", "255", "--timestamp",
            "18446744073709551615", "--confirm-window",
            "100000", "x")
        #expect(published.status == 0, "\(published.stderr)")
        // The slowest rate sends the first message at once.
        let slow = try mq("publish", "--queue", queue, "--rate", "0.000115/h", "y")
        #expect(slow.status == 0, "\(slow.stderr)")
        let got = try mq("get", queue, "--count", "9223372036854775807", "--format", "json", "--requeue")
        #expect(got.status == 3, "\(got.stderr)")  // fewer than --count: the queue ran empty
        let messages = try jsonLines(got.stdout)
        #expect(messages.count == 2)
        #expect(got.stdout.contains("18446744073709551615"))
        let consumed = try mq(
            "consume", queue, "--count", "9223372036854775807", "--prefetch", "65535", "--timeout", "1s")
        #expect(consumed.status == 3, "\(consumed.stderr)")
        #expect(consumed.stdout == "x\ny\n")
    }
}
