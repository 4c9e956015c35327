import AMQP10
import AMQP10Wire
import TestSupport
import Testing
import Transport

/// RabbitMQ at `MQ_TEST_URL`: 4.x speaks AMQP 1.0 natively (`/queues/Q`), 3.x through its plugin
/// (`/amq/queue/Q`); the version comes from the open frame's properties.
@Suite("RabbitMQ over AMQP 1.0", .enabled(if: AMQP10Peers.rabbitMQURL != nil, "set MQ_TEST_URL to a RabbitMQ"))
struct RabbitMQTests {
    private func connect(password: String? = nil) throws -> AMQP10Connection {
        var settings = try AMQP10Peers.settings(url: AMQP10Peers.rabbitMQURL ?? "")
        if let password { settings.password = password }
        return try AMQP10Connection.open(settings)
    }

    /// Runs `scenario` on a fresh durable queue, deleted afterwards.
    private func withQueue(_ scenario: (AMQP10Connection, String) throws -> Void) throws {
        let queue = TestBroker.uniqueName("amqp10")
        try AMQP10Peers.declareQueue(queue)
        defer { AMQP10Peers.deleteQueue(queue) }
        let connection = try connect()
        defer { connection.close() }
        try scenario(
            connection, AMQP10Peers.queueAddress(queue, majorVersion: AMQP10Peers.majorVersion(of: connection)))
    }

    @Test("publishes N messages, all accepted, and consumes and settles the same N in order")
    func publishAndConsume() throws {
        try withQueue { try Scenarios.publishAndConsume($0, address: $1) }
    }

    @Test("a 300 KB message crosses in several frames both ways")
    func largeMessage() throws {
        try withQueue { try Scenarios.largeMessage($0, address: $1) }
    }

    @Test("a released message comes back, and a rejected one is gone")
    func releaseComesBack() throws {
        try withQueue { try Scenarios.releaseComesBack($0, address: $1) }
    }

    private static let drainCrashOn3x = Comment(
        rawValue: "RabbitMQ 3.x's AMQP 1.0 plugin fails a drain on a classic queue with amqp:internal-error "
            + "(function_clause in rabbit_classic_queue:handle_event, send_drained)")

    @Test("fetchOne takes one message with a drain, and nil once the drain finds the queue empty")
    func fetchOne() throws {
        try withQueue { connection, address in
            try withKnownIssue(Self.drainCrashOn3x) {
                try Scenarios.fetchOne(connection, address: address)
            } when: {
                AMQP10Peers.majorVersion(of: connection) < 4
            }
        }
    }

    @Test("a wait for deliveries ends when a watched descriptor is ready")
    func watchesDescriptor() throws {
        try withQueue { try Scenarios.watchesDescriptor($0, address: $1) }
    }

    @Test("the open frame says which RabbitMQ it is")
    func properties() throws {
        let connection = try connect()
        defer { connection.close() }
        guard case .string(let product)? = connection.peerProperties?[symbol: "product"] else {
            Issue.record("no product property")
            return
        }
        #expect(product == "RabbitMQ")
        #expect(AMQP10Peers.majorVersion(of: connection) >= 3)
    }

    @Test("receiving from a missing queue fails with amqp:not-found naming it")
    func missingQueue() throws {
        let connection = try connect()
        defer { connection.close() }
        let queue = TestBroker.uniqueName("missing")
        let address = AMQP10Peers.queueAddress(queue, majorVersion: AMQP10Peers.majorVersion(of: connection))
        let error = #expect(throws: AMQP10Error.self) {
            let receiver = try connection.openReceiver(address: address, credit: 1, deadline: .after(seconds: 10))
            _ = try receiver.nextDelivery(deadline: .after(seconds: 5))
        }
        #expect(error?.condition == "amqp:not-found")
        #expect(error?.description.contains(queue) == true)
    }

    @Test("a wrong password is a refused login")
    func badPassword() throws {
        let error = #expect(throws: AMQP10Error.self) { try connect(password: "not-the-password") }
        #expect(error == .authenticationFailed(mechanism: "PLAIN", code: .auth))
        #expect(error?.isAccessRefused == true)
    }

    @Test("a message no queue takes is released on RabbitMQ 4 (3.x accepts and drops it)")
    func unroutable() throws {
        let connection = try connect()
        defer { connection.close() }
        let major = AMQP10Peers.majorVersion(of: connection)
        let key = TestBroker.uniqueName("unbound")
        let address = major >= 4 ? "/exchanges/amq.direct/\(key)" : "/exchange/amq.direct/\(key)"
        let sender = try connection.openSender(address: address, deadline: .after(seconds: 10))
        let id = try sender.send(.text("nowhere"), deadline: .after(seconds: 10))
        #expect(try sender.waitForOutcomes(deadline: .after(seconds: 10)))
        let outcome: Outcome = major >= 4 ? .released : .accepted
        #expect(sender.takeOutcomes() == [DeliveryOutcome(deliveryID: id, outcome: outcome)])
    }

    @Test("an unknown vhost is refused: unauthorized-access on 3.x; 4.0 drops the connection without a close")
    func unknownVirtualHost() throws {
        let major = try {
            let connection = try connect()
            defer { connection.close() }
            return AMQP10Peers.majorVersion(of: connection)
        }()
        var settings = try AMQP10Peers.settings(url: AMQP10Peers.rabbitMQURL ?? "")
        settings.virtualHost = TestBroker.uniqueName("no-such-vhost")
        let error = #expect(throws: AMQP10Error.self) { try AMQP10Connection.open(settings) }
        if major >= 4 {
            guard case .connectionLost = error else {
                Issue.record("not a lost connection: \(String(describing: error))")
                return
            }
        } else {
            #expect(error?.condition == "amqp:unauthorized-access")
            #expect(error?.isAccessRefused == true)
        }
    }
}
