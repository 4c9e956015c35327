import AMQPWire

/// What the client sent during a `FakeBroker.handshake`.
public struct BrokerHandshake: Sendable {
    /// The eight octets the client opened with.
    public var protocolHeader: [UInt8]
    public var startOk: ConnectionStartOk
    public var tuneOk: ConnectionTuneOk
    public var open: ConnectionOpen
}

extension FakeBroker {
    /// What RabbitMQ says about itself in `connection.start`.
    public static let serverProperties: FieldTable = [
        "product": .string("RabbitMQ"),
        "version": .string("4.1.0"),
        "capabilities": .table([
            "publisher_confirms": .boolean(true),
            "consumer_cancel_notify": .boolean(true),
            "basic.nack": .boolean(true),
            "connection.blocked": .boolean(true),
            "authentication_failure_close": .boolean(true),
        ]),
    ]

    /// RabbitMQ's default proposal in `connection.tune`.
    public static let defaultTune = ConnectionTune(channelMax: 2047, frameMax: 131_072, heartbeat: 60)

    /// `connection.start` as RabbitMQ sends it.
    public static let start = ConnectionStart(
        serverProperties: serverProperties, mechanisms: Array("AMQPLAIN PLAIN".utf8))

    /// Plays the broker's side of a successful handshake (spec 2.2.4) and returns what the
    /// client sent.
    ///
    /// - Parameter heartbeatBeforeOpenOk: sends a heartbeat between `open` and `open-ok`, as a
    ///   broker may once tuning is agreed.
    @discardableResult
    public func handshake(tune: ConnectionTune = defaultTune, heartbeatBeforeOpenOk: Bool = false) throws
        -> BrokerHandshake
    {
        let header = try readProtocolHeader()
        try send(Self.start)
        let startOk = try expect(ConnectionStartOk.self)
        try send(tune)
        let tuneOk = try expect(ConnectionTuneOk.self)
        let open = try expect(ConnectionOpen.self)
        if heartbeatBeforeOpenOk { try send(Frame.heartbeat) }
        try send(ConnectionOpenOk())
        return BrokerHandshake(protocolHeader: header, startOk: startOk, tuneOk: tuneOk, open: open)
    }

    /// Answers the client's `channel.open` on `channel`.
    public func acceptChannel(_ channel: UInt16 = 1) throws {
        _ = try expect(ChannelOpen.self, channel: channel)
        try send(ChannelOpenOk(), channel: channel)
    }

    /// Answers the client's `connection.close` and waits for it to close the socket; returns the
    /// client's close.
    @discardableResult
    public func acceptClose() throws -> ConnectionClose {
        let close = try expect(ConnectionClose.self)
        try send(ConnectionCloseOk())
        try expectEndOfStream()
        return close
    }
}

extension FakeBroker {
    /// Reads one `basic.publish` on `channel` with its content; returns the method and the body.
    public func expectPublish(channel: UInt16 = 1) throws -> (publish: BasicPublish, body: [UInt8]) {
        let publish = try expect(BasicPublish.self, channel: channel)
        return (publish, try expectContent(channel: channel).body)
    }

    /// Answers the client's `confirm.select` on `channel`.
    public func acceptConfirms(channel: UInt16 = 1) throws {
        _ = try expect(ConfirmSelect.self, channel: channel)
        try send(ConfirmSelectOk(), channel: channel)
    }

    /// Throws unless nothing but heartbeats arrives for `seconds`: the client is holding back.
    public func expectSilence(seconds: Double) throws {
        let saved = timeout
        timeout = seconds
        defer { timeout = saved }
        do {
            let frame = try receiveFrame()
            throw FakeBrokerError.unexpected("expected silence for \(seconds) s, got \(Self.describe(frame))")
        } catch FakeBrokerError.timedOut(_) {
            return
        }
    }

    /// Answers every synchronous method as RabbitMQ would (see `reply(to:)`) until the client
    /// sends `connection.close`, which it answers too, then waits for the socket to close.
    /// Returns every method the client sent on a channel, in order.
    @discardableResult
    public func answerUntilClose() throws -> [Method] {
        var received: [Method] = []
        while true {
            switch try receiveFrame() {
            case .method(0, .connectionClose):
                try send(ConnectionCloseOk())
                try expectEndOfStream()
                return received
            case .method(let channel, let method):
                received.append(method)
                if let reply = Self.reply(to: method) { try send(Frame.method(channel: channel, reply)) }
            case .header, .body, .heartbeat, .delivered:
                continue
            }
        }
    }
}
