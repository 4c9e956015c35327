import AMQP10
import AMQP10Wire
import Testing
import Transport

/// Qpid Proton's example broker at `MQ_TEST_AMQP10_URL`: an independent AMQP 1.0 implementation,
/// ANONYMOUS only, queues made on first use and named plainly.
@Suite(
    "Qpid Proton's broker over AMQP 1.0",
    .enabled(if: AMQP10Peers.protonURL != nil, "set MQ_TEST_AMQP10_URL to scripts/amqp10-peer url"))
struct ProtonTests {
    /// Runs `scenario` on a queue no other test uses.
    private func withQueue(_ scenario: (AMQP10Connection, String) throws -> Void) throws {
        let settings = try AMQP10Peers.settings(url: AMQP10Peers.protonURL ?? "")
        let connection = try AMQP10Connection.open(settings)
        defer { connection.close() }
        try scenario(connection, "mq-test.amqp10.\(UInt32.random(in: 0...UInt32.max))")
    }

    @Test("logs in with ANONYMOUS, publishes N and consumes the same N in order")
    func publishAndConsume() throws {
        try withQueue { try Scenarios.publishAndConsume($0, address: $1) }
    }

    @Test("a 300 KB message crosses in several frames both ways")
    func largeMessage() throws {
        try withQueue { try Scenarios.largeMessage($0, address: $1) }
    }

    @Test("fetchOne takes one message with a drain, and gives nil by its deadline on an empty queue")
    func fetchOne() throws {
        try withQueue { connection, address in
            let sender = try connection.openSender(address: address, deadline: .after(seconds: 10))
            _ = try sender.send(.text("one"), deadline: .after(seconds: 10))
            #expect(try sender.waitForOutcomes(deadline: .after(seconds: 10)))
            let receiver = try connection.openReceiver(address: address, credit: 0, deadline: .after(seconds: 10))
            let delivery = try #require(try receiver.fetchOne(deadline: .after(seconds: 10)))
            #expect(delivery.message.dataBytes == Array("one".utf8))
            try receiver.settle(delivery.deliveryID, outcome: .accepted)
            // This broker leaves a drain unanswered, so the empty queue shows as the deadline passing.
            #expect(try receiver.fetchOne(deadline: .after(seconds: 0.5)) == nil)
        }
    }
}
