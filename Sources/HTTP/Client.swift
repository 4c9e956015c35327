import Transport

/// A small synchronous HTTP/1.1 client: one keep-alive connection, one request at a time, every
/// wait bounded by a deadline.
///
/// Why our own instead of FoundationNetworking's URLSession: it runs over the same `ByteStream`
/// as the AMQP client (`SocketStream`, or `TLSStream` for https), so the management API gets TLS, timeouts
/// and error reporting the same way AMQP does; it adds no runtime library to the `mq` binary
/// (FoundationNetworking brings libcurl along); and it is synchronous, like the rest of mq,
/// where URLSession would need its callbacks bridged back with semaphores. mq needs only a
/// sliver of HTTP: requests with a length-framed body, responses framed by length, chunks or
/// close, and basic authentication.
public final class Client {
    /// Opens a byte stream to the server by the deadline.
    public typealias Connector = (Deadline) throws(HTTPError) -> any ByteStream

    /// The server's address as the `Host` header gives it.
    public let authority: String
    private let connector: Connector
    private var stream: (any ByteStream)?
    private var parser = ResponseParser()
    private var chunk = [UInt8](repeating: 0, count: 64 * 1024)

    /// A client of the server at `host`:`port` over TCP, with TLS (https) when `tls` is given;
    /// connecting gives up after `connectTimeout` seconds (or at the request's deadline, when that
    /// comes first).
    public convenience init(host: String, port: Int, connectTimeout: Double, tls: TLSOptions? = nil) {
        self.init(authority: Endpoint.authority(host: host, port: port)) { deadline throws(HTTPError) in
            let connectDeadline = min(deadline, Deadline.after(seconds: connectTimeout))
            do throws(TransportError) {
                return try Endpoint.open(
                    host: host, port: port, tls: tls, timeout: connectTimeout, deadline: connectDeadline)
            } catch {
                // The request's own deadline passing first is the request timing out, not the connect.
                if case .connectTimedOut = error, connectDeadline >= deadline {
                    throw .timedOut(seconds: connectTimeout)
                }
                throw .transport(error)
            }
        }
    }

    /// A client that reaches the server through `connector` (a TLS stream, or a test's script).
    public init(authority: String, connector: @escaping Connector) {
        self.authority = authority
        self.connector = connector
    }

    deinit { close() }

    /// Sends `request` and waits for the whole response, giving up after `timeout` seconds.
    ///
    /// When a kept-alive connection turns out to have been closed by the server before any byte of
    /// the response arrived, the request is sent once more on a new connection.
    public func send(_ request: Request, timeout: Double) throws(HTTPError) -> Response {
        let deadline = Deadline.after(seconds: timeout)
        let bytes = request.serialized(authority: authority)
        let reused = stream != nil
        do {
            return try exchange(bytes, deadline: deadline, timeout: timeout)
        } catch {
            close()
            guard reused, case .stale = error else { throw error.underlying }
        }
        do {
            return try exchange(bytes, deadline: deadline, timeout: timeout)
        } catch {
            close()
            throw error.underlying
        }
    }

    /// Closes the connection, if one is open.
    public func close() {
        stream?.close()
        stream = nil
        parser = ResponseParser()
    }

    /// How one attempt at a request failed.
    private enum Attempt: Error {
        /// The connection failed before any byte of the response: worth one retry if it was reused.
        case stale(HTTPError)
        case failed(HTTPError)

        var underlying: HTTPError {
            switch self {
            case .stale(let error), .failed(let error): error
            }
        }
    }

    private func exchange(_ bytes: [UInt8], deadline: Deadline, timeout: Double) throws(Attempt) -> Response {
        let stream: any ByteStream
        if let open = self.stream {
            stream = open
        } else {
            do {
                stream = try connector(deadline)
            } catch {
                throw .failed(error)
            }
            self.stream = stream
        }
        do {
            try bytes.withUnsafeBytes { try stream.write($0, deadline: deadline) }
        } catch StreamError.timedOut {
            throw .failed(.timedOut(seconds: timeout))
        } catch {
            throw .stale(.connectionLost("\(error)"))
        }
        var answered = false
        while true {
            let count: Int?
            do {
                count = try chunk.withUnsafeMutableBytes { try stream.read(into: $0, deadline: deadline) }
            } catch {
                throw answered ? .failed(.connectionLost("\(error)")) : .stale(.connectionLost("\(error)"))
            }
            guard let count else { throw .failed(.timedOut(seconds: timeout)) }
            guard count > 0 else {
                let finished: Response?
                do {
                    finished = try parser.finish()
                } catch {
                    throw .failed(error)
                }
                guard let finished else {
                    let error = HTTPError.connectionLost("the server closed the connection without answering")
                    throw answered ? .failed(error) : .stale(error)
                }
                close()
                return finished
            }
            answered = true
            parser.append(chunk[0..<count])
            let response: Response?
            do {
                response = try parser.next()
            } catch {
                throw .failed(error)
            }
            guard let response else { continue }
            if response.closesConnection { close() }
            return response
        }
    }
}
