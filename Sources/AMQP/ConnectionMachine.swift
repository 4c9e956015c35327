import AMQPWire

/// The connection's side of the protocol once the handshake is done (spec 1.4, 2.2.4, and
/// RabbitMQ's `connection.blocked`) as a state machine with no I/O: frames and our own requests
/// go in, one action comes out for `Connection` to carry out. It holds the channels' machines
/// and hands each its frames.
struct ConnectionMachine {
    enum State {
        case open
        /// The broker stopped reading our publishes (a resource alarm), for this reason.
        case blocked(reason: String)
        /// We sent `connection.close` and wait for `close-ok`; everything else is discarded.
        case closing
        /// The connection can no longer be used; every later call throws this.
        case closed(AMQPError)
    }

    private(set) var state = State.open
    var channels = ChannelTable()

    /// The broker's reason while it blocks this connection.
    var blockedReason: String? {
        if case .blocked(let reason) = state { reason } else { nil }
    }

    /// Why the connection cannot be used, or nil while it can.
    var unusable: AMQPError? {
        switch state {
        case .open, .blocked: nil
        case .closing: .closed(.connection)
        case .closed(let error): error
        }
    }

    /// Takes one frame from the broker.
    mutating func receive(_ frame: consuming Frame) -> ConnectionAction {
        switch state {
        case .open, .blocked: break
        case .closing: return receiveWhileClosing(frame)
        case .closed: return .none
        }
        switch frame {
        case .heartbeat: return .none
        case .method(0, let method): return receiveOnConnection(method)
        case .method(let number, _), .header(let number, _), .body(let number, _), .delivered(let number, _):
            guard let cell = channels[number] else { return violated(.frameOnClosedChannel(number)) }
            do throws(ProtocolViolation) {
                guard let reply = try cell.machine.receive(frame) else { return .none }
                return .reply(reply, channel: number)
            } catch {
                return violated(error)
            }
        }
    }

    /// We want to close: the `connection.close` to send, or nothing when already closing or closed.
    mutating func close() -> ConnectionAction {
        switch state {
        case .open, .blocked:
            state = .closing
            return .sendClose
        case .closing, .closed:
            return .none
        }
    }

    /// Something failed while reading, writing or waiting: how the connection ends, or nothing
    /// when the error concerns one channel only (or the connection has already ended).
    mutating func fail(_ error: AMQPError) -> ConnectionAction {
        switch error {
        case .channelClosed, .consumerCancelled, .closed(.channel):
            return .none
        default:
            break
        }
        switch state {
        case .open, .blocked:
            if case .protocolViolation(let violation) = error { return violated(violation) }
            state = .closed(error)
            return .end(.dropping(error))
        case .closing:
            state = .closed(.closed(.connection))
            return .end(.dropping(.closed(.connection)))
        case .closed:
            return .none
        }
    }

    private mutating func receiveOnConnection(_ method: Method) -> ConnectionAction {
        switch method {
        case .connectionClose(let close):
            let error = AMQPError.connectionClosed(
                CloseReason(
                    replyCode: ReplyCode(rawValue: close.replyCode), replyText: close.replyText, classID: close.classId,
                    methodID: close.methodId))
            state = .closed(error)
            return .end(.acknowledging(error))
        case .connectionBlocked(let blocked):
            state = .blocked(reason: blocked.reason)
            return .blockedChanged(blocked.reason)
        case .connectionUnblocked:
            state = .open
            return .blockedChanged(nil)
        default:
            return violated(.unexpectedOnConnection(method.id))
        }
    }

    private mutating func receiveWhileClosing(_ frame: consuming Frame) -> ConnectionAction {
        guard case .method(0, let method) = frame else { return .none }
        switch method {
        case .connectionCloseOk:
            state = .closed(.closed(.connection))
            return .end(.closed)
        case .connectionClose:
            // Both sides closed at once: each answers the other's close.
            state = .closed(.closed(.connection))
            return .end(.acknowledging(.closed(.connection)))
        default:
            return .none
        }
    }

    private mutating func violated(_ violation: ProtocolViolation) -> ConnectionAction {
        state = .closed(.protocolViolation(violation))
        return .end(.reporting(violation))
    }
}

/// What `ConnectionMachine` asks `Connection` to do.
enum ConnectionAction {
    case none
    /// Queue a channel's reply for sending on its number.
    case reply(ChannelReply, channel: UInt16)
    /// Queue our `connection.close` for sending.
    case sendClose
    /// The broker blocked (with its reason) or unblocked (nil) the connection: tell the owner.
    case blockedChanged(String?)
    /// The connection ends.
    case end(ConnectionEnding)
}

/// How a connection ends: what the broker is told before the socket closes, and the error every
/// later call gets.
enum ConnectionEnding: Equatable {
    /// The stream broke or the broker went silent: close the socket.
    case dropping(AMQPError)
    /// The broker closed the connection: send `close-ok`, then close the socket.
    case acknowledging(AMQPError)
    /// The broker broke the protocol: say so with `connection.close` and the reply code the spec
    /// asks for (501, 502, 503 or 505), then close the socket without waiting for `close-ok`.
    case reporting(ProtocolViolation)
    /// The broker acknowledged our close: close the socket.
    case closed

    var error: AMQPError {
        switch self {
        case .dropping(let error), .acknowledging(let error): error
        case .reporting(let violation): .protocolViolation(violation)
        case .closed: .closed(.connection)
        }
    }
}
