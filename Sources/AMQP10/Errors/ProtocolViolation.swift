import AMQP10Wire

/// Something the peer sent that AMQP 1.0 does not allow here; the client closes the connection
/// with `condition` and reports it.
public enum ProtocolViolation: Error, Hashable, Sendable, CustomStringConvertible {
    /// Bytes that do not decode: a frame, a performative or a message.
    case malformed(WireError)
    /// A protocol header other than the one the handshake expects.
    case unexpectedHeader(ProtocolHeader)
    /// A frame that has no place in the current state (`attach before begin`).
    case unexpectedFrame(String)
    /// A frame naming a link handle that is not attached.
    case unattachedHandle(UInt32)
    /// A transfer beyond the session's incoming window or the link's credit.
    case windowViolation

    /// The error condition the client closes the connection with (AMQP 1.0 section 2.8.15).
    public var condition: Symbol {
        switch self {
        case .malformed(let error): error.condition
        case .unexpectedHeader: ErrorCondition.Connection.framingError
        case .unexpectedFrame: ErrorCondition.AMQP.illegalState
        case .unattachedHandle: ErrorCondition.Session.unattachedHandle
        case .windowViolation: ErrorCondition.Session.windowViolation
        }
    }

    public var description: String {
        switch self {
        case .malformed(let error): "\(error)"
        case .unexpectedHeader(let header): "unexpected protocol header \(header)"
        case .unexpectedFrame(let what): "unexpected \(what)"
        case .unattachedHandle(let handle): "frame for unattached link handle \(handle)"
        case .windowViolation: "transfer beyond the granted window or credit"
        }
    }
}
