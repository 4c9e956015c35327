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

    /// `--offset-file` across three runs, the first ending after three messages.
    @Test("--offset-file resumes across runs, right after the last message taken")
    func offsetFile() throws {
        let queue = try stream("stream.resume", (1...10).map { "m\($0)" })
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mq-offset-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let first = try mq("consume", queue, "--offset", "first", "--offset-file", file, "--count", "3")
        #expect(first.stdout == "m1\nm2\nm3\n", "\(first.stderr)")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "3\n", "the offset after m3")
        let second = try mq(
            "consume", queue, "--offset", "first", "--offset-file", file, "--count", "4", "--timeout", "5s")
        #expect(second.stdout == "m4\nm5\nm6\nm7\n", "the saved offset wins over --offset: \(second.stderr)")
        let third = try mq("consume", queue, "--offset-file", file, "--timeout", "1s", "--format", "json")
        #expect(try jsonLines(third.stdout).map { $0["body"] as? String } == ["m8", "m9", "m10"], "\(third.stderr)")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "10\n")
        try "not a number\n".write(toFile: file, atomically: true, encoding: .utf8)
        let bad = try mq("consume", queue, "--offset-file", file, "--timeout", "1s")
        #expect(bad.status == 65 && bad.stderr.contains("does not hold an offset number"), "\(bad.stderr)")
    }
}
