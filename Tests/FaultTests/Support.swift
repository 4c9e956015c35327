import Foundation
import TestSupport
import Testing

// The fault tests mostly wait (for a broker to stop, a heartbeat to be missed, a process to end),
// so every helper that waits is async and sleeps with `Task.sleep`: a waiting test holds no
// thread, and the rest of the suite runs meanwhile.

/// What one run of mq printed, and its exit status (-1 when it was killed for taking too long).
struct Run {
    let status: Int32
    let stdout: String
    let stderr: String
}

/// Runs mq with these arguments against `url` (the shared test broker unless told otherwise).
@discardableResult
func mq(_ arguments: [String], url: String = TestBroker.url, stdin: String? = nil, timeout: Double = 60) async throws -> Run {
    let process = try MQProcess(arguments, url: url, stdin: stdin)
    let status = await process.wait(within: timeout)
    return Run(status: status ?? -1, stdout: process.stdout, stderr: process.stderr)
}

/// A queue name for one test, deleted on the broker at `url` when the test ends (the `deletesFreshQueues` trait).
func freshQueue(_ prefix: String, url: String = TestBroker.url) -> String { FreshQueues.name("fault.\(prefix)", url: url) }

/// `count` numbered lines, `m1` to `mN`, each followed by a newline.
func numberedLines(_ count: Int, prefix: String = "m") -> String {
    (1...count).map { "\(prefix)\($0)\n" }.joined()
}

/// Every message in `queue`, read (and acked) until none came for two seconds.
func drain(_ queue: String, url: String = TestBroker.url) async throws -> [String] {
    let result = try await mq(["consume", queue, "--timeout", "2s"], url: url, timeout: 120)
    #expect(result.status == 0, "consume: \(result.stderr)")
    return result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
}

/// Starts `mq consume QUEUE` with `extra` through `url` and waits until its consumer is
/// registered on the shared test broker.
func registeredConsumer(_ queue: String, url: String, _ extra: [String]) async throws -> MQProcess {
    let consumer = try MQProcess(["consume", queue] + extra, url: url)
    let registered = try await eventually(within: 15) { try await queueState(queue).consumers == 1 }
    try #require(registered, "the consumer did not register: \(consumer.stderr)")
    return consumer
}

/// The ready messages and consumers of `queue` (a passive declare).
func queueState(_ queue: String, url: String = TestBroker.url) async throws -> (messages: Int, consumers: Int) {
    let result = try await mq(["declare", "queue", queue, "--passive", "--json"], url: url)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stderr)")
    return (try #require(object["messages"] as? Int), try #require(object["consumers"] as? Int))
}

/// Checks `condition` every 50 ms; false when it has not held within `seconds`.
func eventually(within seconds: Double, _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(50))
    }
    return try await condition()
}

/// What `mq publish` said about its messages on stderr: `C of P messages confirmed, U unconfirmed`.
struct PublishSummary: Equatable {
    let confirmed: Int
    let published: Int
    let unconfirmed: Int

    init?(_ stderr: String) {
        guard let match = stderr.firstMatch(of: /(\d+) of (\d+) messages confirmed, (\d+) unconfirmed/),
            let confirmed = Int(match.1), let published = Int(match.2), let unconfirmed = Int(match.3)
        else { return nil }
        self.confirmed = confirmed
        self.published = published
        self.unconfirmed = unconfirmed
    }
}

/// The environment the fault tests run in: what `make test` starts beside the test broker.
enum FaultEnvironment {
    /// The three AMQP URLs of `scripts/cluster`, comma-separated; nil skips the cluster tests.
    static var clusterURLs: String? { variable("MQ_TEST_CLUSTER_URLS") }

    /// The URL of `scripts/fault-node`; nil skips the tests that stop or block a broker.
    static var faultNodeURL: String? { variable("MQ_TEST_FAULT_URL") }

    private static func variable(_ name: String) -> String? {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { return nil }
        return value
    }
}
