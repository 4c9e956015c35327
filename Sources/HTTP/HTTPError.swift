import Transport

/// Everything that can go wrong in one HTTP exchange, one case per failure a user must tell apart.
public enum HTTPError: Error, Hashable, Sendable {
    /// The host name did not resolve.
    case hostNotFound(host: String, reason: String)
    /// The TCP connection was refused or the host unreachable: usually nothing listens on the port.
    case connectFailed(host: String, port: Int, reason: String)
    /// The TCP connection did not open in time.
    case connectTimedOut(host: String, port: Int, seconds: Double)
    /// The TLS handshake failed (untrusted certificate, host name mismatch, no shared protocol).
    case tlsFailed(host: String, port: Int, TLSError)
    /// A TLS certificate, key or CA file could not be used.
    case tlsConfiguration(TLSError)
    /// The request was sent but no complete response came back in time.
    case timedOut(seconds: Double)
    /// The connection broke, or the server closed it before a complete response.
    case connectionLost(String)
    /// The server sent something that is not an HTTP/1.x response.
    case malformed(String)
}

extension HTTPError: CustomStringConvertible {
    /// One line a shell user understands.
    public var description: String {
        switch self {
        case .hostNotFound(let host, let reason): "cannot resolve host '\(host)': \(reason)"
        case .connectFailed(let host, let port, let reason): "cannot connect to \(Authority.text(host: host, port: port)): \(reason)"
        case .connectTimedOut(let host, let port, let seconds):
            "connecting to \(Authority.text(host: host, port: port)) timed out after \(Self.seconds(seconds))"
        case .tlsFailed(let host, let port, let error): "TLS with \(Authority.text(host: host, port: port)) failed: \(error)"
        case .tlsConfiguration(let error): "\(error)"
        case .timedOut(let seconds): "no response within \(Self.seconds(seconds))"
        case .connectionLost(let what): "connection lost: \(what)"
        case .malformed(let what): "malformed HTTP response: \(what)"
        }
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}

/// The `host:port` form of a server's address, as the `Host` header and messages write it.
enum Authority {
    /// `host:port`, with an IPv6 address in brackets.
    static func text(host: String, port: Int) -> String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}
