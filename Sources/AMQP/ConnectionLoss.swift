import Transport

/// How a connection went away without an AMQP close.
public enum ConnectionLoss: Hashable, Sendable, CustomStringConvertible {
    /// A read or write failed (`recv: Connection reset by peer`).
    case system(SystemError)
    /// The TLS session failed.
    case tls(TLSError)
    /// The broker stopped reading: a write could not finish in this many seconds.
    case writeStalled(seconds: Int)
    /// The broker closed the TCP connection.
    case closedByBroker
    /// The broker closed the TCP connection before the handshake finished.
    case closedDuringHandshake
    /// A stream of another kind failed (its own words).
    case stream(String)

    /// The loss a stream's error stands for.
    init(_ error: any Error) {
        switch error {
        case let error as SystemError: self = .system(error)
        case let error as TLSError: self = .tls(error)
        default: self = .stream("\(error)")
        }
    }

    public var description: String {
        switch self {
        case .system(let error): "\(error)"
        case .tls(let error): "\(error)"
        case .writeStalled(let seconds): "the broker stopped reading (a write stalled for \(seconds) s)"
        case .closedByBroker: "the broker closed the connection"
        case .closedDuringHandshake: "the broker closed the connection during the handshake"
        case .stream(let words): words
        }
    }
}
