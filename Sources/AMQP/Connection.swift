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
    public var blockedReason: String? { machine.blockedReason }
    /// Called when the broker blocks (with its reason) or unblocks (with nil) this connection.
    public var onBlockedChange: ((String?) -> Void)?

    let transport: FrameTransport
    /// The protocol's state: the connection's and every open channel's.
    var machine = ConnectionMachine()

    /// Connects over TCP and performs the handshake, all within `settings.connectionTimeout`.
    ///
    /// - Parameter name: shown as the connection's name in the management UI.
    public static func open(_ settings: ConnectionSettings, name: String? = nil) throws(AMQPError) -> Connection {
        let deadline = Deadline.after(seconds: settings.connectionTimeout)
        let stream: any ByteStream
        do throws(TransportError) {
            stream = try Endpoint.open(
                host: settings.host, port: settings.port, tls: settings.useTLS ? settings.tls : nil,
                timeout: settings.connectionTimeout,
                deadline: deadline)
        } catch {
            throw .transport(error)
        }
        return try Connection(stream: stream, settings: settings, name: name, deadline: deadline)
    }

    /// Performs the handshake over an already connected stream (a socket, TLS, or a test peer).
    public init(stream: ByteStream, settings: ConnectionSettings, name: String? = nil, deadline: Deadline)
        throws(AMQPError)
    {
        self.settings = settings
        transport = FrameTransport(stream: stream)
        var handshake = Handshake(
            settings: settings, clientProperties: ClientProperties.table(settings.client, connectionName: name))
        switch Self.shakeHands(&handshake, over: transport, deadline: deadline) {
        case .opened(let agreed):
            tuning = agreed
            serverProperties = handshake.serverProperties
            transport.startHeartbeats(interval: agreed.heartbeat, frameMax: agreed.frameMax)
        case .ended(let ending):
            Self.carryOut(ending, on: transport)
            throw ending.error
        }
    }

    /// How a handshake came out.
    private enum HandshakeOutcome {
        case opened(Tuning)
        case ended(ConnectionEnding)
    }

    /// Runs the handshake to its end: open with the agreed tuning, or how the connection ends
    /// (what the server did wrong is reported to it as after the handshake).
    private static func shakeHands(_ handshake: inout Handshake, over transport: FrameTransport, deadline: Deadline)
        -> HandshakeOutcome
    {
        do throws(AMQPError) {
            try transport.send(raw: ProtocolHeader.bytes, deadline: deadline)
            while true {
                guard let frame = try transport.nextFrame(deadline: deadline, heartbeat: nil) else {
                    let settings = handshake.settings
                    return .ended(
                        .dropping(
                            .transport(
                                .connectTimedOut(
                                    host: settings.host, port: settings.port, seconds: settings.connectionTimeout))))
                }
                switch handshake.receive(frame) {
                case .send(let methods):
                    for method in methods { try transport.send(method: method.payload, channel: 0) }
                    try transport.flush(deadline: deadline)
                case .opened(let agreed): return .opened(agreed)
                case .end(let ending): return .ended(ending)
                }
            }
        } catch {
            switch error {
            case .connectionLost: return .ended(.dropping(handshake.errorForEndOfStream()))
            case .protocolViolation(let violation): return .ended(.reporting(violation))
            default: return .ended(.dropping(error))
            }
        }
    }

    deinit { transport.close() }

    /// True when bytes from the broker are buffered and not yet read as frames: the next wait
    /// starts on them without waiting for the socket.
    public var hasUnreadInput: Bool { transport.hasUnreadInput }

    /// The socket's descriptor: a wait on another connection can watch it (`wait(forDescriptor:)`)
    /// and then hand this one its turn (`pause(until: .now)`).
    public var descriptor: Int32 { transport.descriptor }

    /// Opens a new channel on the lowest free channel number.
    ///
    /// Does not wait for `open-ok`: `channel.open` travels with the channel's first method, which
    /// saves a round trip, and the reply is checked when it arrives.
    public func openChannel() throws(AMQPError) -> Channel {
        try checkUsable()
        let limit = tuning.channelMax == 0 ? UInt16.max : tuning.channelMax
        guard let number = machine.channels.firstFree(upTo: limit) else {
            throw .invalidArgument(.channelsExhausted(limit: Int(limit)))
        }
        let cell = ChannelCell(ChannelMachine(number: number))
        machine.channels.add(cell)
        let channel = Channel(connection: self, cell: cell)
        do {
            try channel.sendOwingReply(ChannelOpen(), reply: ChannelOpenOk.self)
        } catch {
            machine.channels.remove(number)
            throw error
        }
        return channel
    }

    /// Closes the connection cleanly (`connection.close`, then waiting for `close-ok`).
    ///
    /// The broker requeues every unacknowledged delivery. Safe to call more than once.
    public func close(deadline: Deadline = .after(seconds: 5)) {
        do {
            try perform(machine.close())
            guard case .closing = machine.state else { return transport.close() }
            try transport.flush(deadline: deadline)
            // Ends (by throwing) at the broker's close-ok, or its own close.
            while let frame = try transport.nextFrame(deadline: deadline, heartbeat: nil) {
                try perform(machine.receive(consume frame))
            }
            _ = machine.fail(.timedOut(waitingFor: ConnectionCloseOk.name))
        } catch {
            _ = machine.fail(error)
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
                guard let frame = try transport.nextFrame(deadline: deadline, heartbeat: transport.heartbeat) else {
                    return nil
                }
                try perform(machine.receive(consume frame))
            }
        } catch {
            throw failing(error)
        }
    }

    /// Keeps the connection serviced (heartbeats, confirms, returns, blocked, closes) until
    /// `descriptor` is ready for `events`, giving poll's `revents`, or `deadline` passes (nil).
    ///
    /// How mq waits for its input or for room in its output without leaving the broker unattended.
    public func wait(forDescriptor descriptor: Int32, events: Int16, until deadline: Deadline) throws(AMQPError)
        -> Int16?
    {
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
                switch try transport.nextFrame(
                    deadline: deadline, heartbeat: transport.heartbeat, orDescriptor: descriptor, events: events)
                {
                case .frame(let frame): try perform(machine.receive(consume frame))
                case .descriptor(let revents): return .descriptor(revents)
                case .timedOut: return .timedOut
                }
            }
        } catch {
            throw failing(error)
        }
    }

    /// Ends the connection if `error` ends it (anything but an error about one channel); gives it back.
    private func failing(_ error: AMQPError) -> AMQPError {
        if case .end(let ending) = machine.fail(error) { Self.carryOut(ending, on: transport) }
        return error
    }

    /// Carries out what the machine asks: the one place where its decisions become I/O.
    @inline(__always)
    private func perform(_ action: consuming ConnectionAction) throws(AMQPError) {
        switch consume action {
        case .none: return
        case .reply(.closeOk, let channel): try transport.send(method: ChannelCloseOk(), channel: channel)
        case .reply(.flowOk(let active), let channel):
            try transport.send(method: ChannelFlowOk(active: active), channel: channel)
        case .reply(.cancelOk(let tag), let channel):
            try transport.send(method: BasicCancelOk(consumerTag: tag), channel: channel)
        case .sendClose:
            try transport.send(
                method: ConnectionClose(replyCode: ReplyCode.success.rawValue, replyText: "closed by mq"), channel: 0)
        case .blockedChanged(let reason): onBlockedChange?(reason)
        case .end(let ending):
            Self.carryOut(ending, on: transport)
            throw ending.error
        }
    }

    /// Says goodbye as `ending` asks (close-ok for the broker's close; for a violation,
    /// connection.close with its reply code and the violation in words, without waiting for
    /// close-ok), then closes the socket.
    private static func carryOut(_ ending: ConnectionEnding, on transport: FrameTransport) {
        switch ending {
        case .dropping, .closed: break
        case .acknowledging:
            try? transport.send(method: ConnectionCloseOk(), channel: 0)
            try? transport.flush(deadline: .after(seconds: 1))
        case .reporting(let violation):
            var text = "\(violation.replyCode.name) - \(violation)"
            while text.utf8.count > 255 { text.removeLast() }
            try? transport.send(
                method: ConnectionClose(replyCode: violation.replyCode.rawValue, replyText: text), channel: 0)
            try? transport.flush(deadline: .after(seconds: 1))
        }
        transport.close()
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

    /// Takes in, without waiting, what the broker has sent so far: a close among it fails the
    /// caller here, before it queues what the broker would discard (it drops every frame after
    /// its close but close-ok), so that an ack is never taken for done on a connection already
    /// closing.
    func takeArrived() throws(AMQPError) {
        _ = try wait(until: .now) { () throws(AMQPError) -> Bool? in nil }
    }

    /// Sends what is queued now, without waiting for anything to arrive.
    public func flush() throws(AMQPError) {
        try checkUsable()
        try transport.flush()
    }

    /// Takes a closed channel out of the table, freeing its number (unless a new channel already has it).
    func retire(channel number: UInt16, cell: ChannelCell) {
        if machine.channels[number] === cell { machine.channels.remove(number) }
    }

    func checkUsable() throws(AMQPError) {
        if let error = machine.unusable { throw error }
    }
}
