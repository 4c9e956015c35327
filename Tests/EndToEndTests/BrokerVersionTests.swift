import Foundation
import TestSupport
import Testing

/// What differs between RabbitMQ 3.x and 4.x (run with 4.3's defaults), asserted for the version
/// under test, and the queue arguments RabbitMQ 4 users set most.
@Suite(
    "RabbitMQ 3 and 4: deprecated features, queue arguments, cancelled consumers", .needsBroker, .deletesFreshQueues,
    .timeLimit(.minutes(5)))
struct BrokerVersionTests {
    @Test("a transient shared queue: RabbitMQ 4.3 refuses it in one line naming the feature, exit 1; 3.x declares it")
    func transientSharedQueue() throws {
        let queue = freshQueue("transient")
        let result = try mq("declare", "queue", queue, "--no-durable")
        if TestBroker.isRabbitMQ4 {
            #expect(result.status == 1)
            #expect(
                result.stderr
                    == "mq: queue.declare refused: the broker does not permit the deprecated feature "
                    + "'transient_nonexcl_queues': a queue that does not survive a restart must be exclusive; "
                    + "declare it --durable, or --exclusive\n"
            )
            let json = try mq("declare", "queue", queue, "--no-durable", "--json")
            let line = try #require(json.stderr.split(separator: "\n").first { $0.hasPrefix("{") }, "\(json.stderr)")
            let error = try #require(try jsonLines(String(line)).first)
            #expect(error["exit_status"] as? Int == 1)
            #expect(error["reply_code"] as? Int == 541)
            #expect((error["reply_text"] as? String)?.contains("\n") == false)
        } else {
            #expect(result.status == 0, "\(result.stderr)")
            try cleanUp(queues: [queue])
        }
        // What to do instead works on every version.
        #expect(try mq("declare", "queue", queue, "--no-durable", "--exclusive").status == 0)
    }

    @Test("consume --exchange binds once per --key, as in RabbitMQ's topics tutorial")
    func severalKeys() throws {
        let exchange = freshQueue("logs")
        try mq("declare", "exchange", exchange, "--type", "topic", "--no-durable")
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("mq-keys-\(exchange)").path
        defer { unlink(output) }
        let consumer = try MQProcess(
            [
                "consume", "--exchange", exchange, "--key", "kern.*", "--key", "*.critical", "--count", "2",
                "--timeout", "20s",
            ], stdoutFile: output)
        // Publish until the bindings exist (the consumer declares them as it starts).
        let bound = try eventually(within: 10) { () -> Bool? in
            try mq("publish", "--exchange", exchange, "--key", "app.info", "--no-confirm", "probe").status == 0
                && (try jsonArray(mq("list", "bindings", "--json").stdout)).filter {
                    $0["source"] as? String == exchange
                }.count == 2 ? true : nil
        }
        #expect(bound == true)
        for (key, body) in [("kern.info", "kernel"), ("app.info", "ignored"), ("app.critical", "critical")] {
            try mq("publish", "--exchange", exchange, "--key", key, "--no-mandatory", body)
        }
        #expect(consumer.finish(within: 30) == 0, "\(consumer.stderr)")
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "kernel\ncritical\n")
        try cleanUp(exchanges: [exchange])
    }

    @Test("typed queue arguments reach the broker as x-arguments")
    func queueArguments() throws {
        let quorum = freshQueue("qq-args")
        let declared = try mq(
            "declare", "queue", quorum, "--type", "quorum", "--delivery-limit", "5", "--overflow", "reject-publish",
            "--dead-letter-exchange", "dlx", "--dead-letter-strategy", "at-least-once", "--single-active-consumer",
            "--leader-locator", "balanced")
        #expect(declared.status == 0, "\(declared.stderr)")
        let listed = try jsonArray(try mq("list", "queues", quorum, "--columns", "name,arguments", "--json").stdout)
        let arguments = try #require(listed.first?["arguments"] as? [String: Any], "\(listed)")
        #expect(arguments["x-delivery-limit"] as? Int == 5)
        #expect(arguments["x-overflow"] as? String == "reject-publish")
        #expect(arguments["x-dead-letter-strategy"] as? String == "at-least-once")
        #expect(arguments["x-single-active-consumer"] as? Bool == true)
        #expect(arguments["x-queue-leader-locator"] as? String == "balanced")
        let classic = freshQueue("classic-args")
        #expect(
            try mq("declare", "queue", classic, "--overflow", "reject-publish-dlx", "--single-active-consumer").status
                == 0)
        try cleanUp(queues: [quorum, classic])
    }

    @Test(
        "a queue argument the queue type cannot take is a usage error naming what to do",
        arguments: [
            (["--delivery-limit", "5"], "mq: --delivery-limit applies to quorum queues only: add --type quorum\n"),
            (
                ["--type", "classic", "--dead-letter-strategy", "at-most-once"],
                "mq: --dead-letter-strategy applies to quorum queues only: add --type quorum\n"
            ),
            (
                ["--type", "quorum", "--overflow", "reject-publish-dlx"],
                "mq: --overflow reject-publish-dlx does not apply to quorum queues: use drop-head or reject-publish\n"
            ),
            (
                ["--type", "stream", "--overflow", "drop-head"],
                "mq: --overflow does not apply to stream queues (they keep everything up to their retention)\n"
            ),
            (
                ["--type", "quorum", "--dead-letter-strategy", "at-least-once"],
                "mq: --dead-letter-strategy at-least-once needs --overflow reject-publish (the broker falls back to "
                    + "at-most-once otherwise)\n"
            ),
            (["--overflow", "drop-tail"], nil),
        ])
    func queueArgumentMismatch(arguments: [String], stderr: String?) throws {
        let result = try mq(["declare", "queue", freshQueue("mismatch")] + arguments)
        #expect(result.status == 64)
        if let stderr { #expect(result.stderr.hasPrefix(String(stderr.dropLast())), "\(result.stderr)") }
        #expect(result.stderr.split(separator: "\n").count <= 3)
    }

    @Test("a consumer whose queue is deleted ends with one line saying why, exit 1")
    func cancelledConsumer() throws {
        let queue = freshQueue("cancelled")
        try mq("declare", "queue", queue)
        let consumer = try MQProcess(["consume", queue, "--timeout", "30s"])
        let registered = try eventually {
            let object = try jsonLines(try mq("declare", "queue", queue, "--passive", "--json").stdout).first
            return (object?["consumers"] as? Int) == 1 ? true : nil
        }
        #expect(registered == true, "the consumer never registered: \(consumer.stderr)")
        try mq("delete", "queue", queue)
        #expect(consumer.finish(within: 20) == 1, "\(consumer.stderr)")
        #expect(consumer.stderr.hasPrefix("mq: the broker cancelled consumer"), "\(consumer.stderr)")
        #expect(consumer.stderr.split(separator: "\n").count == 1)
    }
}
