import Transport

/// How a connection went away without an AMQP close.
public enum ConnectionLoss: Hashable, Sendable, CustomStringConvertible {
    /// A read or write failed (`recv: Connection reset by peer`).
    case system(SystemError)
    /// The TLS session failed.
    case tls(TLSError)
    /// The peer stopped reading: a write could not finish before its deadline.
    case writeStalled
    /// The peer closed the TCP connection.
    case closedByPeer
    /// A stream of another kind failed (its own words).
    case stream(String)

    /// The loss a stream's error stands for.
    init(_ error: any Error) {
        switch error {
        case let error as SystemError: self = .system(error)
        case let error as TLSError: self = .tls(error)
        case StreamError.timedOut: self = .writeStalled
        default: self = .stream("\(error)")
        }
    }

    public var description: String {
        switch self {
        case .system(let error): "\(error)"
        case .tls(let error): "\(error)"
        case .writeStalled: "the peer stopped reading (a write stalled)"
        case .closedByPeer: "the peer closed the connection"
        case .stream(let words): words
        }
    }
}
