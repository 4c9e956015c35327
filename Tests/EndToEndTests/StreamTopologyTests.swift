import Foundation
import TestSupport
import Testing

/// Declaring streams with their arguments, publishing with a filter value, and `get` on a stream,
/// against the broker under test (3.10 for what it has, 4.0 for all).
@Suite(
    "Streams: declared with their arguments, filter values, get refused", .needsBroker, .deletesFreshQueues,
    .timeLimit(.minutes(5)))
struct StreamTopologyTests {
    /// True when the broker has stream filters (RabbitMQ 3.13 and later).
    static var hasFilters: Bool { TestBroker.version >= (3, 13) }

    /// The queue's x-arguments as the management API lists them, once it lists the queue.
    func arguments(_ queue: String) throws -> [String: Any] {
        let listed = try eventually { () -> [String: Any]? in
            let result = try mq("list", "queues", queue, "--columns", "name,arguments", "--json")
            guard result.status == 0 else { return nil }
            return try jsonArray(result.stdout).first?["arguments"] as? [String: Any]
        }
        return try #require(listed, "the management API never listed '\(queue)'")
    }

    @Test("every stream option reaches the broker as its x-argument, and a redeclare with the same ones succeeds")
    func declaredArguments() throws {
        let queue = freshQueue("stream.args")
        let declare = [
            "declare", "queue", queue, "--type", "stream", "--max-age", "7D", "--max-length-bytes", "20GB",
            "--max-segment-size-bytes", "50MB", "--initial-cluster-size", "1",
        ]
        let declared = try mq(declare)
        #expect(declared.status == 0, "\(declared.stderr)")
        let arguments = try arguments(queue)
        #expect(arguments["x-queue-type"] as? String == "stream")
        #expect(arguments["x-max-age"] as? String == "7D")
        #expect(arguments["x-max-length-bytes"] as? Int == 20_000_000_000)
        #expect(arguments["x-stream-max-segment-size-bytes"] as? Int == 50_000_000)
        #expect(arguments["x-initial-cluster-size"] as? Int == 1)
        let again = try mq(declare)
        #expect(again.status == 0, "\(again.stderr)")
        let other = try mq(declare.map { $0 == "7D" ? "8D" : $0 })
        #expect(other.status == 1, "a different age is an inequivalent argument: \(other.stderr)")
        #expect(other.stderr.contains("inequivalent arg 'x-max-age'"), "\(other.stderr)")
    }

    @Test("a stream option without --type stream is one line, exit 64, before connecting")
    func streamOnlyBeforeConnecting() throws {
        let result = try mq(["declare", "queue", "q", "--max-age", "7D"], url: "amqp://127.0.0.1:1")
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("mq: --max-age applies to stream queues only: add --type stream\n"))
        let age = try mq(["declare", "queue", "q", "--type", "stream", "--max-age", "1w"], url: "amqp://127.0.0.1:1")
        #expect(age.status == 64)
        #expect(age.stderr.contains("'1w' is not an age"), "\(age.stderr)")
    }

    @Test("--filter-size-bytes: refused on a broker older than 3.13 (exit 1, nothing declared), set on a newer one")
    func filterSize() throws {
        let queue = freshQueue("stream.filter-size")
        let result = try mq("declare", "queue", queue, "--type", "stream", "--filter-size-bytes", "32")
        if Self.hasFilters {
            #expect(result.status == 0, "\(result.stderr)")
            #expect(try arguments(queue)["x-stream-filter-size-bytes"] as? Int == 32)
        } else {
            #expect(result.status == 1)
            let version = "\(TestBroker.version.major).\(TestBroker.version.minor)"
            #expect(
                result.stderr
                    == "mq: stream filters need RabbitMQ 3.13 or later, and this broker is RabbitMQ \(version): it "
                    + "would send every record, unfiltered\n")
            #expect(try mq("declare", "queue", queue, "--passive").status == 1, "nothing was declared")
        }
    }

    @Test("--filter-value is the x-stream-filter-value header of the consumed record; an NDJSON line's own stays")
    func filterValue() throws {
        let queue = freshQueue("stream.filter-value")
        try #require(try mq("declare", "queue", queue, "--type", "stream").status == 0)
        #expect(try mq("publish", "--queue", queue, "--filter-value", "red", "one").status == 0)
        let line = #"{"body":"two","headers":{"x-stream-filter-value":"blue"}}"# + "\n" + #"{"body":"three"}"# + "\n"
        let replayed = try mq("publish", "--queue", queue, "--ndjson", "--filter-value", "green", stdin: line)
        #expect(replayed.status == 0, "\(replayed.stderr)")
        let records = try jsonLines(
            try mq("consume", queue, "--offset", "first", "--count", "3", "--format", "json").stdout)
        #expect(records.map { $0["body"] as? String } == ["one", "two", "three"])
        #expect(
            records.map { ($0["headers"] as? [String: Any])?["x-stream-filter-value"] as? String } == [
                "red", "blue", "green",
            ])
    }

    @Test("get on a stream: the broker's refusal, then to use consume --offset first --count N")
    func getOnStream() throws {
        let queue = freshQueue("stream.get")
        try #require(try mq("declare", "queue", queue, "--type", "stream").status == 0)
        try #require(try mq("publish", "--queue", queue, "m").status == 0)
        let result = try mq("get", queue)
        #expect(result.status == 1)
        #expect(
            result.stderr
                == "mq: connection closed by the broker: NOT_IMPLEMENTED (540) - basic.get not supported by stream "
                + "queues queue '\(queue)' in vhost '/': a stream is read by consuming it: use "
                + "`mq consume QUEUE --offset first --count N` instead\n")
        let advised = try mq("consume", queue, "--offset", "first", "--count", "1")
        #expect(advised.stdout == "m\n", "what the advice says works: \(advised.stderr)")
    }
}
