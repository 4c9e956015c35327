import Foundation
import TestSupport
import Testing

// The fault tests mostly wait (for a broker to stop, a heartbeat to be missed, a process to end),
// so every helper that waits is async and sleeps with `Task.sleep`: a waiting test holds no
// thread, and the rest of the suite runs meanwhile.

/// A queue name for one test, deleted on the broker at `url` when the test ends (the `deletesFreshQueues` trait).
func freshQueue(_ prefix: String, url: String = TestBroker.url) -> String {
    FreshQueues.name("fault.\(prefix)", url: url)
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
