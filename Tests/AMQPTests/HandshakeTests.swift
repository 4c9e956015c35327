import AMQPWire
import Testing

@testable import AMQP

@Suite("The connection handshake state machine")
struct HandshakeTests {
    static let password = "s3cr3t-Pw"
    let settings = ConnectionSettings(user: "user", password: password, virtualHost: "orders")

    func makeHandshake() -> Handshake {
        Handshake(
            settings: settings,
            clientProperties: ClientProperties.table(
                ClientIdentity(product: "mq", version: "9.9.9", information: "a test"), connectionName: "handshake-test"
            ))
    }

    /// A handshake that has answered `connection.start` and waits for tune.
    func afterStart() -> Handshake {
        var handshake = makeHandshake()
        _ = handshake.receive(.connectionStart(ConnectionStart()))
        return handshake
    }

    /// A handshake that has sent `connection.open` and waits for open-ok.
    func afterTune() -> Handshake {
        var handshake = afterStart()
        _ = handshake.receive(.connectionTune(ConnectionTune(channelMax: 2047, frameMax: 131_072, heartbeat: 60)))
        return handshake
    }

    func sent(_ action: Handshake.Action) -> [Method]? {
        if case .send(let methods) = action { methods } else { nil }
    }

    /// How an `.end` action ends the connection, and the error it leaves.
    func failure(_ action: Handshake.Action) -> (error: AMQPError, ending: ConnectionEnding)? {
        if case .end(let ending) = action { (ending.error, ending) } else { nil }
    }

    func startOk(from action: Handshake.Action) throws -> ConnectionStartOk {
        let methods = try #require(sent(action))
        guard methods.count == 1, case .connectionStartOk(let startOk) = methods[0] else {
            Issue.record("expected connection.start-ok, got \(methods.map(\.name))")
            throw AMQPError.protocolViolation(.methodDuringHandshake(ConnectionStartOk.id))
        }
        return startOk
    }

    @Test("start, tune, open-ok: the normal path opens with the agreed tuning")
    func normalPath() throws {
        var handshake = makeHandshake()
        let properties: FieldTable = ["product": .string("RabbitMQ")]
        _ = try startOk(from: handshake.receive(.connectionStart(ConnectionStart(serverProperties: properties))))
        #expect(handshake.serverProperties == properties)

        let tune = handshake.receive(.connectionTune(ConnectionTune(channelMax: 100, frameMax: 65_536, heartbeat: 0)))
        #expect(
            sent(tune) == [
                .connectionTuneOk(ConnectionTuneOk(channelMax: 100, frameMax: 65_536, heartbeat: 60)),
                .connectionOpen(ConnectionOpen(virtualHost: "orders")),
            ])

        guard case .opened(let tuning) = handshake.receive(.connectionOpenOk(ConnectionOpenOk())) else {
            Issue.record("expected the connection to open")
            return
        }
        #expect(tuning == Tuning(channelMax: 100, frameMax: 65_536, heartbeat: 60))
    }

    @Test("start-ok answers with PLAIN, the response \\0user\\0password and locale en_US")
    func plainResponse() throws {
        var handshake = makeHandshake()
        let startOk = try startOk(
            from: handshake.receive(.connectionStart(ConnectionStart(mechanisms: Array("AMQPLAIN PLAIN".utf8)))))
        #expect(startOk.mechanism == "PLAIN")
        #expect(startOk.response == [0] + Array("user".utf8) + [0] + Array(Self.password.utf8))
        #expect(startOk.locale == "en_US")
    }

    @Test("start-ok names the product the program gave and claims every RabbitMQ capability we handle")
    func clientProperties() throws {
        var handshake = makeHandshake()
        let properties = try startOk(from: handshake.receive(.connectionStart(ConnectionStart()))).clientProperties
        #expect(properties["product"]?.stringValue == "mq")
        #expect(properties["version"]?.stringValue == "9.9.9")
        #expect(properties["information"]?.stringValue == "a test")
        #expect(properties["connection_name"]?.stringValue == "handshake-test")
        guard case .table(let capabilities) = properties["capabilities"] else {
            Issue.record("no capabilities table in \(properties)")
            return
        }
        for name in [
            "publisher_confirms", "consumer_cancel_notify", "exchange_exchange_bindings", "basic.nack",
            "connection.blocked", "authentication_failure_close", "per_consumer_qos",
        ] {
            #expect(capabilities[name] == .boolean(true), "capability \(name)")
        }
    }

    @Test("a server of another protocol version is unsupported", arguments: [(0, 8), (1, 0), (0, 10)])
    func wrongVersion(major: UInt8, minor: UInt8) throws {
        var handshake = makeHandshake()
        let result = try #require(
            failure(handshake.receive(.connectionStart(ConnectionStart(versionMajor: major, versionMinor: minor)))))
        guard case .unsupportedProtocol(let version) = result.error else {
            Issue.record("expected unsupportedProtocol, got \(result.error)")
            return
        }
        #expect(version == "\(major)-\(minor)")
        #expect(result.ending == .dropping(result.error))
    }

    @Test("a server without the asked-for mechanism refuses access, naming what it offers")
    func noPlain() throws {
        var handshake = makeHandshake()
        let result = try #require(
            failure(handshake.receive(.connectionStart(ConnectionStart(mechanisms: Array("AMQPLAIN EXTERNAL".utf8))))))
        #expect(
            result.error
                == .accessRefused(user: "user", .mechanismNotOffered(.plain, offered: ["AMQPLAIN", "EXTERNAL"])))
        #expect("\(result.error)".contains("AMQPLAIN, EXTERNAL"))
    }

    @Test("connection.close with 403 after start-ok is access refused, without the password")
    func accessRefused() throws {
        var handshake = afterStart()
        let close = ConnectionClose(
            replyCode: 403,
            replyText:
                "ACCESS_REFUSED - Login was refused using authentication mechanism PLAIN. For details see the broker "
                + "logfile."
        )
        let result = try #require(failure(handshake.receive(.connectionClose(close))))
        #expect(
            result.error
                == .accessRefused(
                    user: "user", .closedByBroker(CloseReason(replyCode: .accessRefused, replyText: close.replyText))))
        #expect("\(result.error)".hasPrefix("access refused for user 'user': Login was refused"))
        #expect(result.ending == .acknowledging(result.error))
        #expect(result.error.replyCode == .accessRefused)
        #expect(!"\(result.error)".contains(Self.password))
    }

    @Test("connection.close with 530 in answer to open is vhost refused")
    func notAllowedOnOpen() throws {
        var handshake = afterTune()
        let close = ConnectionClose(
            replyCode: 530, replyText: "NOT_ALLOWED - vhost orders not found", classId: 10, methodId: 40)
        let result = try #require(failure(handshake.receive(.connectionClose(close))))
        guard case .vhostRefused(let vhost, let reason) = result.error else {
            Issue.record("expected vhostRefused, got \(result.error)")
            return
        }
        #expect(vhost == "orders")
        #expect(reason.replyCode == .notAllowed)
        #expect(reason.methodName == "connection.open")
        #expect(result.ending == .acknowledging(result.error))
        #expect("\(result.error)" == "vhost 'orders': NOT_ALLOWED (530) - vhost orders not found")
    }

    @Test("connection.close with 403 in answer to open is vhost refused (no permission on it)")
    func accessRefusedOnOpen() throws {
        var handshake = afterTune()
        let close = ConnectionClose(
            replyCode: 403, replyText: "ACCESS_REFUSED - access to vhost 'orders' refused for user 'user'", classId: 10,
            methodId: 40)
        let result = try #require(failure(handshake.receive(.connectionClose(close))))
        #expect(
            result.error
                == .vhostRefused(
                    vhost: "orders",
                    reason: CloseReason(
                        replyCode: .accessRefused, replyText: close.replyText, classID: 10, methodID: 40)))
    }

    @Test("another connection.close during the handshake is connection closed")
    func otherClose() throws {
        var handshake = afterTune()
        let close = ConnectionClose(replyCode: 541, replyText: "INTERNAL_ERROR")
        let result = try #require(failure(handshake.receive(.connectionClose(close))))
        #expect(result.error == .connectionClosed(CloseReason(replyCode: .internalError, replyText: "INTERNAL_ERROR")))
        #expect(result.error.replyCode == .internalError)
    }

    @Test(
        "a method out of turn is a protocol violation",
        arguments: [
            Method.connectionOpenOk(ConnectionOpenOk()),
            .connectionTune(ConnectionTune()),
            .channelOpenOk(ChannelOpenOk()),
        ])
    func unexpectedBeforeStart(method: Method) throws {
        var handshake = makeHandshake()
        let result = try #require(failure(handshake.receive(method)))
        #expect(result.ending == .reporting(.methodDuringHandshake(method.id)))
    }

    @Test(
        "connection.secure, a second start, or open-ok before tune are protocol violations",
        arguments: [
            Method.connectionSecure(ConnectionSecure()),
            .connectionStart(ConnectionStart()),
            .connectionOpenOk(ConnectionOpenOk()),
        ])
    func unexpectedAfterStart(method: Method) throws {
        var handshake = afterStart()
        let result = try #require(failure(handshake.receive(method)))
        #expect(
            result.error
                == .protocolViolation(
                    method.id == ConnectionSecure.id ? .secureChallenge : .methodDuringHandshake(method.id)))
    }

    @Test("a second tune while waiting for open-ok is a protocol violation")
    func unexpectedAfterTune() throws {
        var handshake = afterTune()
        let result = try #require(failure(handshake.receive(.connectionTune(ConnectionTune()))))
        #expect(result.error == .protocolViolation(.methodDuringHandshake(ConnectionTune.id)))
    }

    @Test("nothing is accepted once the handshake has failed")
    func afterFailure() throws {
        var handshake = makeHandshake()
        _ = handshake.receive(.connectionStart(ConnectionStart(versionMinor: 8)))
        let result = try #require(failure(handshake.receive(.connectionTune(ConnectionTune()))))
        #expect(result.error == .protocolViolation(.methodDuringHandshake(ConnectionTune.id)))
    }

    @Test("a frame_max below the 4096-byte minimum from the server is a protocol violation")
    func tinyFrameMax() throws {
        var handshake = afterStart()
        let result = try #require(
            failure(handshake.receive(.connectionTune(ConnectionTune(channelMax: 0, frameMax: 4095, heartbeat: 0)))))
        #expect(result.error == .protocolViolation(.frameMaxTooSmall(proposed: 4095, minimum: 4096)))
    }

    @Test("frame_max 0 from the server means no limit of its own: ours applies")
    func zeroFrameMax() throws {
        var handshake = afterStart()
        let methods = try #require(
            sent(handshake.receive(.connectionTune(ConnectionTune(channelMax: 0, frameMax: 0, heartbeat: 0)))))
        #expect(
            methods.first == .connectionTuneOk(ConnectionTuneOk(channelMax: 2047, frameMax: 131_072, heartbeat: 60)))
    }

    @Test(
        "a heartbeat is skipped, and a frame on a channel is a violation reported with 505", arguments: [UInt16(1), 7])
    func channelFrameDuringHandshake(channel: UInt16) throws {
        var handshake = afterStart()
        #expect(sent(handshake.receive(Frame.heartbeat)) == [])
        let result = try #require(
            failure(handshake.receive(Frame.method(channel: channel, .channelOpenOk(ChannelOpenOk())))))
        #expect(result.ending == .reporting(.frameDuringHandshake(channel: channel)))
        #expect(ProtocolViolation.frameDuringHandshake(channel: channel).replyCode == .unexpectedFrame)
    }

    @Test("the socket closing after start-ok means the login was refused; elsewhere it is a lost connection")
    func endOfStream() {
        #expect(makeHandshake().errorForEndOfStream() == .connectionLost(.closedDuringHandshake))
        let refused = afterStart().errorForEndOfStream()
        #expect(refused == .accessRefused(user: "user", .closedDuringAuthentication))
        #expect(!"\(refused)".contains(Self.password))
        #expect(afterTune().errorForEndOfStream() == .connectionLost(.closedDuringHandshake))
    }
}

extension Handshake {
    /// Feeds one method on channel 0, as the connection does.
    mutating func receive(_ method: Method) -> Action { receive(Frame.method(channel: 0, method)) }
}
