import Transport

/// Everything that can go wrong in one HTTP exchange, one case per failure a user must tell apart.
public enum HTTPError: Error, Hashable, Sendable {
    /// No stream to the server: its name, the TCP connection or TLS failed, or did not finish in time.
    case transport(TransportError)
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
        case .transport(let error): "\(error)"
        case .timedOut(let seconds): "no response within \(Self.seconds(seconds))"
        case .connectionLost(let what): "connection lost: \(what)"
        case .malformed(let what): "malformed HTTP response: \(what)"
        }
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}
