import AMQPWire
import Transport

/// Everything that can go wrong talking to a broker, one case per failure a user must tell apart.
/// Each case carries what happened as data (the broker's reply code, class and method, the
/// wire or system error with its errno), and `description` renders it as one line.
///
/// `indirect` keeps the error one pointer wide: every wait and every message passes through
/// functions that throw it and checks stored `AMQPError?` values, and an unboxed enum this rich
/// made those copies cost 14% more instructions per delivered message (callgrind: 5,986 against
/// 5,249; boxed, 5,157).
public indirect enum AMQPError: Error, Hashable, Sendable {
    /// No stream to the broker: its name, the TCP connection or TLS failed, or (as
    /// `connectTimedOut`) the TCP connection, TLS or the AMQP handshake did not finish in time.
    case transport(TransportError)
    /// The server speaks another protocol version (it answered with its own protocol header).
    case unsupportedProtocol(serverVersion: String)
    /// The broker refused the user (403 ACCESS_REFUSED during the handshake, or no usable mechanism).
    case accessRefused(user: String, AccessRefusal)
    /// The broker refused to open the vhost: it does not exist or the user may not use it.
    case vhostRefused(vhost: String, reason: CloseReason)
    /// The broker closed a channel because an operation failed (a soft error); `context` names
    /// the resource, e.g. `queue 'orders'`.
    case channelClosed(CloseReason, context: String?)
    /// The broker closed the connection (a hard error, or an operator's forced close).
    case connectionClosed(CloseReason)
    /// The peer sent bytes or frames that break the protocol.
    case protocolViolation(ProtocolViolation)
    /// Nothing arrived from the broker for two heartbeat intervals.
    case heartbeatTimeout(seconds: Double)
    /// The connection went away without an AMQP close.
    case connectionLost(ConnectionLoss)
    /// The broker did not answer this method in time.
    case timedOut(waitingFor: String)
    /// The channel or connection was already closed when it was used.
    case closed(Closed)
    /// The broker cancelled a consumer (its queue was deleted, or it failed over).
    case consumerCancelled(tag: String)
    /// Something mq was asked to send cannot be sent.
    case invalidArgument(InvalidArgument)

    /// Why the broker refused the user.
    public enum AccessRefusal: Hashable, Sendable {
        /// The broker does not offer the mechanism asked for; it offers these.
        case mechanismNotOffered(AuthMechanism, offered: [String])
        /// The broker dropped the connection while authenticating (a broker without
        /// authentication_failure_close does that on a bad login).
        case closedDuringAuthentication
        /// The broker closed the connection with 403 ACCESS_REFUSED.
        case closedByBroker(CloseReason)
    }

    /// What was used after it closed.
    public enum Closed: Hashable, Sendable {
        case channel(UInt16)
        case connection
    }

    /// Why something cannot be sent.
    public enum InvalidArgument: Hashable, Sendable {
        /// Every channel number the connection allows is in use.
        case channelsExhausted(limit: Int)
        /// A method (named) or the message properties (nil) that do not encode.
        case unencodable(method: String?, WireError)
    }
}

extension AMQPError: CustomStringConvertible {
    /// One line a shell user understands; never a password.
    public var description: String {
        switch self {
        case .transport(let error): "\(error)"
        case .unsupportedProtocol(let version):
            "the server does not speak AMQP 0-9-1 (it offered protocol \(version))"
        case .accessRefused(let user, let refusal):
            "access refused for user '\(user)': \(refusal)"
        case .vhostRefused(let vhost, let reason):
            "vhost '\(vhost)': \(reason.summary)"
        case .channelClosed(let reason, let context):
            context.map { "\($0): \(reason.summary)" } ?? reason.summary
        case .connectionClosed(let reason):
            if let feature = reason.deprecatedFeature {
                "\(reason.methodName ?? "the operation") refused: the broker does not permit the deprecated feature '\(feature)'"
            } else {
                "connection closed by the broker: \(reason.summary)"
            }
        case .protocolViolation(let violation): "protocol error: \(violation)"
        case .heartbeatTimeout(let seconds):
            "connection lost: no heartbeat from the broker for \(Self.seconds(seconds))"
        case .connectionLost(let loss): "connection lost: \(loss)"
        case .timedOut(let method): "timed out waiting for the broker to answer \(method)"
        case .closed(.channel(let number)): "channel \(number) is closed"
        case .closed(.connection): "the connection is closed"
        case .consumerCancelled(let tag): "the broker cancelled consumer '\(tag)' (was its queue deleted?)"
        case .invalidArgument(.channelsExhausted(let limit)): "all \(limit) channels are in use"
        case .invalidArgument(.unencodable(let method?, let error)): "cannot encode \(method): \(error)"
        case .invalidArgument(.unencodable(nil, let error)): "cannot encode message properties: \(error)"
        }
    }

    /// Why the broker closed the channel or the connection, when it did.
    public var closeReason: CloseReason? {
        switch self {
        case .vhostRefused(_, let reason), .channelClosed(let reason, _), .connectionClosed(let reason): reason
        default: nil
        }
    }

    /// The reply code the broker gave, when it gave one.
    public var replyCode: ReplyCode? {
        if case .accessRefused = self { return .accessRefused }
        return closeReason?.replyCode
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}

extension AMQPError.AccessRefusal: CustomStringConvertible {
    public var description: String {
        switch self {
        case .mechanismNotOffered(let mechanism, let offered):
            "the broker does not offer \(mechanism.rawValue) authentication (it offers: \(offered.joined(separator: ", ")))"
                + (mechanism == .external ? "; enable the rabbitmq_auth_mechanism_ssl plugin" : "")
        case .closedDuringAuthentication: "the broker closed the connection during authentication"
        case .closedByBroker(let reason): reason.detail
        }
    }
}
