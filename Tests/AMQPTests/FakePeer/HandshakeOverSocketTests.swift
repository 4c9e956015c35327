import AMQP
import AMQPWire
import TestSupport
import Testing

@Suite("The handshake and close against a scripted broker", .timeLimit(.minutes(5)))
struct HandshakeOverSocketTests {
    @Test("a full handshake opens the connection, and close ends it with close-ok")
    func handshakeAndClose() throws {
        let (client, peer) = try FakePeer.start { broker in
            let handshake = try broker.handshake()
            let close = try broker.acceptClose()
            return (handshake, close)
        }
        let connection = try connect(
            client, settings: ConnectionSettings(user: "alice", password: "wonderland", virtualHost: "shop"),
            name: "orders-cli")
        #expect(connection.serverProperties == FakeBroker.serverProperties)
        connection.close(deadline: .after(seconds: 5))

        let (handshake, close) = try peer.finish()
        #expect(handshake.protocolHeader == Array("AMQP".utf8) + [0, 0, 9, 1])
        #expect(handshake.startOk.mechanism == "PLAIN")
        #expect(handshake.startOk.response == [0] + Array("alice".utf8) + [0] + Array("wonderland".utf8))
        #expect(handshake.startOk.clientProperties["product"]?.stringValue == ClientIdentity.library.product)
        #expect(handshake.startOk.clientProperties["connection_name"]?.stringValue == "orders-cli")
        #expect(handshake.open.virtualHost == "shop")
        #expect(close.replyCode == 200)
        #expect(close.classId == 0 && close.methodId == 0)
    }

    @Test("a closed connection refuses further use")
    func useAfterClose() throws {
        let (client, peer) = try FakePeer.start { broker in
            try broker.handshake()
            try broker.acceptClose()
        }
        let connection = try connect(client)
        connection.close(deadline: .after(seconds: 5))
        connection.close(deadline: .after(seconds: 5))
        let error = try #require(throws: AMQPError.self) { try connection.openChannel() }
        #expect(error == .closed(.connection))
        try peer.finish()
    }

    /// (broker's tune, agreed tuning) with the client's defaults 2047 / 131072 / 60.
    static let tunings: [(ConnectionTune, Tuning)] = [
        (
            ConnectionTune(channelMax: 100, frameMax: 65_536, heartbeat: 30),
            Tuning(channelMax: 100, frameMax: 65_536, heartbeat: 30)
        ),
        (
            ConnectionTune(channelMax: 0, frameMax: 0, heartbeat: 0),
            Tuning(channelMax: 2047, frameMax: 131_072, heartbeat: 60)
        ),
        (
            ConnectionTune(channelMax: 65_535, frameMax: 1_048_576, heartbeat: 600),
            Tuning(channelMax: 2047, frameMax: 131_072, heartbeat: 60)
        ),
    ]

    @Test("the tuning both sides agree on is sent in tune-ok and used by the connection", arguments: tunings)
    func negotiatedTuning(tune: ConnectionTune, agreed: Tuning) throws {
        let (client, peer) = try FakePeer.start { broker in
            let handshake = try broker.handshake(tune: tune)
            try broker.acceptClose()
            return handshake.tuneOk
        }
        let connection = try connect(client)
        #expect(connection.tuning == agreed)
        connection.close(deadline: .after(seconds: 5))
        let tuneOk = try peer.finish()
        #expect(Tuning(channelMax: tuneOk.channelMax, frameMax: tuneOk.frameMax, heartbeat: tuneOk.heartbeat) == agreed)
    }

    @Test("a heartbeat between open and open-ok is ignored")
    func heartbeatDuringHandshake() throws {
        let (client, peer) = try FakePeer.start { broker in
            try broker.handshake(heartbeatBeforeOpenOk: true)
            return try broker.acceptClose()
        }
        // The connection opens with the tuning offered, and closes normally, not for an unexpected frame.
        let connection = try connect(client)
        #expect(connection.tuning == Tuning(channelMax: 2047, frameMax: 131_072, heartbeat: 60))
        connection.close(deadline: .after(seconds: 5))
        #expect(try peer.finish().replyCode == 200)
    }

    @Test(
        "a server that answers with its own protocol header and closes is unsupported",
        arguments: [
            ([0, 0, 8, 0], "0-8-0"),
            ([1, 1, 8, 0], "1-8-0"),
            ([0, 1, 0, 0], "1-0-0"),
        ])
    func unsupportedProtocol(version: [UInt8], shown: String) throws {
        let (client, peer) = try FakePeer.start { broker in
            _ = try broker.readProtocolHeader()
            try broker.send(raw: Array("AMQP".utf8) + version)
            broker.close()
        }
        let error = try #require(throws: AMQPError.self) { try connect(client) }
        guard case .unsupportedProtocol(let serverVersion) = error else {
            Issue.record("expected unsupportedProtocol, got \(error)")
            return
        }
        #expect(serverVersion == shown)
        try peer.finish()
    }

    @Test("the broker closing the socket after start-ok (no tune) is access refused")
    func endOfStreamAfterStartOk() throws {
        let (client, peer) = try FakePeer.start { broker in
            _ = try broker.readProtocolHeader()
            try broker.send(FakeBroker.start)
            _ = try broker.expect(ConnectionStartOk.self)
            broker.close()
        }
        let settings = ConnectionSettings(user: "alice", password: "wonderland")
        let error = try #require(throws: AMQPError.self) { try connect(client, settings: settings) }
        guard case .accessRefused(let user, _) = error else {
            Issue.record("expected accessRefused, got \(error)")
            return
        }
        #expect(user == "alice")
        #expect(!"\(error)".contains("wonderland"))
        try peer.finish()
    }

    @Test("the broker closing the socket before connection.start is a lost connection")
    func endOfStreamBeforeStart() throws {
        let (client, peer) = try FakePeer.start { broker in
            _ = try broker.readProtocolHeader()
            broker.close()
        }
        let error = try #require(throws: AMQPError.self) { try connect(client) }
        #expect(error == .connectionLost(.closedDuringHandshake))
        try peer.finish()
    }

    @Test("connection.close 530 in answer to open is vhost refused, and the broker gets close-ok")
    func vhostRefused() throws {
        let (client, peer) = try FakePeer.start { broker in
            _ = try broker.readProtocolHeader()
            try broker.send(FakeBroker.start)
            _ = try broker.expect(ConnectionStartOk.self)
            try broker.send(FakeBroker.defaultTune)
            _ = try broker.expect(ConnectionTuneOk.self)
            let open = try broker.expect(ConnectionOpen.self)
            try broker.send(
                ConnectionClose(
                    replyCode: 530, replyText: "NOT_ALLOWED - vhost \(open.virtualHost) not found", classId: 10,
                    methodId: 40))
            _ = try broker.expect(ConnectionCloseOk.self)
            try broker.expectEndOfStream()
        }
        let error = try #require(throws: AMQPError.self) {
            try connect(client, settings: ConnectionSettings(virtualHost: "nope"))
        }
        #expect(
            error
                == .vhostRefused(
                    vhost: "nope",
                    reason: CloseReason(
                        replyCode: .notAllowed, replyText: "NOT_ALLOWED - vhost nope not found", classID: 10,
                        methodID: 40)))
        try peer.finish()
    }

    @Test("a broker that never answers fails the handshake at its deadline")
    func silentBroker() throws {
        let (client, peer) = try FakePeer.start { broker in
            _ = try broker.readProtocolHeader()
            broker.timeout = 10
            try broker.expectEndOfStream()
        }
        let error = try #require(throws: AMQPError.self) {
            try Connection(stream: client, settings: ConnectionSettings(), deadline: .after(seconds: 0.3))
        }
        #expect(
            error
                == .transport(
                    .connectTimedOut(
                        host: ConnectionSettings().host, port: ConnectionSettings().port,
                        seconds: ConnectionSettings().connectionTimeout))
        )
        try peer.finish()
    }
}
