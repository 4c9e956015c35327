import AMQPWire

/// Everything that can go wrong talking to a broker, one case per failure a user must tell apart.
public enum AMQPError: Error, Sendable {
    /// The host name did not resolve.
    case hostNotFound(host: String, reason: String)
    /// The TCP connection was refused or the host unreachable.
    case connectFailed(host: String, port: Int, reason: String)
    /// The TCP connection or AMQP handshake did not finish in time.
    case connectTimedOut(host: String, port: Int, seconds: Double)
    /// The TLS handshake failed: an untrusted or mismatched certificate, no shared protocol, ...
    case tlsFailed(host: String, port: Int, reason: String)
    /// A TLS certificate, key or CA file could not be used.
    case tlsConfiguration(String)
    /// The server speaks another protocol version (it answered with its own protocol header).
    case unsupportedProtocol(serverVersion: String)
    /// The broker refused the user name or password (403 ACCESS_REFUSED during the handshake).
    case accessRefused(user: String, reason: String)
    /// The broker refused to open the vhost: it does not exist or the user may not use it.
    case vhostRefused(vhost: String, reason: CloseReason)
    /// The broker closed a channel because an operation failed (a soft error).
    case channelClosed(CloseReason, context: String?)
    /// The broker closed the connection (a hard error, or an operator's forced close).
    case connectionClosed(CloseReason)
    /// The peer sent bytes or frames that break the protocol.
    case protocolViolation(String)
    /// Nothing arrived from the broker for two heartbeat intervals.
    case heartbeatTimeout(seconds: Double)
    /// The broker closed the TCP connection without an AMQP close.
    case connectionLost(String)
    /// A reply did not arrive in time.
    case timedOut(String)
    /// The channel or connection was already closed when it was used.
    case closed(String)
    /// The broker cancelled a consumer (its queue was deleted, or it failed over).
    case consumerCancelled(tag: String)
    /// A value could not be encoded (e.g. a name longer than 255 bytes).
    case invalidArgument(String)
}

extension AMQPError: CustomStringConvertible {
    /// One line a shell user understands; never a password.
    public var description: String {
        switch self {
        case .hostNotFound(let host, let reason): "cannot resolve host '\(host)': \(reason)"
        case .connectFailed(let host, let port, let reason): "cannot connect to \(host):\(port): \(reason)"
        case .connectTimedOut(let host, let port, let seconds):
            "connecting to \(host):\(port) timed out after \(Self.seconds(seconds))"
        case .tlsFailed(let host, let port, let reason): "TLS with \(host):\(port) failed: \(reason)"
        case .tlsConfiguration(let reason): reason
        case .unsupportedProtocol(let version):
            "the server does not speak AMQP 0-9-1 (it offered protocol \(version))"
        case .accessRefused(let user, let reason):
            "access refused for user '\(user)': \(reason)"
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
        case .protocolViolation(let what): "protocol error: \(what)"
        case .heartbeatTimeout(let seconds):
            "connection lost: no heartbeat from the broker for \(Self.seconds(seconds))"
        case .connectionLost(let what): "connection lost: \(what)"
        case .timedOut(let what): "timed out \(what)"
        case .closed(let what): "\(what) is closed"
        case .consumerCancelled(let tag): "the broker cancelled consumer '\(tag)' (was its queue deleted?)"
        case .invalidArgument(let what): what
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
