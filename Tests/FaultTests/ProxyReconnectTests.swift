import Foundation
import TestSupport
import Testing

/// mq reconnecting through a `FaultProxy` in front of the shared test broker: a connection that
/// goes silent is noticed through heartbeats and opened again; what changed on the broker while
/// mq was cut off (a password, a deleted queue) ends it at the first try, with one line.
@Suite("Reconnecting through a fault-injecting proxy", .needsBroker, .deletesFreshQueues, .timeLimit(.minutes(10)))
struct ProxyReconnectTests {
    @Test(
        "a connection cut without a FIN is noticed within two heartbeat intervals, and opened again once traffic passes"
    )
    func stallThenReconnect() async throws {
        let queue = freshQueue("reconnect.stall")
        try await mq(["declare", "queue", queue])
        try await FaultProxy.inFront(of: TestBroker.url) { proxy, url in
            let consumer = try await registeredConsumer(queue, url: url, ["--heartbeat", "2s"])
            proxy.mode = .stall
            let stalledAt = consumer.elapsed
            #expect(await eventually(within: 20) { consumer.stderr.contains(" lost (") }, "\(consumer.stderr)")
            #expect(consumer.stderr.contains("heartbeat"), "\(consumer.stderr)")
            // Two heartbeat intervals are 4 s; the bound is generous for a loaded machine.
            #expect(consumer.elapsed - stalledAt < 15, "\(consumer.stderr)")
            proxy.mode = .pass
            #expect(
                await eventually(within: 40) { consumer.stderr.contains("mq: reconnected to ") }, "\(consumer.stderr)")
            #expect(try await eventually(within: 15) { try await queueState(queue).consumers == 1 })
            try await mq(["publish", "--queue", queue, "after the stall"])
            #expect(await eventually(within: 15) { consumer.stdout == "after the stall\n" }, "\(consumer.stdout)")
            consumer.kill(SIGTERM)
            #expect(await consumer.wait(within: 15) == 143, "\(consumer.stderr)")
            print("stall noticed after \(consumer.elapsed - stalledAt) s at most; \(consumer.stderr)")
        }
    }

    @Test(
        "the password changed while mq was cut off: the reconnect is refused, exit 77 after the first refused try, one line"
    )
    func passwordChangedMeanwhile() async throws {
        let user = freshQueue("reconnect-user").replacingOccurrences(of: ".", with: "-")
        let queue = freshQueue("reconnect.password")
        try #require(try await mq(["declare", "user", user], stdin: "first-\(user)\n").status == 0)
        defer { Task { try? await mq(["delete", "user", user]) } }
        try #require(try await mq(["declare", "permission", user]).status == 0)
        try await mq(["declare", "queue", queue])
        let brokerURL = TestBroker.url.replacingOccurrences(of: "guest:guest@", with: "\(user):first-\(user)@")
        try await FaultProxy.inFront(of: brokerURL) { proxy, url in
            let consumer = try await registeredConsumer(queue, url: url, [])
            proxy.mode = .cut
            #expect(await eventually(within: 15) { consumer.stderr.contains(" lost (") }, "\(consumer.stderr)")
            try #require(try await mq(["declare", "user", user], stdin: "second-\(user)\n").status == 0)
            proxy.mode = .pass
            let status = await consumer.wait(within: 30)
            #expect(status == 77, "\(consumer.stderr)")
            let lines = consumer.stderr.split(separator: "\n")
            #expect(lines.count == 2, "\(consumer.stderr)")
            #expect(lines.last?.hasPrefix("mq: access refused for user '\(user)'") == true, "\(consumer.stderr)")
            #expect(!consumer.stderr.contains("first-\(user)") && !consumer.stderr.contains("second-\(user)"))
        }
    }

    @Test("the queue deleted while mq was cut off: exit 1, one line naming it")
    func queueDeletedMeanwhile() async throws {
        let queue = freshQueue("reconnect.deleted")
        try await mq(["declare", "queue", queue])
        try await FaultProxy.inFront(of: TestBroker.url) { proxy, url in
            let consumer = try await registeredConsumer(queue, url: url, [])
            proxy.mode = .cut
            #expect(await eventually(within: 15) { consumer.stderr.contains(" lost (") }, "\(consumer.stderr)")
            try #require(try await mq(["delete", "queue", queue]).status == 0)
            proxy.mode = .pass
            let status = await consumer.wait(within: 30)
            #expect(status == 1, "\(consumer.stderr)")
            let lines = consumer.stderr.split(separator: "\n")
            #expect(lines.count == 2, "\(consumer.stderr)")
            #expect(
                lines.last?.contains("NOT_FOUND (404)") == true && lines.last?.contains(queue) == true,
                "\(consumer.stderr)")
        }
    }
}
