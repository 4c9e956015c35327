import AMQPWire
import Transport

/// A synchronous AMQP 0-9-1 connection: one socket, driven by whoever calls it.
///
/// Nothing runs in the background. Every wait (for a reply, a delivery or a confirm) reads frames
/// and sends heartbeats until its deadline, so a CLI needs no threads and never hangs.
public final class Connection {
    /// What we asked for.
    public let settings: ConnectionSettings
    /// The limits agreed with the broker.
    public private(set) var tuning: Tuning
    /// What the broker said about itself in `connection.start` (product, version, capabilities).
    public private(set) var serverProperties: FieldTable
    /// The reason the broker gave in `connection.blocked`, until `connection.unblocked`.
    public private(set) var blockedReason: String?
    /// Called when the broker blocks (with its reason) or unblocks (with nil) this connection.
    public var onBlockedChange: ((String?) -> Void)?

    let transport: FrameTransport
    private var channels = ChannelTable()
    /// Set once the connection can no longer be used; every later call throws it.
    private var failure: AMQPError?

    /// Connects over TCP and performs the handshake, all within `settings.connectionTimeout`.
    ///
    /// - Parameter name: shown as the connection's name in the management UI.
    public static func open(_ settings: ConnectionSettings, name: String? = nil) throws(AMQPError) -> Connection {
        let deadline = Deadline.after(seconds: settings.connectionTimeout)
        let stream: any ByteStream
        do throws(TransportError) {
            stream = try Endpoint.open(
                host: settings.host, port: settings.port, tls: settings.useTLS ? settings.tls : nil, timeout: settings.connectionTimeout,
                deadline: deadline)
        } catch {
            throw .transport(error)
        }
        return try Connection(stream: stream, settings: settings, name: name, deadline: deadline)
    }

    /// Performs the handshake over an already connected stream (a socket, TLS, or a test peer).
    public init(stream: ByteStream, settings: ConnectionSettings, name: String? = nil, deadline: Deadline) throws(AMQPError) {
        self.settings = settings
        transport = FrameTransport(stream: stream)
        var handshake = Handshake(settings: settings, clientProperties: ClientProperties.table(settings.client, connectionName: name))
        do throws(AMQPError) {
            try transport.send(raw: ProtocolHeader.bytes, deadline: deadline)
            while true {
                guard let frame = try transport.nextFrame(deadline: deadline, heartbeat: nil) else {
                    throw AMQPError.transport(.connectTimedOut(host: settings.host, port: settings.port, seconds: settings.connectionTimeout))
                }
                // The broker may start heartbeats once tune-ok is sent, before open-ok.
                if case .heartbeat = frame { continue }
                guard case .method(0, let method) = frame else {
                    throw AMQPError.protocolViolation(.frameDuringHandshake(channel: frame.channel))
                }
                switch handshake.receive(method) {
                case .send(let methods):
                    for method in methods { try transport.send(method: method.payload, channel: 0) }
                    try transport.flush(deadline: deadline)
                case .opened(let agreed):
                    tuning = agreed
                    serverProperties = handshake.serverProperties
                    transport.startHeartbeats(interval: agreed.heartbeat, frameMax: agreed.frameMax)
                    return
                case .fail(let error, let acknowledgeClose):
                    if acknowledgeClose {
                        try? transport.send(method: ConnectionCloseOk(), channel: 0)
                        try? transport.flush(deadline: deadline)
                    }
                    throw error
                }
            }
        } catch {
            transport.close()
            if case .connectionLost = error { throw handshake.errorForEndOfStream() }
            throw error
        }
    }

    deinit { transport.close() }

    /// Opens a new channel on the lowest free channel number.
    ///
    /// Does not wait for `open-ok`: `channel.open` travels with the channel's first method, which
    /// saves a round trip, and the reply is checked when it arrives.
    public func openChannel() throws(AMQPError) -> Channel {
        try checkUsable()
        let limit = tuning.channelMax == 0 ? UInt16.max : tuning.channelMax
        guard let number = (1...limit).first(where: { channels[$0] == nil }) else {
            throw .invalidArgument(.channelsExhausted(limit: Int(limit)))
        }
        let state = ChannelState(number: number)
        channels[number] = state
        let channel = Channel(connection: self, state: state)
        do {
            try channel.sendOwingReply(ChannelOpen(), reply: ChannelOpenOk.self)
        } catch {
            channels[number] = nil
            throw error
        }
        return channel
    }

    /// Closes the connection cleanly (`connection.close`, then waiting for `close-ok`).
    ///
    /// The broker requeues every unacknowledged delivery. Safe to call more than once.
    public func close(deadline: Deadline = .after(seconds: 5)) {
        guard failure == nil else { return transport.close() }
        failure = .closed(.connection)
        do {
            try transport.send(method: ConnectionClose(replyCode: ReplyCode.success.rawValue, replyText: "closed by mq"), channel: 0)
            try transport.flush(deadline: deadline)
            while let frame = try transport.nextFrame(deadline: deadline, heartbeat: nil) {
                if case .method(0, .connectionCloseOk) = frame { break }
                if case .method(0, .connectionClose) = frame {
                    try transport.send(method: ConnectionCloseOk(), channel: 0)
                    try transport.flush(deadline: deadline)
                    break
                }
            }
        } catch {
            // The connection is going away either way.
        }
        transport.close()
    }

    /// Reads and dispatches frames until `ready` returns a value or `deadline` passes (nil).
    ///
    /// This is the one loop every wait runs through: it flushes what we have to send, sends
    /// heartbeats when we have been quiet, and fails the connection when the broker goes silent.
    func wait<T>(until deadline: Deadline, for ready: () throws(AMQPError) -> T?) throws(AMQPError) -> T? {
        try checkUsable()
        do {
            while true {
                try transport.flush()
                if let value = try ready() { return value }
                guard let frame = try transport.nextFrame(deadline: deadline, heartbeat: transport.heartbeat) else { return nil }
                try dispatch(frame)
            }
        } catch {
            throw failing(error)
        }
    }

    /// Keeps the connection serviced (heartbeats, confirms, returns, blocked, closes) until
    /// `descriptor` is ready for `events`, giving poll's `revents`, or `deadline` passes (nil).
    ///
    /// How mq waits for its input or for room in its output without leaving the broker unattended.
    public func wait(forDescriptor descriptor: Int32, events: Int16, until deadline: Deadline) throws(AMQPError) -> Int16? {
        let waited: Waited<Never> = try wait(until: deadline, watching: descriptor, events: events) { nil }
        switch waited {
        case .descriptor(let revents): return revents
        case .timedOut: return nil
        }
    }

    /// What a wait that also watches another descriptor ended with.
    enum Waited<T> {
        /// `ready` gave a value.
        case ready(T)
        /// The other descriptor is ready, with poll's `revents`.
        case descriptor(Int16)
        case timedOut
    }

    /// `wait(until:for:)` that also ends when `descriptor` is ready for `events` (with zero
    /// events: when poll reports it hung up or failed, as a pipe does once its reader closed).
    func wait<T>(
        until deadline: Deadline, watching descriptor: Int32, events: Int16, for ready: () throws(AMQPError) -> T?
    ) throws(AMQPError) -> Waited<T> {
        try checkUsable()
        do {
            while true {
                try transport.flush()
                if let value = try ready() { return .ready(value) }
                switch try transport.nextFrame(deadline: deadline, heartbeat: transport.heartbeat, orDescriptor: descriptor, events: events) {
                case .frame(let frame): try dispatch(frame)
                case .descriptor(let revents): return .descriptor(revents)
                case .timedOut: return .timedOut
                }
            }
        } catch {
            throw failing(error)
        }
    }

    /// Marks the connection failed by `error` unless it concerns one channel only; gives it back.
    private func failing(_ error: AMQPError) -> AMQPError {
        switch error {
        case .channelClosed, .consumerCancelled, .closed:
            // About one channel (`ready` threw it); the connection itself is fine.
            return error
        default:
            break
        }
        if failure == nil {
            failure = error
            if case .protocolViolation(let violation) = error { sayGoodbye(for: violation) }
            transport.close()
        }
        return error
    }

    /// Tells the broker why the connection ends when it broke the protocol: connection.close with
    /// the reply code the spec asks for (501, 502, 503 or 505) and the violation in words, without
    /// waiting for its close-ok (the socket closes next either way).
    private func sayGoodbye(for violation: ProtocolViolation) {
        var text = "\(violation.replyCode.name) - \(violation)"
        while text.utf8.count > 255 { text.removeLast() }
        try? transport.send(method: ConnectionClose(replyCode: violation.replyCode.rawValue, replyText: text), channel: 0)
        try? transport.flush(deadline: .after(seconds: 1))
    }

    /// Keeps the connection serviced (heartbeats, incoming frames) until `deadline`, doing
    /// nothing else: how a paced publisher waits between messages.
    public func pause(until deadline: Deadline) throws(AMQPError) {
        let _: Bool? = try wait(until: deadline) { nil }
    }

    /// Queues a frame for sending; it goes out at the next flush or wait.
    func send<M: MethodPayload>(_ method: M, channel: UInt16) throws(AMQPError) {
        try checkUsable()
        try transport.send(method: method, channel: channel)
    }

    /// Sends what is queued now, without waiting for anything to arrive.
    public func flush() throws(AMQPError) {
        try checkUsable()
        try transport.flush()
    }

    func forget(channel number: UInt16) { channels[number] = nil }

    private func checkUsable() throws(AMQPError) {
        if let failure { throw failure }
    }

    private func dispatch(_ frame: consuming Frame) throws(AMQPError) {
        switch frame {
        case .heartbeat: return
        case .method(0, let method): try handleConnectionMethod(method)
        case .method(let number, _), .header(let number, _), .body(let number, _):
            guard let state = channels[number] else {
                throw .protocolViolation(.frameOnClosedChannel(number))
            }
            for reply in try state.receive(frame) {
                try transport.send(method: reply.payload, channel: number)
            }
        }
    }

    private func handleConnectionMethod(_ method: Method) throws(AMQPError) {
        switch method {
        case .connectionClose(let close):
            try? transport.send(method: ConnectionCloseOk(), channel: 0)
            try? transport.flush(deadline: .after(seconds: 1))
            throw .connectionClosed(
                CloseReason(
                    replyCode: ReplyCode(rawValue: close.replyCode), replyText: close.replyText, classID: close.classId, methodID: close.methodId))
        case .connectionBlocked(let blocked):
            blockedReason = blocked.reason
            onBlockedChange?(blocked.reason)
        case .connectionUnblocked:
            blockedReason = nil
            onBlockedChange?(nil)
        default:
            throw .protocolViolation(.unexpectedOnConnection(method.id))
        }
    }
}
