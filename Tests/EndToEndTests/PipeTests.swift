import Foundation
import JSON
import TestSupport
import Testing

@Suite(
    "Pipes: NDJSON round trips, bad lines, readers that go away", .needsBroker, .deletesFreshQueues,
    .timeLimit(.minutes(5)))
struct PipeTests {
    @Test("consume --format json | publish --ndjson moves messages with every property and typed header intact")
    func roundTrip() throws {
        let source = freshQueue("nd-src")
        let target = freshQueue("nd-dst")
        try mq("declare", "queue", source)
        try mq("declare", "queue", target)
        #expect(
            try mq(
                "publish", "--queue", source, "--content-type", "text/plain", "--header", "n=7", "--header",
                "big=5000000000",
                "--header", "ok=true", "--header-string", "zip=007", "--persistent", "--priority", "2",
                "--correlation-id", "c",
                "--reply-to", "r", "--expiration", "60s", "--message-id", "m", "--timestamp", "1700000000", "--type",
                "t",
                "--app-id", "a", "first"
            ).status == 0)
        #expect(try MQProcess.run(["publish", "--queue", source], stdin: [0xFF, 0xFE, 0x00]).status == 0)
        let consumed = try mq("consume", source, "--format", "json", "--count", "2")
        let moved = try mq("publish", "--ndjson", "--queue", target, "--json", stdin: consumed.stdout)
        #expect(
            moved.stdout
                == "{\"published\":2,\"confirmed\":2,\"returned\":0,\"nacked\":0,\"skipped\":0,\"reconnects\":0,\"republished\":0}\n"
        )
        let again = try jsonLines(try mq("consume", target, "--format", "json", "--count", "2").stdout)
        let before = try jsonLines(consumed.stdout)
        #expect(again.count == 2)
        for (original, copy) in zip(before, again) {
            for field in ["body", "body_encoding"] { #expect(copy[field] as? String == original[field] as? String) }
            #expect(copy["routing_key"] as? String == target)
            let originalProperties = try JSONSerialization.data(
                withJSONObject: original["properties"] ?? [:], options: .sortedKeys)
            let copyProperties = try JSONSerialization.data(
                withJSONObject: copy["properties"] ?? [:], options: .sortedKeys)
            #expect(originalProperties == copyProperties)
            let originalHeaders = try JSONSerialization.data(
                withJSONObject: original["headers"] ?? [:], options: .sortedKeys)
            let copyHeaders = try JSONSerialization.data(withJSONObject: copy["headers"] ?? [:], options: .sortedKeys)
            #expect(originalHeaders == copyHeaders)
        }
        try cleanUp(queues: [source, target])
    }

    @Test("typed headers that JSON cannot show plainly survive the round trip")
    func typedHeaders() throws {
        let queue = freshQueue("nd-typed")
        try mq("declare", "queue", queue)
        let line = """
            {"body":"x","headers":{"t":{"$type":"timestamp","value":1700000000},"b":{"$type":"bytes","value":"AQI="},\
            "d":{"$type":"decimal","value":"1.50"},"s":{"$type":"int16","value":-3},"f":{"$type":"float","value":0.5},\
            "l":{"$type":"int64","value":1},"nested":{"list":[1,"two",null,2.5]}}}
            """
        #expect(try mq("publish", "--ndjson", "--queue", queue, stdin: line + "\n").status == 0)
        let got = try mq("get", queue, "--format", "json")
        let headers = try #require(try jsonLines(got.stdout).first?["headers"] as? [String: Any])
        let serialized = String(
            decoding: try JSONSerialization.data(withJSONObject: headers, options: .sortedKeys), as: UTF8.self)
        #expect(serialized.contains("\"t\":{\"$type\":\"timestamp\",\"value\":1700000000}"))
        #expect(serialized.contains("\"b\":{\"$type\":\"bytes\",\"value\":\"AQI=\"}"))
        #expect(serialized.contains("\"d\":{\"$type\":\"decimal\",\"value\":\"1.50\"}"))
        #expect(serialized.contains("\"s\":{\"$type\":\"int16\",\"value\":-3}"))
        #expect(serialized.contains("\"l\":{\"$type\":\"int64\",\"value\":1}"))
        #expect(serialized.contains("\"list\":[1,\"two\",null,2.5]"))
    }

    @Test("a bad line exits 65 naming it; what came before is confirmed, nothing after is sent")
    func badLine() throws {
        let queue = freshQueue("nd-bad")
        try mq("declare", "queue", queue)
        let input = "{\"body\":\"1\"}\n{\"body\":\"2\"}\n{\"body\": 3}\n{\"body\":\"4\"}\n"
        let result = try mq("publish", "--ndjson", "--queue", queue, stdin: input)
        #expect(result.status == 65)
        #expect(
            result.stderr.hasPrefix(
                "mq: line 3: 'body' must be a string; nothing after it was sent; 2 of 2 messages confirmed"))
        #expect(try ready(queue) == 2)
        let skipping = try mq(
            "publish", "--ndjson", "--queue", queue, "--skip-invalid", "--json", stdin: input + "not json\n")
        #expect(skipping.status == 0)
        #expect(
            skipping.stdout
                == "{\"published\":3,\"confirmed\":3,\"returned\":0,\"nacked\":0,\"skipped\":2,\"reconnects\":0,\"republished\":0}\n"
        )
        #expect(skipping.stderr.contains("line 5: invalid JSON"))
    }

    @Test("without --queue or --exchange, each line goes where its exchange and routing key say")
    func replayRoutes() throws {
        let first = freshQueue("nd-r1")
        let second = freshQueue("nd-r2")
        try mq("declare", "queue", first)
        try mq("declare", "queue", second)
        let input =
            "{\"body\":\"a\",\"exchange\":\"\",\"routing_key\":\"\(first)\"}\n{\"body\":\"b\",\"routing_key\":\"\(second)\"}\n"
        #expect(try mq("publish", "--ndjson", "--rate", "50/s", stdin: input).status == 0)
        #expect(try mq("get", first).stdout == "a\n")
        #expect(try mq("get", second).stdout == "b\n")
        try cleanUp(queues: [first, second])
    }

    @Test("a reader that goes away (| head -1) stops consume quietly, and the rest stays queued")
    func readerGoesAway() throws {
        let queue = freshQueue("epipe")
        try mq("declare", "queue", queue)
        try mq("publish", "--queue", queue, "--lines", stdin: (1...500).map { "message \($0)" }.joined(separator: "\n"))
        let result = try pipeline(#""$MQ" consume "$Q" --prefetch 10 --timeout 5s | head -1"#, queue: queue)
        #expect(result.stdout == "message 1\n")
        #expect(result.stderr.isEmpty)
        // head took one message out of the pipe (the first batch is one message): the rest is queued.
        #expect(try ready(queue) == 499)
    }

    @Test("a slow stream is published as it comes: a line is in the queue before the next is written")
    func slowStream() throws {
        let queue = freshQueue("trickle")
        try mq("declare", "queue", queue)
        let shell = try startPipeline(
            #"(echo first; sleep 4; echo second) | "$MQ" publish --queue "$Q" --lines"#, queue: queue)
        // The first line is confirmed and queued while the second is still 4 s away.
        let seen = try eventually(within: 3, every: 0.1) { () -> String? in
            let got = try mq("get", queue, "--requeue").stdout
            return got.isEmpty ? nil : got
        }
        #expect(seen == "first\n")
        #expect(shell.finish(within: 30) == 0, "\(shell.stderr)")
        #expect(try mq("get", queue, "--count", "2").stdout == "first\nsecond\n")
    }
}
