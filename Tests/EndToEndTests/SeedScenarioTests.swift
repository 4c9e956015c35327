import TestSupport
import Testing

@Suite("The seed scenario, exactly as a user types it", .needsBroker, .deletesFreshQueues, .timeLimit(.minutes(5)))
struct SeedScenarioTests {
    @Test("declare, publish 'Hello World!', consume one: it prints Hello World!")
    func seed() throws {
        let queue = freshQueue("fila_notificacoes")
        let declared = try mq("declare", "queue", queue)
        #expect(declared.status == 0)
        #expect(declared.stdout == "queue '\(queue)': 0 messages, 0 consumers\n")
        let published = try mq("publish", "--queue", queue, "Hello World!")
        #expect(published.status == 0)
        #expect(published.stdout.isEmpty)
        #expect(published.stderr.isEmpty)
        let consumed = try mq("consume", queue, "--count", "1")
        #expect(consumed.status == 0)
        #expect(consumed.stdout == "Hello World!\n")
    }
}
