import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `mq publish --protocol 1.0` against RabbitMQ (4.x natively, 3.10 with its plugin) and Qpid
/// Proton's example broker (`MQ_TEST_AMQP10_URL`), read back over 0-9-1 or by python-qpid-proton
/// (`MQ_TEST_PROTON_PYTHON`).
@Suite("Publishing over AMQP 1.0", .needsBroker, .deletesFreshQueues, .timeLimit(.minutes(5)))
struct AMQP10PublishTests {
    @Test("a message with properties and headers, read back over 0-9-1 as sent; a large one in several frames")
    func roundTrip() throws {
        let queue = freshQueue("amqp10.publish")
        try #require(try mq("declare", "queue", queue).status == 0)
        let sent = try mq(
            "--protocol", "1.0", "publish", "--queue", queue, "--persistent", "--message-id", "m1",
            "--header", "n=5", "hello over 1.0")
        #expect(sent.status == 0, "\(sent.stderr)")
        let large = String(repeating: "x", count: 300_000)
        #expect(try mq(["--protocol", "1.0", "publish", "--queue", queue], stdin: large).status == 0)
        let read = try jsonLines(try mq("get", queue, "--count", "2", "--format", "json").stdout)
        #expect(read.map { $0["body"] as? String } == ["hello over 1.0", large])
        let properties = read.first?["properties"] as? [String: Any]
        #expect(properties?["delivery_mode"] as? Int == 2)
        #expect(
            (read.last?["properties"] as? [String: Any])?["delivery_mode"] as? Int != 2,
            "transient without --persistent")
        #expect(properties?["message_id"] as? String == "m1")
        if TestBroker.isRabbitMQ4 {
            #expect((read.first?["headers"] as? [String: Any])?["n"] as? Int == 5, "application properties as headers")
        }
    }

    @Test("--lines: every line a message, each accepted before mq exits 0; --json counts them")
    func lines() throws {
        let queue = freshQueue("amqp10.lines")
        try #require(try mq("declare", "queue", queue).status == 0)
        let sent = try mq(
            ["--protocol", "1.0", "publish", "--queue", queue, "--lines", "--json"], stdin: numberedLines(500))
        #expect(sent.status == 0, "\(sent.stderr)")
        #expect(sent.stdout.contains(#""published":500,"confirmed":500"#), "\(sent.stdout)")
        #expect(try ready(queue) == 500)
    }

    @Test("--address sends to an AMQP 1.0 address as it is: /amq/queue/Q on 3.x, /queues/Q on 4.x")
    func address() throws {
        let queue = freshQueue("amqp10.address")
        try #require(try mq("declare", "queue", queue).status == 0)
        let address = (TestBroker.isRabbitMQ4 ? "/queues/" : "/amq/queue/") + queue
        let sent = try mq("--protocol", "1.0", "publish", "--address", address, "addressed")
        #expect(sent.status == 0, "\(sent.stderr)")
        #expect(try mq("get", queue).stdout == "addressed\n")
        let both = try mq(["publish", "--address", address, "--queue", queue, "x"], url: "amqp://127.0.0.1:1")
        #expect(both.status == 64 && both.stderr.contains("one way: --address, --queue or --exchange"))
    }

    /// RabbitMQ 3.10's plugin accepts both silently: RabbitMQ 4 only.
    @Test(
        "RabbitMQ 4: a missing queue is the broker's not-found (exit 1), an unroutable message released (exit 2)",
        .enabled(if: TestBroker.isRabbitMQ4))
    func refusals() throws {
        let missing = try mq("--protocol", "1.0", "publish", "--queue", "mq-test.amqp10.none", "x")
        #expect(missing.status == 1)
        #expect(missing.stderr == "mq: amqp:not-found: no queue 'mq-test.amqp10.none' in vhost '/'\n")
        let unroutable = try mq("--protocol", "1.0", "publish", "--exchange", "amq.direct", "--key", "nobody", "x")
        #expect(unroutable.status == 2)
        #expect(unroutable.stderr == "mq: 1 of 1 messages not accepted (1 released: no queue took them; 0 refused)\n")
    }

    @Test(
        "a wrong password is exit 77; a verb with no 1.0 path is refused before connecting (exit 64), also from MQ_PROTOCOL"
    )
    func refusedBeforehand() throws {
        let url = TestBroker.url.replacingOccurrences(of: "guest:guest@", with: "guest:wrong@")
        let denied = try mq(["--protocol", "1.0", "publish", "--queue", "q", "x"], url: url)
        #expect(denied.status == 77, "\(denied.stderr)")
        #expect(!denied.stderr.contains("wrong"), "no password shown")
        let purge = try mq(["purge", "q"], url: "amqp://127.0.0.1:1", environment: ["MQ_PROTOCOL": "1.0"])
        #expect(purge.status == 64)
        #expect(purge.stderr.hasPrefix("mq: mq purge speaks AMQP 0-9-1 only, so far"), "\(purge.stderr)")
        let address = try mq(["publish", "--address", "/queues/q", "x"], url: "amqp://127.0.0.1:1")
        #expect(address.status == 64 && address.stderr.hasPrefix("mq: --address is for AMQP 1.0: add --protocol 1.0"))
        let appID = try mq(
            ["--protocol", "1.0", "publish", "--queue", "q", "--app-id", "web", "x"], url: "amqp://127.0.0.1:1")
        #expect(appID.status == 64 && appID.stderr.contains("AMQP 1.0 has no place for app_id"), "\(appID.stderr)")
    }

    @Test(
        "Qpid Proton's broker (ANONYMOUS): python-qpid-proton reads what mq sent, as sent",
        .enabled(if: ProtonPeer.configured, ProtonPeer.missing))
    func proton() throws {
        let peer = try ProtonPeer()
        let queue = peer.freshQueue("amqp10")
        let sent = try mq(
            [
                "--protocol", "1.0", "publish", "--queue", queue, "--lines", "--header", "k=v", "--message-id", "m7",
                "--content-type", "text/plain",
            ], url: peer.anonymousURL, stdin: "a\nb\n")
        #expect(sent.status == 0, "\(sent.stderr)")
        let read = try peer.client(["receive", peer.url, queue, "--count", "2"])
        let records = try jsonLines(read.stdout).filter { $0["body_text"] != nil }
        #expect(records.map { $0["body_text"] as? String } == ["a", "b"], "\(read.stderr)")
        let properties = records.first?["properties"] as? [String: Any]
        #expect((properties?["message-id"] as? [String: Any])?["value"] as? String == "m7")
        #expect((properties?["content-type"] as? [String: Any])?["value"] as? String == "text/plain")
        let application = records.first?["application_properties"] as? [String: Any]
        #expect((application?["k"] as? [String: Any])?["value"] as? String == "v")
        try everyTypeReadByProton(peer)
    }

    /// Every property, and a header of every type 0-9-1 and AMQP 1.0 share, sent by mq over 1.0 to
    /// Qpid Proton's broker (from an NDJSON line, where each type can be named), read back by
    /// python-qpid-proton as the AMQP 1.0 types they are.
    private func everyTypeReadByProton(_ peer: ProtonPeer) throws {
        let queue = peer.freshQueue("amqp10.types")
        let line = """
            {"body":"t","properties":{"message_id":"m9","correlation_id":"c9","reply_to":"back","type":"kind",\
            "content_encoding":"gzip","timestamp":1700000000,"priority":6,"delivery_mode":2,"expiration":"5000"},\
            "headers":{"i8":{"$type":"int8","value":-3},"u8":{"$type":"uint8","value":200},\
            "i16":{"$type":"int16","value":-300},"u16":{"$type":"uint16","value":60000},"i32":7,\
            "u32":{"$type":"uint32","value":4000000000},"i64":9000000000,"f":{"$type":"float","value":1.5},\
            "d":2.25,"bin":{"$type":"bytes","value":"AP8="},"ts":{"$type":"timestamp","value":1700000000},\
            "nothing":null,"b":true,"s":"text"}}

            """
        let sent = try mq(
            ["--protocol", "1.0", "publish", "--ndjson", "--queue", queue], url: peer.anonymousURL, stdin: line)
        try #require(sent.status == 0, "\(sent.stderr)")
        let read = try peer.client(["receive", peer.url, queue, "--count", "1"])
        let record = try #require(try jsonLines(read.stdout).first { $0["body_text"] != nil }, "\(read.stderr)")
        let header = record["header"] as? [String: Any]
        #expect(
            header?["durable"] as? Bool == true && header?["priority"] as? Int == 6 && header?["ttl"] as? Int == 5000)
        let properties = try #require(record["properties"] as? [String: [String: Any]])
        let expectedProperties: [String: (String, String)] = [
            "message-id": ("string", "m9"), "correlation-id": ("string", "c9"), "reply-to": ("string", "back"),
            "subject": ("string", "kind"), "content-encoding": ("symbol", "gzip"),
        ]
        for (name, (type, value)) in expectedProperties {
            #expect(
                properties[name]?["type"] as? String == type && properties[name]?["value"] as? String == value,
                "\(name)")
        }
        #expect(properties["creation-time"]?["value"] as? Int == 1_700_000_000_000)
        let application = try #require(record["application_properties"] as? [String: [String: Any]])
        let expectedTypes = [
            "i8": "byte", "u8": "ubyte", "i16": "short", "u16": "ushort", "i32": "int", "u32": "uint", "i64": "long",
            "f": "float", "d": "double", "bin": "binary", "ts": "timestamp", "nothing": "null", "b": "boolean",
            "s": "string",
        ]
        for (name, type) in expectedTypes { #expect(application[name]?["type"] as? String == type, "\(name)") }
        #expect(
            application["u32"]?["value"] as? Int == 4_000_000_000 && application["bin"]?["value"] as? String == "00ff")
        #expect(application["ts"]?["value"] as? Int == 1_700_000_000_000, "a 0-9-1 timestamp in seconds, 1.0's in ms")
    }
}
