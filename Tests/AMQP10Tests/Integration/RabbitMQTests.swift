import AMQP10
import AMQP10Wire
import TestSupport
import Testing
import Transport

@Suite("RabbitMQ over AMQP 1.0", .enabled(if: AMQP10Peers.rabbitMQURL != nil, "set MQ_TEST_URL to a RabbitMQ"))
struct RabbitMQTests {
    private func connect() throws -> AMQP10Connection {
        try AMQP10Connection.open(AMQP10Peers.settings(url: AMQP10Peers.rabbitMQURL ?? ""))
    }

    @Test("publishes N messages, all accepted, and consumes and settles the same N in order")
    func publishAndConsume() throws {
        let queue = TestBroker.uniqueName("amqp10")
        try AMQP10Peers.declareQueue(queue)
        defer { AMQP10Peers.deleteQueue(queue) }
        let connection = try connect()
        defer { connection.close() }
        let address = AMQP10Peers.queueAddress(queue, majorVersion: AMQP10Peers.majorVersion(of: connection))
        let sender = try connection.openSender(address: address, confirmWindow: 50, deadline: .after(seconds: 10))
        var sent: [UInt32] = []
        for index in 0..<200 {
            sent.append(try sender.send(.text("message \(index)"), deadline: .after(seconds: 10)))
        }
        #expect(try sender.waitForOutcomes(deadline: .after(seconds: 10)))
        let outcomes = sender.takeOutcomes()
        #expect(outcomes.count == 200)
        #expect(outcomes.allSatisfy { $0.outcome == .accepted })
        #expect(Set(outcomes.map(\.deliveryID)) == Set(sent))

        let receiver = try connection.openReceiver(address: address, credit: 20, deadline: .after(seconds: 10))
        for index in 0..<200 {
            let delivery = try #require(try receiver.nextDelivery(deadline: .after(seconds: 10)))
            #expect(delivery.message.dataBytes == Array("message \(index)".utf8))
            try receiver.settle(delivery.deliveryID, outcome: .accepted)
        }
        try receiver.flush()
        #expect(try receiver.nextDelivery(deadline: .after(seconds: 0.3)) == nil)
    }
}
