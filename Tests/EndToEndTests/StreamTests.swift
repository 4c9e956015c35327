import Foundation
import TestSupport
import Testing

@Suite("Streams read like a log", .needsBroker, .deletesFreshQueues, .timeLimit(.minutes(5)))
struct StreamTests {
    /// A fresh stream holding `bodies`, in order.
    func stream(_ name: String, _ bodies: [String]) throws -> String {
        let queue = freshQueue(name)
        try #require(try mq("declare", "queue", queue, "--type", "stream").status == 0)
        try #require(
            try mq("publish", "--queue", queue, "--lines", stdin: bodies.map { $0 + "\n" }.joined()).status == 0)
        return queue
    }

    @Test("every record says where it was: offset in JSON, {offset} in a template")
    func offsets() throws {
        let queue = try stream("stream.offsets", ["a", "b", "c"])
        let json = try mq("consume", queue, "--offset", "first", "--count", "3", "--format", "json")
        #expect(json.status == 0, "\(json.stderr)")
        let offsets = try jsonLines(json.stdout).compactMap { $0["offset"] as? Int }
        #expect(offsets == [0, 1, 2])
        let template = try mq("consume", queue, "--offset", "1", "--count", "2", "--template", "{offset} {body}\\n")
        #expect(template.stdout == "1 b\n2 c\n")
    }

    @Test("--offset takes an age back from now and a time in epoch seconds, checked before connecting")
    func timeForms() throws {
        let queue = try stream("stream.times", ["x", "y"])
        #expect(
            try mq("consume", queue, "--offset", "1h", "--count", "2").stdout == "x\ny\n", "published within the hour")
        let future = Int(Date().timeIntervalSince1970) + 3600
        let later = try mq("consume", queue, "--offset", "@\(future)", "--count", "1", "--timeout", "1s")
        #expect(later.status == 3, "nothing was published after an hour from now: \(later.stderr)")
        #expect(later.stdout.isEmpty)
        let bad = try mq(["consume", queue, "--offset", "1w"], url: "amqp://127.0.0.1:1")
        #expect(bad.status == 64 && bad.stderr.contains("an age (10m, 1h, 2D)"), "\(bad.stderr)")
    }

    @Test(
        "a dump replayed into a second stream gives the same bodies and headers (publish --ndjson passes over offset)")
    func replay() throws {
        let source = freshQueue("stream.source")
        try mq("declare", "queue", source, "--type", "stream")
        #expect(try mq("publish", "--queue", source, "--header", "tenant=acme", "one").status == 0)
        #expect(try mq("publish", "--queue", source, "--header-string", "n=2", "two").status == 0)
        let copy = try stream("stream.copy", [])
        let dump = try mq("consume", source, "--offset", "first", "--count", "2", "--format", "json")
        let replayed = try mq("publish", "--queue", copy, "--ndjson", stdin: dump.stdout)
        #expect(replayed.status == 0, "\(replayed.stderr)")
        let again = try jsonLines(
            try mq("consume", copy, "--offset", "first", "--count", "2", "--format", "json").stdout)
        #expect(again.map { $0["body"] as? String } == ["one", "two"])
        #expect(again.map { $0["offset"] as? Int } == [0, 1], "the copy's own offsets")
        #expect((again.first?["headers"] as? [String: Any])?["tenant"] as? String == "acme")
        #expect((again.last?["headers"] as? [String: Any])?["n"] as? String == "2")
    }

    /// `--offset-file` across runs whose reader stops early, then runs that end themselves.
    @Test(
        "--offset-file resumes across runs, right after what the reader took, also when it stopped early (| head -n 3)")
    func offsetFile() throws {
        let queue = try stream("stream.resume", (1...12).map { "m\($0)" })
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mq-offset-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        for (run, expected) in ["m1\nm2\nm3\n", "m4\nm5\nm6\n"].enumerated() {
            let early = try pipeline(
                #""$MQ" consume "$Q" --offset first --offset-file '\#(file)' | head -n 3"#, queue: queue, timeout: 30)
            #expect(early.stdout == expected, "run \(run + 1): \(early.stderr)")
            #expect(
                try String(contentsOfFile: file, encoding: .utf8) == "\(3 * (run + 1))\n",
                "the offset after what head printed")
        }
        let counted = try mq(
            "consume", queue, "--offset", "first", "--offset-file", file, "--count", "3", "--timeout", "5s")
        #expect(counted.stdout == "m7\nm8\nm9\n", "the saved offset wins over --offset: \(counted.stderr)")
        let rest = try mq("consume", queue, "--offset-file", file, "--timeout", "1s", "--format", "json")
        #expect(try jsonLines(rest.stdout).map { $0["body"] as? String } == ["m10", "m11", "m12"], "\(rest.stderr)")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "12\n")
        try "not a number\n".write(toFile: file, atomically: true, encoding: .utf8)
        let bad = try mq("consume", queue, "--offset-file", file, "--timeout", "1s")
        #expect(bad.status == 65 && bad.stderr.contains("does not hold an offset number"), "\(bad.stderr)")
    }

    @Test("--until-offset reads a slice and exits 0; the offset file then holds the offset after it")
    func untilOffset() throws {
        let queue = try stream("stream.slice", (0...9).map { "r\($0)" })
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mq-offset-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let slice = try mq(
            "consume", queue, "--offset", "3", "--until-offset", "5", "--offset-file", file, "--template",
            "{offset} {body}\\n")
        #expect(slice.status == 0, "\(slice.stderr)")
        #expect(slice.stdout == "3 r3\n4 r4\n5 r5\n")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "6\n")
        let both = try mq(["consume", queue, "--until-offset", "5", "--until", "1h"], url: "amqp://127.0.0.1:1")
        #expect(both.status == 64 && both.stderr.contains("not both"), "\(both.stderr)")
        let classic = freshQueue("stream.not")
        try #require(try mq("declare", "queue", classic).status == 0)
        try #require(try mq("publish", "--queue", classic, "x").status == 0)
        let notStream = try mq("consume", classic, "--until", "1h")
        #expect(notStream.status == 1, "\(notStream.stderr)")
        #expect(notStream.stderr.contains("invalid arg 'x-stream-offset'"), "the broker refuses: \(notStream.stderr)")
        #expect(try ready(classic) == 1, "nothing taken")
    }

    /// Waits until the wall clock is in a later second than `seconds` (bounded), and returns that second.
    func nextSecond(after seconds: Int) throws -> Int {
        let now = eventually(within: 5, every: 0.01) { () -> Int? in
            let now = Int(Date().timeIntervalSince1970)
            return now > seconds ? now : nil
        }
        return try #require(now, "the clock did not move")
    }

    @Test("every offset form and --until: a time between two publishes splits the stream there; last and next")
    func times() throws {
        let queue = try stream("stream.clock", ["a", "b"])
        let boundary = try nextSecond(after: Int(Date().timeIntervalSince1970))
        try #require(try mq("publish", "--queue", queue, "--lines", stdin: "c\nd\n").status == 0)
        let iso = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(boundary)))
        for form in ["@\(boundary)", iso] {
            let after = try mq("consume", queue, "--offset", form, "--count", "2", "--timeout", "5s")
            #expect(after.stdout == "c\nd\n", "--offset \(form): \(after.stderr)")
            let before = try mq("consume", queue, "--offset", "first", "--until", form)
            #expect(before.status == 0 && before.stdout == "a\nb\n", "--until \(form): \(before.stderr)")
        }
        // Nothing at or after a later time: the read ends at the stream's last record.
        let end = try nextSecond(after: Int(Date().timeIntervalSince1970))
        let all = try mq("consume", queue, "--offset", "first", "--until", "@\(end)")
        #expect(all.status == 0 && all.stdout == "a\nb\nc\nd\n", "\(all.stderr)")
        // A time to come: the read tails the stream until then.
        let soon = try mq(
            "consume", queue, "--offset", "first", "--until", "@\(Int(Date().timeIntervalSince1970) + 2)", "--format",
            "json")
        #expect(soon.status == 0, "\(soon.stderr)")
        #expect(try jsonLines(soon.stdout).count == 4)
        let last = try mq("consume", queue, "--offset", "last", "--until-offset", "3")
        #expect(["c\nd\n", "d\n"].contains(last.stdout), "the last chunk, ending with d: \(last.stderr)")
        let next = try MQProcess(["consume", queue, "--offset", "next", "--count", "1", "--timeout", "20s"])
        // Records published until the reader has one: it gets one published after it attached,
        // and none of those before it.
        _ = eventually(within: 15, every: 0.2) { () -> Bool? in
            guard next.isRunning else { return true }
            _ = try? mq("publish", "--queue", queue, "e")
            return nil
        }
        #expect(next.finish(within: 30) == 0, "\(next.stderr)")
        #expect(next.stdout == "e\n")
        let months = try mq(["consume", queue, "--until", "1M"], url: "amqp://127.0.0.1:1")
        #expect(months.status == 64 && months.stderr.contains("in s, m, h or D"), "\(months.stderr)")
    }

    @Test("filters: the broker's chunk filter lets other values through, and mq drops them; 3.10 refuses in one line")
    func filters() throws {
        let queue = freshQueue("stream.filter")
        try #require(try mq("declare", "queue", queue, "--type", "stream").status == 0)
        // One publish, so one chunk: the broker's filter passes the whole chunk for any value in it.
        let lines = [("e1", "eu"), ("u1", "us"), ("n1", nil), ("e2", "eu")].map { body, value in
            let headers = value.map { #","headers":{"x-stream-filter-value":"\#($0)"}"# } ?? ""
            return #"{"body":"\#(body)"\#(headers)}"# + "\n"
        }
        try #require(try mq("publish", "--queue", queue, "--ndjson", stdin: lines.joined()).status == 0)
        let eu = try mq("consume", queue, "--offset", "first", "--filter", "eu", "--timeout", "2s")
        guard TestBroker.isRabbitMQ4 else {
            #expect(eu.status == 1, "\(eu.stderr)")
            #expect(
                eu.stderr
                    == "mq: stream filters need RabbitMQ 3.13 or later, and this broker is RabbitMQ 3.10: it would "
                    + "send every record, unfiltered\n")
            #expect(eu.stdout.isEmpty)
            return
        }
        #expect(eu.status == 0 && eu.stdout == "e1\ne2\n", "\(eu.stderr)")
        let unfiltered = try mq(
            "consume", queue, "--offset", "first", "--filter", "eu", "--match-unfiltered", "--timeout", "2s")
        #expect(unfiltered.stdout == "e1\nn1\ne2\n", "\(unfiltered.stderr)")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mq-offset-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let us = try mq("consume", queue, "--offset", "first", "--filter", "us", "--count", "1", "--offset-file", file)
        #expect(us.stdout == "u1\n")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "2\n")
    }
}
