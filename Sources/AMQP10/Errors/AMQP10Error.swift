import AMQP10Wire
import Transport

/// Everything that can go wrong on an AMQP 1.0 connection, as values.
public enum AMQP10Error: Error, Hashable, Sendable, CustomStringConvertible {
    /// The connection could not be made: DNS, refused, connect timeout, TLS.
    case transport(TransportError)
    /// The connection went away without a close.
    case connectionLost(ConnectionLoss)
    /// A wait ran past its deadline.
    case timedOut(Wait)
    /// The peer sent nothing, not even an empty frame, for longer than our idle-time-out.
    case idleTimeout(seconds: Double)
    /// SASL refused the login (`code` auth: bad user or password).
    case authenticationFailed(mechanism: Symbol, code: SASLCode)
    /// The peer offers none of the SASL mechanisms the credentials allow.
    case noSupportedMechanism(offered: [Symbol])
    /// The peer closed the connection, with its error when it gave one.
    case connectionClosed(AMQPError?)
    /// The peer ended the session, with its error when it gave one.
    case sessionEnded(AMQPError?)
    /// The peer detached the link to `address`, with its error when it gave one.
    case linkDetached(address: String, AMQPError?)
    /// The peer broke the protocol; the client closed the connection with `violation.condition`.
    case protocolViolation(ProtocolViolation)
    /// The message could not be encoded.
    case unencodable(WireError)
    /// The connection was closed by this client.
    case closedByClient

    /// What a wait was for.
    public enum Wait: Hashable, Sendable, CustomStringConvertible {
        /// SASL, open and begin.
        case handshake
        /// The peer's attach of a link.
        case attach(address: String)
        /// Credit from the receiver, to send.
        case credit(address: String)
        /// Outcomes, to bring the unsettled messages within the confirm window.
        case outcomes(address: String)

        public var description: String {
            switch self {
            case .handshake: "the connection handshake"
            case .attach(let address): "the link to '\(address)' to attach"
            case .credit(let address): "credit to send to '\(address)'"
            case .outcomes(let address): "the outcomes of messages sent to '\(address)'"
            }
        }
    }

    /// The peer's error condition, when the peer gave one.
    public var condition: Symbol? {
        switch self {
        case .connectionClosed(let error), .sessionEnded(let error), .linkDetached(_, let error): error?.condition
        case .protocolViolation(let violation): violation.condition
        case .transport, .connectionLost, .timedOut, .idleTimeout, .authenticationFailed, .noSupportedMechanism,
            .unencodable, .closedByClient:
            nil
        }
    }

    /// True for a refused login and for `amqp:unauthorized-access` (mq's exit status 77).
    public var isAccessRefused: Bool {
        if case .authenticationFailed = self { return true }
        return condition == ErrorCondition.AMQP.unauthorizedAccess
    }

    public var description: String {
        switch self {
        case .transport(let error): "\(error)"
        case .connectionLost(let loss): "connection lost: \(loss)"
        case .timedOut(let wait): "timed out waiting for \(wait)"
        case .idleTimeout(let seconds): "the peer sent nothing for \(Self.seconds(seconds)) s (idle-time-out)"
        case .authenticationFailed(let mechanism, let code):
            "SASL \(mechanism.text) login refused (\(code == .auth ? "bad credentials" : "code \(code.rawValue)"))"
        case .noSupportedMechanism(let offered):
            "no usable SASL mechanism (the peer offers \(offered.map(\.text).joined(separator: ", ")))"
        case .connectionClosed(let error): error.map(Self.line) ?? "the peer closed the connection"
        case .sessionEnded(let error): error.map(Self.line) ?? "the peer ended the session"
        case .linkDetached(let address, let error): error.map(Self.line) ?? "the peer detached the link to '\(address)'"
        case .protocolViolation(let violation): "protocol error: \(violation)"
        case .unencodable(let error): "cannot encode the message: \(error)"
        case .closedByClient: "the connection is closed"
        }
    }

    /// An AMQP error as one line: `amqp:not-found: no queue 'x' in vhost '/'`.
    public static func line(_ error: AMQPError) -> String {
        guard let text = error.description, !text.isEmpty else { return error.condition.text }
        return "\(error.condition.text): \(text)"
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value))" : "\(value)"
    }
}
