import AMQP
import AMQPWire
import TestSupport
import Testing

@Suite("Connecting to a real RabbitMQ", .needsBroker, .timeLimit(.minutes(5)))
struct ConnectionBrokerTests {
    @Test("the handshake opens a connection and close ends it cleanly")
    func handshakeAndClose() throws {
        let connection = try TestBroker.connect()
        #expect(connection.serverProperties["product"]?.stringValue == "RabbitMQ")
        #expect(connection.tuning.frameMax == 131_072)
        #expect(connection.tuning.heartbeat == 60)
        let channel = try connection.openChannel()
        try channel.close()
        connection.close()
        #expect(throws: AMQPError.self) { try connection.openChannel() }
    }

    @Test("a wrong password is access refused, and the error does not show it")
    func wrongPassword() throws {
        var settings = try TestBroker.settings()
        settings.password = "not-the-password-3141"
        let error = try #require(throws: AMQPError.self) { try Connection.open(settings) }
        guard case .accessRefused(let user, _) = error else {
            Issue.record("expected accessRefused, got \(error)")
            return
        }
        #expect(user == settings.user)
        #expect(!"\(error)".contains("not-the-password-3141"))
    }

    @Test("an unknown vhost is refused with a message naming it")
    func unknownVhost() throws {
        var settings = try TestBroker.settings()
        settings.virtualHost = "no-such-vhost-\(UInt16.random(in: 0...9999))"
        let error = try #require(throws: AMQPError.self) { try Connection.open(settings) }
        guard case .vhostRefused(let vhost, let reason) = error else {
            Issue.record("expected vhostRefused, got \(error)")
            return
        }
        #expect(vhost == settings.virtualHost)
        #expect(reason.replyCode == .notAllowed)
    }

    @Test("a closed port is a connect failure")
    func closedPort() throws {
        var settings = try TestBroker.settings()
        settings.port = 1
        let error = try #require(throws: AMQPError.self) { try Connection.open(settings) }
        guard case .transport(.connectFailed) = error else {
            Issue.record("expected connectFailed, got \(error)")
            return
        }
    }

    @Test("an unknown host name is a resolution failure")
    func unknownHost() throws {
        var settings = try TestBroker.settings()
        settings.host = "no-such-host.invalid"
        let error = try #require(throws: AMQPError.self) { try Connection.open(settings) }
        guard case .transport(.hostNotFound) = error else {
            Issue.record("expected hostNotFound, got \(error)")
            return
        }
    }
}
