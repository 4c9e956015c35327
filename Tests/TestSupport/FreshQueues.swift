import Synchronization

/// The queues one test names with `FreshQueues.name`, deleted when the test ends, whether it
/// passed, failed an expectation or threw: each test target with broker suites runs their tests
/// inside `deletingAfterwards` (its `deletesFreshQueues` trait), so a failing test leaves nothing
/// behind on the broker.
public final class FreshQueues: Sendable {
    /// The registry of the test running in this task, if it runs inside `deletingAfterwards`.
    @TaskLocal static var current: FreshQueues?

    private let made = Mutex<[(name: String, url: String)]>([])

    /// A queue name no other test uses, on the broker at `url`, deleted after the test.
    public static func name(_ prefix: String, url: String = TestBroker.url) -> String {
        let name = TestBroker.uniqueName(prefix)
        current?.made.withLock { $0.append((name, url)) }
        return name
    }

    /// Runs `test`, then deletes every queue named during it, however it ended.
    public static func deletingAfterwards(_ test: () async throws -> Void) async throws {
        let queues = FreshQueues()
        defer { queues.deleteAll() }
        try await $current.withValue(queues) { try await test() }
    }

    private func deleteAll() {
        for (name, url) in made.withLock({ $0 }) {
            _ = try? MQProcess.run(["delete", "queue", name], environment: ["MQ_URL": url], timeout: 30)
        }
    }
}
