import AMQP
import HTTP
import Transport

/// What to do about a TLS failure, in mq's own options (the libraries do not know them).
enum TLSAdvice {
    /// The advice for a TLS error, to append to its line ("" when there is none).
    static func of(_ error: TLSError) -> String {
        switch error {
        case .unknownAuthority: "; pass its CA with --cacert"
        case .untrusted, .refused, .badFile, .setup, .timedOut: ""
        }
    }

    /// The advice for a stream that could not be opened, when TLS is why.
    static func of(_ error: TransportError) -> String {
        if case .tlsFailed(_, _, let tls) = error { of(tls) } else { "" }
    }

    /// The advice for a client error that is a failed TLS handshake.
    static func of(_ error: AMQPError) -> String {
        if case .transport(let transport) = error { of(transport) } else { "" }
    }

    /// The advice for an HTTP error that is a failed TLS handshake.
    static func of(_ error: HTTPError) -> String {
        if case .transport(let transport) = error { of(transport) } else { "" }
    }
}
