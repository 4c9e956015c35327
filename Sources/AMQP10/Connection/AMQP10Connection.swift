import AMQP10Wire
import Transport

/// An AMQP 1.0 connection with one session: synchronous and driven by its caller, with no
/// threads of its own. Frames are read while the caller waits (for an attach, credit, outcomes,
/// deliveries), and every wait ends at its deadline.
public final class AMQP10Connection {
    private let io: FrameIO
    private var machine: ConnectionMachine
    /// The session; senders and receivers send it their events.
    var session: SessionMachine
    private let idleTimeout: Double
    private var failure: AMQP10Error?
    /// The channel the peer's session uses, known from its begin.
    private var peerChannel: UInt16?

    /// Buffered bytes past which `send` writes at once.
    private static let flushThreshold = 256 * 1024

    /// The peer's open frame, with its properties (RabbitMQ 4: `product`, `version`).
    public private(set) var peerOpen: Open?

    private init(stream: any ByteStream, settings: AMQP10ConnectionSettings) {
        io = FrameIO(
            stream: stream, maxFrameSize: settings.maxFrameSize, writeTimeout: max(settings.connectionTimeout, 5))
        let idleMilliseconds = settings.idleTimeout > 0 ? UInt32(settings.idleTimeout * 1000) : nil
        let open = Open(
            containerID: settings.containerID, hostname: settings.openHostname, maxFrameSize: settings.maxFrameSize,
            channelMax: 0, idleTimeOut: idleMilliseconds)
        machine = ConnectionMachine(credentials: settings.credentials, saslHostname: settings.host, open: open)
        session = SessionMachine(channel: 0, peerMaxFrameSize: Frame.minimumMaxFrameSize)
        idleTimeout = settings.idleTimeout
    }

    /// Connects, logs in with SASL, opens the connection and begins its session.
    public static func open(_ settings: AMQP10ConnectionSettings) throws(AMQP10Error) -> AMQP10Connection {
        let deadline = Deadline.after(seconds: settings.connectionTimeout)
        let stream: any ByteStream
        do throws(TransportError) {
            stream = try Endpoint.open(
                host: settings.host, port: settings.port, tls: settings.tls, timeout: settings.connectionTimeout,
                deadline: deadline)
        } catch {
            throw .transport(error)
        }
        return try open(over: stream, settings: settings, deadline: deadline)
    }

    /// Runs the handshake over a connected stream.
    static func open(over stream: any ByteStream, settings: AMQP10ConnectionSettings, deadline: Deadline)
        throws(AMQP10Error) -> AMQP10Connection
    {
        let connection = AMQP10Connection(stream: stream, settings: settings)
        try connection.handshake(deadline: deadline)
        return connection
    }

    /// The peer's open properties (RabbitMQ 4: `product` "RabbitMQ", `version` "4.0.5").
    public var peerProperties: Map? { peerOpen?.properties }

    /// The SASL exchange, open and begin, within `deadline`.
    private func handshake(deadline: Deadline) throws(AMQP10Error) {
        try io.queue(machine.start())
        guard try wait(until: deadline, { session.state == .mapped }) else {
            fail(.timedOut(.handshake))
            throw .timedOut(.handshake)
        }
    }

    /// Opens a link that sends to `address`, and waits for the peer to attach it.
    public func openSender(address: String, confirmWindow: Int = 1000, deadline: Deadline) throws(AMQP10Error)
        -> Sender
    {
        try checkUsable()
        let (handle, frames) = session.attachSender(address: address)
        try send(frames)
        try waitForAttach(handle: handle, address: address, deadline: deadline)
        return Sender(connection: self, handle: handle, address: address, confirmWindow: confirmWindow)
    }

    /// Opens a link that receives from `address`, granting `credit` (0 for one-at-a-time
    /// fetches with `Receiver.fetchOne`) and never more than `limit` deliveries in all, and
    /// waits for the peer to attach it.
    public func openReceiver(address: String, credit: UInt32, limit: UInt64? = nil, deadline: Deadline)
        throws(AMQP10Error) -> Receiver
    {
        try checkUsable()
        let (handle, frames) = session.attachReceiver(address: address, credit: credit, limit: limit)
        try send(frames)
        try waitForAttach(handle: handle, address: address, deadline: deadline)
        return Receiver(connection: self, handle: handle, address: address)
    }

    /// Ends the session and closes the connection, waiting for the peer's close until `deadline`.
    public func close(deadline: Deadline = .after(seconds: 5)) {
        guard failure == nil else { return }
        do {
            try send(session.end())
            try io.queue(machine.close())
            _ = try wait(until: deadline) { machine.state == .closed }
        } catch {
            // The connection is going away either way.
        }
        fail(.closedByClient)
    }

    /// Detaches a link and waits for the peer's detach until `deadline`.
    func detach(handle: UInt32, deadline: Deadline) throws(AMQP10Error) {
        try checkUsable()
        try send(session.detach(handle: handle))
        _ = try wait(until: deadline) {
            if case .detached = session.linkState(handle: handle) { return true }
            return false
        }
    }

    private func waitForAttach(handle: UInt32, address: String, deadline: Deadline) throws(AMQP10Error) {
        let attached = try wait(until: deadline) { () throws(AMQP10Error) -> Bool in
            try checkLink(handle: handle, address: address)
            return session.linkState(handle: handle) == .attached
        }
        guard attached else { throw .timedOut(.attach(address: address)) }
    }

    // MARK: For senders and receivers

    /// Throws why a link cannot be used: the connection failed, the session ended, the link detached.
    func checkLink(handle: UInt32, address: String) throws(AMQP10Error) {
        try checkUsable()
        switch session.linkState(handle: handle) {
        case .detached(let error): throw .linkDetached(address: address, error)
        case .detachSent: throw .linkDetached(address: address, nil)
        case .attachSent, .attached, .refused, nil: break
        }
    }

    private func checkUsable() throws(AMQP10Error) {
        if let failure { throw failure }
        if case .ended(let error) = session.state { throw .sessionEnded(error) }
    }

    /// The oldest delivery waiting on a receiver. A credit top-up it brings is written at once,
    /// with the settlements buffered before it, so the sender is not kept waiting.
    func takeDelivery(handle: UInt32) throws(AMQP10Error) -> Delivery? {
        guard let (delivery, frames) = session.takeDelivery(handle: handle) else { return nil }
        if !frames.isEmpty {
            try send(frames)
            try flush()
        }
        return delivery
    }

    func send(_ frames: [Frame]) throws(AMQP10Error) {
        guard !frames.isEmpty else { return }
        do {
            try io.queue(frames.map(Outbound.frame))
            if io.bufferedCount >= Self.flushThreshold { try io.flush() }
        } catch {
            fail(error)
            throw error
        }
    }

    /// Writes what is buffered.
    func flush() throws(AMQP10Error) {
        do { try io.flush() } catch {
            fail(error)
            throw error
        }
    }

    /// What a wait ended with.
    enum Wake: Equatable {
        case done
        case descriptor(Int16)
        case timedOut
    }

    /// Reads frames until `done` holds (true) or `deadline` passes (false).
    func wait(until deadline: Deadline, _ done: () throws(AMQP10Error) -> Bool) throws(AMQP10Error) -> Bool {
        try wait(until: deadline, watching: -1, events: 0, done) == .done
    }

    /// Reads frames until `done` holds, `descriptor` is ready for `events`, or `deadline` passes.
    func wait(
        until deadline: Deadline, watching descriptor: Int32, events: Int16, _ done: () throws(AMQP10Error) -> Bool
    ) throws(AMQP10Error) -> Wake {
        while true {
            if let failure { throw failure }
            do {
                if try done() { return .done }
            } catch {
                // What the session answered before giving up (a detach, an end) still goes out.
                try? io.flush()
                throw error
            }
            let arrival: FrameIO.Arrival
            do {
                try io.flush()
                arrival = try io.next(deadline: deadline, orDescriptor: descriptor, events: events)
            } catch {
                if case .protocolViolation(let violation) = error {
                    try carryOut(machine.violated(violation))
                } else if case .idleTimeout = error {
                    // A close says why, should the peer still be reading (AMQP 1.0 section 2.4.5).
                    let reason = AMQPError(
                        condition: ErrorCondition.AMQP.resourceLimitExceeded, description: "\(error)")
                    try? io.queue(machine.close(error: reason))
                    try? io.flush()
                }
                fail(error)
                throw error
            }
            switch arrival {
            case .header(let header): try carryOut(machine.received(header: header))
            case .frame(let frame): try carryOut(machine.received(frame: frame))
            case .descriptor(let revents): return .descriptor(revents)
            case .timedOut: return .timedOut
            }
        }
    }

    private func carryOut(_ action: ConnectionMachine.Action) throws(AMQP10Error) {
        switch action {
        case .none, .closed: break
        case .send(let outbound): try io.queue(outbound)
        case .opened(let open):
            peerOpen = open
            io.startIdleSchedule(peerIdleTimeOut: open.idleTimeOut, ourIdleTimeOut: idleTimeout)
            session = SessionMachine(channel: 0, peerMaxFrameSize: open.maxFrameSize)
            try send(session.begin())
        case .session(let channel, let performative, let payload):
            let frames: [Frame]
            do throws(ProtocolViolation) {
                frames = try sessionFrames(channel: channel, performative, payload: payload)
            } catch {
                return try carryOut(machine.violated(error))
            }
            try send(frames)
        case .fail(let error, let outbound):
            try? io.queue(outbound)
            try? io.flush()
            fail(error)
            throw error
        }
    }

    /// Hands a frame to the session on the peer's channel; returns the frames to answer with.
    private func sessionFrames(channel: UInt16, _ performative: Performative, payload: [UInt8])
        throws(ProtocolViolation) -> [Frame]
    {
        if peerChannel == nil, case .begin(let begin) = performative, begin.remoteChannel == session.channel {
            peerChannel = channel
        }
        guard channel == peerChannel else {
            let name = ConnectionMachine.name(of: performative)
            throw .unexpectedFrame("\(name) on channel \(channel), which no session uses")
        }
        return try session.received(performative, payload: payload)
    }

    /// Marks the connection failed and drops the socket; later calls throw `error`.
    private func fail(_ error: AMQP10Error) {
        guard failure == nil else { return }
        failure = error
        io.close()
    }
}
