import Foundation
import TestSupport
import Testing

/// mq against the three-node cluster of `scripts/cluster` (MQ_TEST_CLUSTER_URLS), with the URL
/// list: a stopped node is passed over, and a quorum queue keeps what was confirmed. The tests
/// stop nodes, so they run one at a time, and each starts its node again before it ends.
@Suite(
    "A three-node cluster through a list of URLs", .needsBroker, .deletesFreshQueues, .serialized,
    .enabled(if: FaultEnvironment.clusterURLs != nil, "set MQ_TEST_CLUSTER_URLS (scripts/cluster urls)"),
    .timeLimit(.minutes(10)))
struct ClusterTests {
    let urls = FaultEnvironment.clusterURLs ?? ""

    /// The `host:port` of node `number` (1-3), from the URL list.
    func node(_ number: Int) -> String {
        let url = urls.split(separator: ",")[number - 1]
        return url.firstMatch(of: /@([0-9.]+:\d+)/).map { String($0.1) } ?? ""
    }

    /// The `host:port` mq said (with --verbose) it connected to.
    func connectedNode(_ stderr: String) -> String? {
        stderr.firstMatch(of: /connected to ([0-9.]+:\d+)/).map { String($0.1) }
    }

    /// Runs `body` with node `number` stopped, and starts the node again afterwards, however
    /// `body` ends.
    func withNodeStopped<T>(_ number: Int, _ body: () async throws -> T) async throws -> T {
        try await script("cluster", "stop-node", "\(number)")
        let outcome: Result<T, any Error>
        do {
            outcome = .success(try await body())
        } catch {
            outcome = .failure(error)
        }
        do {
            try await script("cluster", "start-node", "\(number)")
        } catch {
            Issue.record("node \(number) did not come back: \(error)")
        }
        return try outcome.get()
    }

    @Test("--shuffle spreads connections over the nodes, and --verbose says which one answered")
    func shuffle() async throws {
        let queue = freshQueue("cluster-shuffle", url: urls)
        var nodes: Set<String> = []
        for _ in 0..<12 {
            let result = try await mq(
                ["--shuffle", "--verbose", "declare", "queue", queue, "--type", "quorum"], url: urls)
            #expect(result.status == 0, "\(result.stderr)")
            if let node = connectedNode(result.stderr) { nodes.insert(node) }
        }
        #expect(nodes.count >= 2, "12 shuffled connections all went to \(nodes)")
        #expect(nodes.isSubset(of: [node(1), node(2), node(3)]))
    }

    @Test("with the first node stopped, declare, publish and consume through the list still succeed")
    func firstNodeDown() async throws {
        let queue = freshQueue("cluster-failover")
        try await withNodeStopped(1) {
            let declared = try await mq(["--verbose", "declare", "queue", queue], url: urls)
            #expect(declared.status == 0, "\(declared.stderr)")
            #expect(declared.stderr.contains(node(1)), "mq should say it tried the stopped node: \(declared.stderr)")
            #expect(connectedNode(declared.stderr) == node(2), "\(declared.stderr)")
            let lines = numberedLines(100)
            let published = try await mq(
                ["publish", "--queue", queue, "--lines", "--persistent"], url: urls, stdin: lines)
            #expect(published.status == 0, "\(published.stderr)")
            let consumed = try await mq(["consume", queue, "--count", "100", "--timeout", "10s"], url: urls)
            #expect(consumed.status == 0, "\(consumed.stderr)")
            #expect(consumed.stdout == lines)
            let deleted = try await mq(["delete", "queue", queue], url: urls)
            #expect(deleted.status == 0, "\(deleted.stderr)")
        }
    }

    @Test(
        "publisher and consumer of a quorum queue both go on through the other nodes when the node they used goes down; nothing lost"
    )
    func quorumQueueSurvivesNodeLoss() async throws {
        let queue = freshQueue("cluster-quorum", url: urls)
        let declared = try await mq(["--verbose", "declare", "queue", queue, "--type", "quorum"], url: urls)
        try #require(declared.status == 0, "\(declared.stderr)")
        // Everything in the first batch is confirmed before the node goes.
        let before = try await mq(
            ["publish", "--queue", queue, "--lines", "--persistent"], url: urls, stdin: numberedLines(1000, prefix: "a")
        )
        try #require(before.status == 0, "\(before.stderr)")
        // The second batch is in flight, through node 1, when node 1 stops; a consumer reads both.
        let publisher = try MQProcess(
            ["--verbose", "publish", "--queue", queue, "--lines", "--persistent", "--rate", "300/s", "--json"],
            url: urls,
            stdin: numberedLines(3000, prefix: "b"))
        let consumer = try MQProcess(["--verbose", "consume", queue, "--timeout", "10s"], url: urls)
        #expect(await eventually(within: 15) { consumer.stdout.split(separator: "\n").count >= 1100 })
        let (published, consumed): (Int32?, Int32?) = try await withNodeStopped(1) {
            (await publisher.wait(within: 90), await consumer.wait(within: 90))
        }

        #expect(published == 0, "\(publisher.stderr)")
        #expect(consumed == 0, "\(consumer.stderr)")
        #expect(connectedNode(publisher.stderr) == node(1) && connectedNode(consumer.stderr) == node(1))
        #expect(
            publisher.stderr.contains("mq: reconnected to ") && !publisher.stderr.contains("reconnected to \(node(1))"),
            "\(publisher.stderr)")
        #expect(
            consumer.stderr.contains("mq: reconnected to ") && !consumer.stderr.contains("reconnected to \(node(1))"),
            "\(consumer.stderr)")
        let read = Set(consumer.stdout.split(separator: "\n").map(String.init))
        let left = Set(try await drain(queue, url: urls))
        let lost = ((1...1000).map { "a\($0)" } + (1...3000).map { "b\($0)" }).filter {
            !read.contains($0) && !left.contains($0)
        }
        #expect(lost.isEmpty, "lost: \(lost.count), e.g. \(lost.prefix(5))")
        print("cluster node 1 stopped: \(read.count) read, \(left.count) left, lost \(lost.count); \(publisher.stdout)")
    }
}
