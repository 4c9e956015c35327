import AMQP10Wire

/// The connection's life as a value (AMQP 1.0 sections 2.4 and 5.3): the SASL exchange, the AMQP
/// header, open, close. Frames on an open connection are handed on to the session layer.
struct ConnectionMachine {
    enum State: Hashable {
        case idle
        case awaitingSASLHeader
        case awaitingMechanisms
        case awaitingOutcome(mechanism: Symbol)
        case awaitingAMQPHeader
        case awaitingOpen
        case opened(Open)
        case closeSent
        case closed
    }

    /// What the I/O layer does after an event.
    enum Action: Hashable {
        case none
        case send([Outbound])
        /// The peer's open arrived: the connection is usable.
        case opened(Open)
        /// A frame for the session layer.
        case session(channel: UInt16, Performative, payload: [UInt8])
        /// The peer answered our close.
        case closed
        /// The connection is over: write `send` (our close, if any) and drop the socket.
        case fail(AMQP10Error, send: [Outbound])
    }

    private(set) var state = State.idle
    private let credentials: SASLCredentials
    private let saslHostname: String
    private let open: Open

    init(credentials: SASLCredentials, saslHostname: String, open: Open) {
        self.credentials = credentials
        self.saslHostname = saslHostname
        self.open = open
    }

    /// The peer's open, once it arrived.
    var peerOpen: Open? {
        if case .opened(let open) = state { return open }
        return nil
    }

    /// Starts the handshake with the SASL protocol header.
    mutating func start() -> [Outbound] {
        state = .awaitingSASLHeader
        return [.header(.sasl)]
    }

    mutating func received(header: ProtocolHeader) -> Action {
        switch state {
        case .awaitingSASLHeader where header == .sasl:
            state = .awaitingMechanisms
            return .none
        case .awaitingAMQPHeader where header == .amqp:
            state = .awaitingOpen
            return .none
        case .idle, .awaitingSASLHeader, .awaitingMechanisms, .awaitingOutcome, .awaitingAMQPHeader, .awaitingOpen,
            .opened, .closeSent, .closed:
            return violated(.unexpectedHeader(header))
        }
    }

    mutating func received(frame: Frame) -> Action {
        switch frame {
        case .sasl(let sasl): return received(sasl: sasl)
        case .empty: return .none
        case .amqp(let channel, let performative, let payload):
            return received(performative, channel: channel, payload: payload)
        }
    }

    private mutating func received(sasl: SASLPerformative) -> Action {
        switch state {
        case .awaitingMechanisms:
            guard case .saslMechanisms(let mechanisms) = sasl else { break }
            let offered = mechanisms.saslServerMechanisms
            guard let initial = credentials.initFrame(offered: offered, hostname: saslHostname) else {
                state = .closed
                return .fail(.noSupportedMechanism(offered: offered), send: [])
            }
            state = .awaitingOutcome(mechanism: initial.mechanism)
            return .send([.frame(.sasl(.saslInit(initial)))])
        case .awaitingOutcome(let mechanism):
            // None of PLAIN, EXTERNAL and ANONYMOUS has a challenge, so only the outcome is expected.
            guard case .saslOutcome(let outcome) = sasl else { break }
            guard outcome.code == .ok else {
                state = .closed
                return .fail(.authenticationFailed(mechanism: mechanism, code: outcome.code), send: [])
            }
            state = .awaitingAMQPHeader
            return .send([.header(.amqp), .frame(.amqp(channel: 0, .open(open)))])
        case .idle, .awaitingSASLHeader, .awaitingAMQPHeader, .awaitingOpen, .opened, .closeSent, .closed: break
        }
        return violated(.unexpectedFrame(Self.name(of: sasl)))
    }

    private mutating func received(_ performative: Performative, channel: UInt16, payload: [UInt8]) -> Action {
        switch state {
        case .awaitingOpen:
            switch performative {
            case .open(let peer):
                state = .opened(peer)
                return .opened(peer)
            case .close(let close):
                state = .closed
                return .fail(.connectionClosed(close.error), send: [])
            case .begin, .attach, .flow, .transfer, .disposition, .detach, .end:
                return violated(.unexpectedFrame("\(Self.name(of: performative)) before open"))
            }
        case .opened:
            switch performative {
            case .close(let close):
                state = .closed
                return .fail(.connectionClosed(close.error), send: [.frame(.amqp(channel: 0, .close(Close())))])
            case .open: return violated(.unexpectedFrame("a second open"))
            case .begin, .attach, .flow, .transfer, .disposition, .detach, .end:
                return .session(channel: channel, performative, payload: payload)
            }
        case .closeSent:
            guard case .close = performative else { return .none }
            state = .closed
            return .closed
        case .idle, .awaitingSASLHeader, .awaitingMechanisms, .awaitingOutcome, .awaitingAMQPHeader, .closed:
            return violated(.unexpectedFrame(Self.name(of: performative)))
        }
    }

    /// Our close, with an error when the client gives up on the connection for a reason.
    mutating func close(error: AMQPError? = nil) -> [Outbound] {
        switch state {
        case .opened, .awaitingOpen:
            state = .closeSent
            return [.frame(.amqp(channel: 0, .close(Close(error: error))))]
        case .idle, .awaitingSASLHeader, .awaitingMechanisms, .awaitingOutcome, .awaitingAMQPHeader, .closeSent,
            .closed:
            state = .closed
            return []
        }
    }

    /// The peer broke the protocol: close with the violation's condition and report it.
    mutating func violated(_ violation: ProtocolViolation) -> Action {
        let error = AMQPError(condition: violation.condition, description: violation.description)
        return .fail(.protocolViolation(violation), send: close(error: error))
    }

    private static func name(of sasl: SASLPerformative) -> String {
        switch sasl {
        case .saslMechanisms: "sasl-mechanisms"
        case .saslInit: "sasl-init"
        case .saslChallenge: "sasl-challenge"
        case .saslResponse: "sasl-response"
        case .saslOutcome: "sasl-outcome"
        }
    }

    static func name(of performative: Performative) -> String {
        switch performative {
        case .open: "open"
        case .begin: "begin"
        case .attach: "attach"
        case .flow: "flow"
        case .transfer: "transfer"
        case .disposition: "disposition"
        case .detach: "detach"
        case .end: "end"
        case .close: "close"
        }
    }
}
