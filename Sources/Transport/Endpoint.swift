/// Why a stream to a server could not be opened: the name, the TCP connection, or TLS. The one
/// place the streams' errors are mapped; the AMQP and HTTP clients carry it as it is.
public enum TransportError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The host name did not resolve.
    case hostNotFound(host: String, ResolutionError)
    /// The TCP connection was refused or the host unreachable: usually nothing listens on the port.
    case connectFailed(host: String, port: Int, SystemError)
    /// The TCP connection or the TLS handshake did not finish in time.
    case connectTimedOut(host: String, port: Int, seconds: Double)
    /// A certificate, key or CA file could not be used, or OpenSSL could not be set up.
    case tlsConfiguration(TLSError)
    /// The TLS handshake failed: an untrusted or mismatched certificate, no shared protocol, ...
    case tlsFailed(host: String, port: Int, TLSError)

    public var description: String {
        switch self {
        case .hostNotFound(let host, let error): "cannot resolve host '\(host)': \(error)"
        case .connectFailed(let host, let port, let error):
            "cannot connect to \(Endpoint.authority(host: host, port: port)): \(error.reason)"
        case .connectTimedOut(let host, let port, let seconds):
            "connecting to \(Endpoint.authority(host: host, port: port)) timed out after \(seconds == seconds.rounded() ? "\(Int(seconds))" : "\(seconds)") s"
        case .tlsConfiguration(let error): "\(error)"
        case .tlsFailed(let host, let port, let error):
            "TLS with \(Endpoint.authority(host: host, port: port)) failed: \(error)"
        }
    }
}

/// Opening a stream to a server: TCP, then TLS when asked for.
public enum Endpoint {
    /// A stream to `host`:`port` (through TLS with `tls`), or why there is none; `timeout` is
    /// what `deadline` allows, for the message when it passes.
    public static func open(host: String, port: Int, tls: TLSOptions?, timeout: Double, deadline: Deadline)
        throws(TransportError) -> any ByteStream
    {
        let socket: SocketStream
        do throws(ConnectError) {
            socket = try SocketStream.connect(host: host, port: port, deadline: deadline)
        } catch {
            switch error {
            case .resolution(let failure): throw .hostNotFound(host: host, failure)
            case .refused(let failure): throw .connectFailed(host: host, port: port, failure)
            case .timedOut: throw .connectTimedOut(host: host, port: port, seconds: timeout)
            }
        }
        guard let tls else { return socket }
        do throws(TLSError) {
            return try TLSStream(socket: socket, host: host, options: tls, deadline: deadline)
        } catch {
            switch error {
            case .badFile, .setup: throw .tlsConfiguration(error)
            case .timedOut: throw .connectTimedOut(host: host, port: port, seconds: timeout)
            case .untrusted, .unknownAuthority, .refused: throw .tlsFailed(host: host, port: port, error)
            }
        }
    }

    /// `host:port`, with an IPv6 address in brackets.
    public static func authority(host: String, port: Int) -> String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}
