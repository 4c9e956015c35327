import Foundation
import TestSupport
import Testing

/// mq between a `FaultProxy` and the shared test broker: the proxy cuts, stalls, slows or
/// corrupts the connection, and mq must exit with the documented status, never hang or crash,
/// and never lose a message it reported as confirmed.
@Suite("Network faults, through a fault-injecting proxy", .needsBroker, .deletesFreshQueues, .timeLimit(.minutes(10)))
struct ProxyFaultTests {
    /// Starts `mq consume QUEUE` through `url` and waits until its consumer is registered. Unless
    /// `extra` says otherwise, it does not reconnect: these tests are about how a loss ends it.
    func waitingConsumer(_ queue: String, url: String, _ extra: [String] = ["--reconnect-for", "0"]) async throws
        -> MQProcess
    {
        try await registeredConsumer(queue, url: url, extra)
    }

    /// Starts a paced `mq publish --lines` of `count` numbered lines into `queue` through `url`,
    /// which does not reconnect: these tests are about how a loss ends it.
    func pacedPublisher(_ queue: String, url: String, count: Int, rate: Int, _ extra: [String] = []) throws -> MQProcess
    {
        try MQProcess(
            ["publish", "--queue", queue, "--lines", "--rate", "\(rate)/s", "--reconnect-for", "0"] + extra, url: url,
            stdin: numberedLines(count))
    }

    /// Checks that every message the publisher reported as confirmed is in `queue`: with one
    /// queue, confirms come in order, so those are the first `confirmed` lines.
    func expectConfirmedKept(_ stderr: String, queue: String, published count: Int) async throws {
        let summary = try #require(PublishSummary(stderr), "stderr does not say how many were confirmed: \(stderr)")
        #expect(summary.published <= count)
        #expect(summary.confirmed > 0, "\(stderr)")
        #expect(summary.confirmed + summary.unconfirmed == summary.published, "\(stderr)")
        let kept = Set(try await drain(queue))
        let lost = (0..<summary.confirmed).map { "m\($0 + 1)" }.filter { !kept.contains($0) }
        #expect(lost.isEmpty, "confirmed but not in the queue: \(lost.prefix(10))")
    }

    /// Cuts the connections through `proxy`, and expects `process` to end with exit 69 within
    /// 5 s of the cut.
    func expectCutEnds(_ process: MQProcess, through proxy: FaultProxy) async {
        proxy.mode = .cut
        let cutAt = process.elapsed
        let status = await process.wait(within: 20)
        #expect(status == 69, "\(process.stderr)")
        #expect(process.elapsed - cutAt < 5)
    }

    @Test("a cut connection ends a waiting consumer with exit 69 within seconds")
    func cutConsumer() async throws {
        let queue = freshQueue("cut-consume")
        try await mq(["declare", "queue", queue])
        try await FaultProxy.inFront(of: TestBroker.url) { proxy, url in
            let consumer = try await waitingConsumer(queue, url: url)
            await expectCutEnds(consumer, through: proxy)
            #expect(consumer.stderr.hasPrefix("mq: "), "\(consumer.stderr)")
        }
    }

    @Test("a connection cut while publishing: exit 69, and every confirmed message is in the queue")
    func cutPublisher() async throws {
        let queue = freshQueue("cut-publish")
        try await mq(["declare", "queue", queue])
        try await FaultProxy.inFront(of: TestBroker.url) { proxy, url in
            let publisher = try pacedPublisher(queue, url: url, count: 5000, rate: 500)
            #expect(try await eventually(within: 15) { try await queueState(queue).messages >= 100 })
            await expectCutEnds(publisher, through: proxy)
            try await expectConfirmedKept(publisher.stderr, queue: queue, published: 5000)
        }
    }

    @Test("over AMQP 1.0, a connection cut while publishing: exit 69 with exact counts, every accepted message kept")
    func cutPublisherOverAMQP10() async throws {
        let queue = freshQueue("cut-publish-amqp10")
        try await mq(["declare", "queue", queue])
        let count = 100_000
        try await FaultProxy.inFront(of: TestBroker.url) { proxy, url in
            let publisher = try MQProcess(
                ["--protocol", "1.0", "publish", "--queue", queue, "--lines"], url: url, stdin: numberedLines(count))
            #expect(try await eventually(within: 15) { try await queueState(queue).messages >= 1000 })
            await expectCutEnds(publisher, through: proxy)
            try await expectConfirmedKept(publisher.stderr, queue: queue, published: count)
        }
    }

    @Test("over AMQP 1.0, a cut connection ends a waiting consumer with exit 69 within seconds")
    func cutConsumerOverAMQP10() async throws {
        let queue = freshQueue("cut-consume-amqp10")
        try await mq(["declare", "queue", queue])
        try await FaultProxy.inFront(of: TestBroker.url) { proxy, url in
            let consumer = try await registeredConsumer(queue, url: url, ["--protocol", "1.0"])
            await expectCutEnds(consumer, through: proxy)
            #expect(
                consumer.stderr.hasPrefix("mq: ") && consumer.stderr.split(separator: "\n").count == 1,
                "\(consumer.stderr)")
        }
    }

    @Test("a stalled connection (no bytes, no close) is noticed through heartbeats: exit 69, no hang")
    func stallConsumer() async throws {
        let queue = freshQueue("stall-consume")
        try await mq(["declare", "queue", queue])
        try await FaultProxy.inFront(of: TestBroker.url) { proxy, url in
            let consumer = try await waitingConsumer(queue, url: url, ["--heartbeat", "2s", "--reconnect-for", "0"])
            proxy.mode = .stall
            let stalledAt = consumer.elapsed
            let status = await consumer.wait(within: 20)
            #expect(status == 69, "\(consumer.stderr)")
            #expect(consumer.stderr.contains("heartbeat"), "\(consumer.stderr)")
            // Two heartbeat intervals are 4 s; the bound is generous for a loaded machine.
            #expect(consumer.elapsed - stalledAt < 20)
        }
    }

    @Test("a publisher whose connection stalls gives up through heartbeats, keeping what was confirmed")
    func stallPublisher() async throws {
        let queue = freshQueue("stall-publish")
        try await mq(["declare", "queue", queue])
        try await FaultProxy.inFront(of: TestBroker.url) { proxy, url in
            let publisher = try pacedPublisher(queue, url: url, count: 5000, rate: 200, ["--heartbeat", "2s"])
            #expect(try await eventually(within: 15) { try await queueState(queue).messages >= 50 })
            proxy.mode = .stall
            let stalledAt = publisher.elapsed
            let status = await publisher.wait(within: 25)
            #expect(status == 69, "\(publisher.stderr)")
            #expect(publisher.elapsed - stalledAt < 20)
            proxy.stop()
            try await expectConfirmedKept(publisher.stderr, queue: queue, published: 5000)
        }
    }

    /// While a write is blocked on a full socket mq reads nothing, so it is the write timeout
    /// (two heartbeat intervals when those are shorter than 30 s) that notices the stall.
    @Test(
        "a publisher of large messages whose connection stalls notices within two heartbeats, not the 30 s write timeout"
    )
    func stallLargePublisher() async throws {
        let queue = freshQueue("stall-publish-large")
        try await mq(["declare", "queue", queue])
        try await FaultProxy.inFront(of: TestBroker.url) { proxy, url in
            // 20 MB: more than the socket buffers hold, so mq is blocked writing when the stall begins
            // (after the first megabyte, however fast mq publishes).
            proxy.stall(afterBytesToTarget: 1_000_000)
            let line = String(repeating: "x", count: 10_000) + "\n"
            let publisher = try MQProcess(
                ["publish", "--queue", queue, "--lines", "--heartbeat", "2s", "--reconnect-for", "0"], url: url,
                stdin: String(repeating: line, count: 2000))
            #expect(await eventually(within: 15) { proxy.mode == .stall })
            let stalledAt = publisher.elapsed
            let status = await publisher.wait(within: 90)
            #expect(status == 69, "\(publisher.stderr)")
            #expect(publisher.elapsed - stalledAt < 20, "\(publisher.stderr)")
        }
    }

    @Test("through a trickle of bytes, publish and consume still complete, every message intact")
    func trickle() async throws {
        let queue = freshQueue("trickle")
        try await mq(["declare", "queue", queue])
        try await FaultProxy.inFront(of: TestBroker.url) { proxy, url in
            proxy.mode = .trickle(bytes: 64, interval: 0.005)
            let lines = numberedLines(100)
            let published = try await mq(["publish", "--queue", queue, "--lines"], url: url, stdin: lines, timeout: 60)
            #expect(published.status == 0, "\(published.stderr)")
            let consumed = try await mq(
                ["consume", queue, "--count", "100", "--timeout", "30s"], url: url, timeout: 60)
            #expect(consumed.status == 0, "\(consumed.stderr)")
            #expect(consumed.stdout == lines)
            #expect(try await queueState(queue).messages == 0)
        }
    }

    @Test("a corrupted delivery ends the consumer with exit 76 or 69; the message stays in the queue")
    func corruptDelivery() async throws {
        let queue = freshQueue("corrupt-consume")
        try await mq(["declare", "queue", queue])
        try await FaultProxy.inFront(of: TestBroker.url) { proxy, url in
            let consumer = try await waitingConsumer(queue, url: url)
            proxy.mode = .corrupt(offset: 0)
            try await mq(["publish", "--queue", queue, "poison"])
            let status = await consumer.wait(within: 20)
            #expect(status == 76 || status == 69, "\(String(describing: status)): \(consumer.stderr)")
            #expect(consumer.stdout.isEmpty)
            #expect(try await drain(queue) == ["poison"])
        }
    }

    @Test(
        "a corrupted confirm ends the publisher with exit 76 or 69, and nothing confirmed is lost",
        arguments: [0, 7, 1000])
    func corruptConfirm(offset: Int) async throws {
        let queue = freshQueue("corrupt-publish")
        try await mq(["declare", "queue", queue])
        try await FaultProxy.inFront(of: TestBroker.url) { proxy, url in
            let publisher = try pacedPublisher(queue, url: url, count: 5000, rate: 500)
            #expect(try await eventually(within: 15) { try await queueState(queue).messages >= 100 })
            proxy.mode = .corrupt(offset: offset)
            let status = await publisher.wait(within: 20)
            #expect(status == 76 || status == 69, "\(String(describing: status)): \(publisher.stderr)")
            try await expectConfirmedKept(publisher.stderr, queue: queue, published: 5000)
        }
    }
}
