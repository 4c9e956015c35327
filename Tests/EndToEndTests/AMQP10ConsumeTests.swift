import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `mq consume` and `mq get` with `--protocol 1.0`, against RabbitMQ (4.x natively, 3.10 with
/// its plugin) and Qpid Proton's example broker, with messages from mq over either protocol and
/// from python-qpid-proton.
@Suite("Consuming over AMQP 1.0", .needsBroker, .deletesFreshQueues, .timeLimit(.minutes(5)))
struct AMQP10ConsumeTests {
    /// A fresh queue with `lines` published into it over 0-9-1, one message each.
    private func queue(_ prefix: String, lines: Int = 0) throws -> String {
        let queue = freshQueue(prefix)
        try #require(try mq("declare", "queue", queue).status == 0)
        if lines > 0 {
            try #require(try mq(["publish", "--queue", queue, "--lines"], stdin: numberedLines(lines)).status == 0)
        }
        return queue
    }

    /// Waits until `queue` holds `count` messages again (a closed 1.0 link gives its unsettled ones back).
    private func expectReady(_ queue: String, _ count: Int) throws {
        let settled = try eventually(within: 10, every: 0.1) { try ready(queue) == count ? true : nil }
        let now = try ready(queue)
        #expect(settled == true, "\(now) messages in \(queue), not \(count)")
    }

    @Test("consume --count and get --count write what was published, in order, each taken off the queue once")
    func counts() throws {
        let queue = try queue("amqp10.consume", lines: 10)
        let consumed = try mq("--protocol", "1.0", "consume", queue, "--count", "4")
        #expect(consumed.status == 0, "\(consumed.stderr)")
        #expect(consumed.stdout == "m1\nm2\nm3\nm4\n")
        try expectReady(queue, 6)
        if !TestBroker.isRabbitMQ4 {
            // 3.10's plugin crashes on a drain, which get needs: refused in one line.
            let refused = try mq("--protocol", "1.0", "get", queue)
            #expect(refused.status == 1)
            #expect(
                refused.stderr.hasPrefix(
                    "mq: gets over AMQP 1.0 need RabbitMQ 4.0 or later, and this broker is RabbitMQ 3.10"),
                "\(refused.stderr)")
        } else {
            let got = try mq("--protocol", "1.0", "get", queue, "--count", "2")
            #expect(got.status == 0 && got.stdout == "m5\nm6\n", "\(got.stderr)")
            let peeked = try mq("--protocol", "1.0", "get", queue, "--count", "9", "--requeue")
            #expect(peeked.status == 3, "the queue ran dry: \(peeked.stderr)")
            #expect(peeked.stdout == "m7\nm8\nm9\nm10\n")
            #expect(peeked.stderr == "mq: queue '\(queue)' had 4 of 9 messages\n")
            try expectReady(queue, 4)
        }
        let rest = try mq("--protocol", "1.0", "consume", queue, "--count", "9", "--timeout", "1")
        #expect(rest.status == 3, "too few before the timeout: \(rest.stderr)")
        #expect(rest.stdout.split(separator: "\n").count == (TestBroker.isRabbitMQ4 ? 4 : 6))
        try expectReady(queue, 0)
    }

    @Test("a reader that stops early (| head -1) takes one message; the rest go back to the queue")
    func readerStopsEarly() throws {
        let queue = try queue("amqp10.head", lines: 100)
        let result = try pipeline(#""$MQ" --protocol 1.0 consume "$Q" --timeout 5s | head -1"#, queue: queue)
        #expect(result.stdout == "m1\n")
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        try expectReady(queue, 99)
    }

    /// RabbitMQ 3.10's plugin converts 0-9-1 properties its own way (reply-to as `/queue/X`, the
    /// routing key as the subject, headers in `x-amqp-*` wrappers): RabbitMQ 4 only.
    @Test(
        "--format json: properties, headers and annotations; the dump published again, over either protocol, as it was",
        .enabled(if: TestBroker.isRabbitMQ4))
    func jsonRoundTrip() throws {
        let queue = try queue("amqp10.json")
        let copy = try self.queue("amqp10.json.copy")
        let sent = try mq(
            "publish", "--queue", queue, "--persistent", "--message-id", "m1", "--correlation-id", "c1",
            "--content-type", "text/plain", "--reply-to", "back", "--priority", "7", "--expiration", "60s",
            "--type", "greeting", "--header",
            "n=5", "--header", "s=text", "--header", "b=true", "héllo")
        try #require(sent.status == 0, "\(sent.stderr)")
        let dump = try mq("--protocol", "1.0", "consume", queue, "--count", "1", "--format", "json")
        #expect(dump.status == 0, "\(dump.stderr)")
        let object = try #require(try jsonLines(dump.stdout).first)
        #expect(object["body"] as? String == "héllo")
        let properties = try #require(object["properties"] as? [String: Any])
        #expect(properties["delivery_mode"] as? Int == 2)
        #expect(properties["message_id"] as? String == "m1")
        #expect(properties["correlation_id"] as? String == "c1")
        #expect(properties["content_type"] as? String == "text/plain")
        #expect(properties["reply_to"] as? String == "back")
        #expect(properties["priority"] as? Int == 7)
        #expect(properties["type"] as? String == "greeting", "from RabbitMQ 4's x-basic-type annotation")
        #expect(properties["expiration"] as? String == "60000", "the header's ttl")
        let headers = try #require(object["headers"] as? [String: Any])
        #expect(headers["n"] as? Int == 5 && headers["s"] as? String == "text" && headers["b"] as? Bool == true)
        let annotations = try #require(object["annotations"] as? [String: Any])
        #expect(annotations["x-routing-key"] as? String == queue, "\(annotations)")
        #expect(object["routing_key"] as? String == queue)
        // Published again over 1.0 into the copy, consumed over 1.0: the same message.
        let line = dump.stdout.replacingOccurrences(
            of: "\"routing_key\":\"\(queue)\"", with: "\"routing_key\":\"\(copy)\"")
        let again = try mq(["--protocol", "1.0", "publish", "--ndjson", "--queue", copy], stdin: line)
        #expect(again.status == 0, "\(again.stderr)")
        let copied = try mq("--protocol", "1.0", "consume", copy, "--count", "1", "--format", "json")
        let copiedObject = try #require(try jsonLines(copied.stdout).first)
        #expect(try canonical(copiedObject["properties"]) == canonical(properties))
        #expect(try canonical(copiedObject["headers"]) == canonical(headers))
        // And over 0-9-1: what both protocols carry arrives as it was.
        let overOld = try mq(["publish", "--ndjson", "--queue", copy], stdin: copied.stdout)
        #expect(overOld.status == 0, "\(overOld.stderr)")
        let read = try #require(try jsonLines(try mq("get", copy, "--format", "json").stdout).first)
        #expect(read["body"] as? String == "héllo")
        #expect(try canonical(read["headers"]) == canonical(headers))
        #expect((read["properties"] as? [String: Any])?["message_id"] as? String == "m1")
        // What only AMQP 1.0 carries goes over 1.0, and is refused over 0-9-1, never dropped.
        let onlyAMQP10 = #"{"body":"g","properties":{"to":"/queues/elsewhere","group_id":"g1","group_sequence":2}}"#
        let grouped = try mq(["--protocol", "1.0", "publish", "--ndjson", "--queue", copy], stdin: onlyAMQP10 + "\n")
        #expect(grouped.status == 0, "\(grouped.stderr)")
        let groupedRead = try #require(
            try jsonLines(try mq("--protocol", "1.0", "consume", copy, "--count", "1", "--format", "json").stdout).first
        )
        let groupedProperties = groupedRead["properties"] as? [String: Any]
        #expect(groupedProperties?["to"] as? String == "/queues/elsewhere", "\(groupedRead)")
        #expect(groupedProperties?["group_id"] as? String == "g1" && groupedProperties?["group_sequence"] as? Int == 2)
        let refused = try mq(["publish", "--ndjson", "--queue", copy], stdin: onlyAMQP10 + "\n")
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("property 'to' is AMQP 1.0's"), "\(refused.stderr)")
    }

    /// `value` as JSON text with its keys sorted, to compare.
    private func canonical(_ value: Any?) throws -> String {
        let object = try #require(value)
        return String(decoding: try JSONSerialization.data(withJSONObject: object, options: .sortedKeys), as: UTF8.self)
    }

    @Test("a large message in several frames, and --template, over 1.0")
    func largeAndTemplate() throws {
        let queue = try queue("amqp10.large")
        let large = String(repeating: "y", count: 400_000)
        try #require(try mq(["--protocol", "1.0", "publish", "--queue", queue], stdin: large).status == 0)
        try #require(try mq("publish", "--queue", queue, "--message-id", "id2", "small").status == 0)
        let read = try mq("--protocol", "1.0", "consume", queue, "--count", "1")
        #expect(read.stdout == large + "\n", "\(read.stderr)")
        let templated = try mq(
            "--protocol", "1.0", "consume", queue, "--count", "1", "--template", "{properties.message_id}={body}\\n")
        #expect(templated.stdout == "id2=small\n", "\(templated.stderr)")
    }

    @Test("--exec: a command per message; its exit status settles the message as accepted, rejected or requeued")
    func exec() throws {
        let queue = try queue("amqp10.exec", lines: 5)
        let ran = try mq("--protocol", "1.0", "consume", queue, "--count", "2", "--exec", "cat; echo")
        #expect(ran.status == 0, "\(ran.stderr)")
        #expect(ran.stdout == "m1\nm2\n")
        try expectReady(queue, 3)
        let rejected = try mq(
            "--protocol", "1.0", "consume", queue, "--count", "1", "--exec", "exit 3", "--on-failure", "reject")
        #expect(rejected.status == 1, "\(rejected.stderr)")
        #expect(rejected.stderr.hasSuffix("mq: 1 of 1 commands failed\n"), "\(rejected.stderr)")
        try expectReady(queue, 2)
        let requeued = try mq(
            "--protocol", "1.0", "consume", queue, "--count", "1", "--exec", "exit 3", "--on-failure", "requeue")
        #expect(requeued.status == 1, "\(requeued.stderr)")
        try expectReady(queue, 2)
        if TestBroker.isRabbitMQ4 {
            // Requeued as modified with delivery-failed: the broker counts the attempt.
            let again = try #require(try jsonLines(try mq("get", queue, "--format", "json").stdout).first)
            #expect(again["body"] as? String == "m4" && again["redelivered"] as? Bool == true, "\(again)")
        }
    }

    @Test("a missing queue is the broker's not-found (exit 1); a wrong password exit 77; what has no 1.0 path exit 64")
    func refusals() throws {
        if TestBroker.isRabbitMQ4 {
            let missing = try mq("--protocol", "1.0", "consume", "mq-test.amqp10.none", "--count", "1")
            #expect(missing.status == 1)
            #expect(missing.stderr == "mq: amqp:not-found: no queue 'mq-test.amqp10.none' in vhost '/'\n")
        }
        let url = TestBroker.url.replacingOccurrences(of: "guest:guest@", with: "guest:wrong@")
        let denied = try mq(["--protocol", "1.0", "get", "q"], url: url)
        #expect(denied.status == 77 && !denied.stderr.contains("wrong"), "\(denied.stderr)")
        for option in [["--exchange", "amq.topic"], ["--offset", "first"], ["--no-ack"]] {
            let refused = try mq(["--protocol", "1.0", "consume", "q"] + option, url: "amqp://127.0.0.1:1")
            #expect(refused.status == 64, "\(option)")
            #expect(refused.stderr.hasPrefix("mq: \(option[0]) does not work over AMQP 1.0 yet"), "\(refused.stderr)")
        }
    }

    @Test(
        "Qpid Proton's broker: what python-qpid-proton sends (every body kind, properties, annotations) is written as sent",
        .enabled(if: ProtonPeer.configured, ProtonPeer.missing))
    func proton() throws {
        let peer = try ProtonPeer()
        let queue = peer.freshQueue("amqp10")
        func send(_ arguments: [String]) throws {
            let sent = try peer.client(["send", peer.url, queue] + arguments)
            try #require(sent.status == 0, "\(sent.stderr)")
        }
        try send([
            "--body", "text", "--body-kind", "string", "--property", "to=/somewhere", "--property", "group-id=g1",
            "--property", "subject=kind", "--property", "absolute-expiry-time=1700000000000",
            "--app", "n=int:5", "--app", "u=ulong:7", "--app", "t=timestamp:1700000000000", "--annotation",
            "x-opt-note=noted", "--durable", "--priority", "6", "--ttl", "9000",
        ])
        try send(["--body-hex", "00ff", "--body-kind", "binary"])
        try send([
            "--body-kind", "sequence", "--body", #"[{"type": "int", "value": 1}, {"type": "string", "value": "a"}]"#,
        ])
        try send([
            "--body-kind", "value", "--body",
            #"{"type": "map", "value": [[{"type": "string", "value": "k"}, {"type": "int", "value": 2}]]}"#,
        ])
        try send(["--body-kind", "none"])
        let read = try mq(
            ["--protocol", "1.0", "consume", queue, "--count", "5", "--format", "json"], url: peer.anonymousURL)
        #expect(read.status == 0, "\(read.stderr)")
        let records = try jsonLines(read.stdout)
        try #require(records.count == 5, "\(read.stdout)")
        #expect(records[0]["body"] as? String == "text")
        let properties = try #require(records[0]["properties"] as? [String: Any])
        #expect(properties["to"] as? String == "/somewhere" && properties["group_id"] as? String == "g1")
        #expect(properties["type"] as? String == "kind")
        #expect(properties["absolute_expiry_time"] as? Int == 1_700_000_000_000)
        #expect(properties["delivery_mode"] as? Int == 2 && properties["priority"] as? Int == 6)
        #expect(properties["expiration"] as? String == "9000")
        let headers = try #require(records[0]["headers"] as? [String: Any])
        #expect(headers["n"] as? Int == 5, "\(headers)")
        #expect((headers["u"] as? [String: Any])?["$type"] as? String == "int64", "a small ulong as a long: \(headers)")
        #expect(
            (headers["t"] as? [String: Any])?["value"] as? Int == 1_700_000_000, "a timestamp in seconds: \(headers)")
        #expect((records[0]["annotations"] as? [String: Any])?["x-opt-note"] as? String == "noted")
        #expect(records[1]["body"] as? String == "AP8=" && records[1]["body_encoding"] as? String == "base64")
        #expect(records[2]["body"] as? String == #"[[1,"a"]]"#, "a sequence section as its JSON")
        #expect(records[3]["body"] as? String == #"{"k":2}"#, "any other amqp-value as its JSON")
        #expect(records[4]["body"] as? String == "", "no body: empty")
    }
}
