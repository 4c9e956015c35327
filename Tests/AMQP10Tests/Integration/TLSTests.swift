import AMQP10
import AMQP10Wire
import TestSupport
import Testing
import Transport

/// RabbitMQ's TLS listener (`MQ_TEST_TLS_PORT`, with the test CA and client certificate in
/// `MQ_TEST_TLS_DIR`): PLAIN over TLS, and EXTERNAL with the client certificate (CN=guest).
@Suite(
    "RabbitMQ over AMQP 1.0 and TLS",
    .enabled(
        if: AMQP10Peers.rabbitMQURL != nil && TestBroker.tlsDirectory != nil,
        "set MQ_TEST_URL, MQ_TEST_TLS_PORT and MQ_TEST_TLS_DIR to a RabbitMQ with TLS"))
struct TLSTests {
    private func settings(clientCertificate: Bool) throws -> AMQP10ConnectionSettings {
        let directory = TestBroker.tlsDirectory ?? ""
        var settings = try AMQP10Peers.settings(url: AMQP10Peers.rabbitMQURL ?? "")
        // The server certificate names localhost only.
        settings.host = "localhost"
        settings.port = TestBroker.tlsPort
        settings.tls = TLSOptions(
            caFile: directory + "/ca.pem", certificateFile: clientCertificate ? directory + "/client.pem" : nil,
            keyFile: clientCertificate ? directory + "/client.key" : nil)
        if clientCertificate { settings.password = nil }
        return settings
    }

    /// Opens a connection and a sender and receiver on a fresh queue, and sends one message round.
    private func roundTrip(_ settings: AMQP10ConnectionSettings) throws {
        let queue = TestBroker.uniqueName("amqp10-tls")
        try AMQP10Peers.declareQueue(queue)
        defer { AMQP10Peers.deleteQueue(queue) }
        let connection = try AMQP10Connection.open(settings)
        defer { connection.close() }
        let address = AMQP10Peers.queueAddress(queue, majorVersion: AMQP10Peers.majorVersion(of: connection))
        let sender = try connection.openSender(address: address, deadline: .after(seconds: 10))
        _ = try sender.send(.text("over TLS"), deadline: .after(seconds: 10))
        #expect(try sender.waitForOutcomes(deadline: .after(seconds: 10)))
        #expect(sender.takeOutcomes().map(\.outcome) == [.accepted])
        let receiver = try connection.openReceiver(address: address, credit: 1, deadline: .after(seconds: 10))
        let delivery = try #require(try receiver.nextDelivery(deadline: .after(seconds: 10)))
        #expect(delivery.message.dataBytes == Array("over TLS".utf8))
        try receiver.settle(delivery.deliveryID, outcome: .accepted)
    }

    @Test("logs in with PLAIN over TLS and sends and receives a message")
    func plain() throws {
        let settings = try settings(clientCertificate: false)
        #expect(settings.credentials.mechanism == "PLAIN")
        try roundTrip(settings)
    }

    @Test("logs in with EXTERNAL as the client certificate's CN")
    func external() throws {
        let settings = try settings(clientCertificate: true)
        #expect(settings.credentials == .external)
        try roundTrip(settings)
    }
}
