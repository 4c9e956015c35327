import Synchronization
import TestSupport
import Testing

@Suite("The fresh-queue fixture", .needsBroker, .timeLimit(.minutes(5)))
struct FreshQueueTests {
    struct Thrown: Error {}

    @Test("a queue a test named with freshQueue is gone once the test ends, even when it threw")
    func deletedAfterAThrow() async throws {
        let named = Mutex("")
        await #expect(throws: Thrown.self) {
            try await FreshQueues.deletingAfterwards {
                let queue = freshQueue("fixture")
                named.withLock { $0 = queue }
                #expect(try mq("declare", "queue", queue).status == 0)
                throw Thrown()
            }
        }
        let queue = named.withLock { $0 }
        let passive = try mq("declare", "queue", queue, "--passive")
        #expect(passive.status == 1, "\(passive.stderr)")
        #expect(passive.stderr.contains("NOT_FOUND"), "\(passive.stderr)")
    }
}
