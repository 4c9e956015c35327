import Foundation
import TestSupport
import Testing

@Suite("mq consume and mq get", .needsBroker, .deletesFreshQueues, .timeLimit(.minutes(5)))
struct ConsumeTests {
    private func queue(with bodies: [String]) throws -> String {
        let queue = freshQueue("consume")
        try mq("declare", "queue", queue)
        if !bodies.isEmpty {
            #expect(try mq("publish", "--queue", queue, "--lines", stdin: bodies.joined(separator: "\n")).status == 0)
        }
        return queue
    }

    @Test("--count stops after N, and what was prefetched but not written stays in the queue")
    func countLeavesTheRest() throws {
        let queue = try queue(with: (1...20).map { "m\($0)" })
        let result = try mq("consume", queue, "--count", "3", "--prefetch", "10")
        #expect(result.status == 0)
        #expect(result.stdout == "m1\nm2\nm3\n")
        #expect(try ready(queue) == 17)
    }

    @Test("--timeout with fewer than --count messages exits 3 after writing them")
    func timeoutIncomplete() throws {
        let queue = try queue(with: ["only"])
        let result = try mq("consume", queue, "--count", "2", "--timeout", "500ms")
        #expect(result.status == 3)
        #expect(result.stdout == "only\n")
        #expect(try ready(queue) == 0)
    }

    @Test("--timeout without --count drains the queue and exits 0")
    func drain() throws {
        let queue = try queue(with: ["a", "b"])
        let result = try mq("consume", queue, "--timeout", "300ms", "--format", "raw")
        #expect(result.status == 0)
        #expect(result.stdout == "ab")
    }

    @Test("--format json shows the envelope; a binary body is base64")
    func jsonFormat() throws {
        let queue = try queue(with: [])
        #expect(try MQProcess.run(["publish", "--queue", queue], stdin: [0xFF, 0x00, 0x01]).status == 0)
        let result = try mq("consume", queue, "--count", "1", "--format", "json")
        let message = try #require(try jsonLines(result.stdout).first)
        #expect(message["body"] as? String == "/wAB")
        #expect(message["body_encoding"] as? String == "base64")
        #expect(message["routing_key"] as? String == queue)
        #expect(message["redelivered"] as? Bool == false)
        #expect(message["delivery_tag"] as? Int == 1)
    }

    @Test("--exchange watches an exchange through a temporary queue")
    func watchExchange() throws {
        let exchange = freshQueue("watch")
        try mq("declare", "exchange", exchange, "--type", "topic")
        let watcher = try MQProcess([
            "consume", "--exchange", exchange, "--key", "a.#", "--count", "1", "--timeout", "20s",
        ])
        // A publish is routed (exit 0) once the watcher's temporary queue is bound.
        let published = try eventually(within: 10, every: 0.1) {
            try mq("publish", "--exchange", exchange, "--key", "a.b", "seen").status == 0 ? true : nil
        }
        #expect(published == true, "\(watcher.stderr)")
        #expect(watcher.finish(within: 30) == 0, "\(watcher.stderr)")
        #expect(watcher.stdout == "seen\n")
        try cleanUp(exchanges: [exchange])
    }

    @Test("SIGTERM stops consume cleanly with exit 143, nothing lost")
    func sigterm() throws {
        let queue = try queue(with: ["x"])
        let consumer = try MQProcess(["consume", queue])
        _ = eventually(within: 30, every: 0.01) { consumer.stdout.contains("\n") || !consumer.isRunning ? true : nil }
        consumer.kill(SIGTERM)
        #expect(consumer.finish(within: 30) == 143, "\(consumer.stderr)")
        #expect(consumer.stdout == "x\n")
        #expect(try ready(queue) == 0)
    }

    @Test("get fetches, --requeue peeks, and fewer than --count exits 3")
    func get() throws {
        let queue = try queue(with: ["1", "2"])
        #expect(try mq("get", queue, "--count", "2", "--requeue").stdout == "1\n2\n")
        #expect(try ready(queue) == 2)
        let result = try mq("get", queue, "--count", "3")
        #expect(result.status == 3)
        #expect(result.stdout == "1\n2\n")
        #expect(try ready(queue) == 0)
    }

    @Test("purge reports the count; delete --if-empty refuses a queue with messages")
    func purgeAndDelete() throws {
        let queue = try queue(with: ["1", "2", "3"])
        let refused = try mq("delete", "queue", queue, "--if-empty")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("PRECONDITION_FAILED (406)"))
        let purged = try mq("purge", queue, "--json")
        #expect(purged.stdout == "{\"queue\":\"\(queue)\",\"purged\":3}\n")
        #expect(try mq("delete", "queue", queue, "--if-empty").status == 0)
    }
}
