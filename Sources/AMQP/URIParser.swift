import Transport

extension ConnectionSettings {
    /// Parses an AMQP URI (RabbitMQ's URI spec); parts the URI leaves out keep their defaults.
    public init(uri: String) throws(URIError) {
        guard let colon = uri.firstIndex(of: ":"), uri[colon...].hasPrefix("://") else {
            throw URIError(part: "scheme", problem: "expected amqp:// or amqps://")
        }
        let scheme = uri[..<colon].lowercased()
        guard scheme == "amqp" || scheme == "amqps" else {
            throw URIError(part: "scheme", problem: "'\(scheme)' is not amqp or amqps")
        }
        self.init(useTLS: scheme == "amqps")
        var rest = uri[uri.index(colon, offsetBy: 3)...]
        var query: Substring?
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        if let fragment = rest.firstIndex(of: "#") { rest = rest[..<fragment] }
        let authority: Substring
        if let slash = rest.firstIndex(of: "/") {
            authority = rest[..<slash]
            let path = rest[rest.index(after: slash)...]
            guard !path.contains("/") else {
                throw URIError(part: "vhost", problem: "a '/' in the vhost must be written %2F")
            }
            virtualHost = try PercentEncoding.decode(path, part: "vhost")
        } else {
            authority = rest
        }
        try parseAuthority(authority)
        if let query { try parseQuery(query) }
    }

    private mutating func parseAuthority(_ text: Substring) throws(URIError) {
        let authority = try URIAuthority(parsing: text)
        if let value = authority.user { user = value }
        if let value = authority.password { password = value }
        if let value = authority.host { host = value }
        if let value = authority.port { port = value }
    }

    private mutating func parseQuery(_ query: Substring) throws(URIError) {
        for pair in query.split(separator: "&") {
            let pieces = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(pieces[0])
            let value = pieces.count == 2 ? String(pieces[1]) : ""
            func number<T: FixedWidthInteger>(_: T.Type) throws(URIError) -> T {
                guard let parsed = T(value) else {
                    throw URIError(part: key, problem: "'\(value)' is not a number from \(T.min) to \(T.max)")
                }
                return parsed
            }
            switch key {
            case "heartbeat": heartbeat = try number(UInt16.self)
            case "connection_timeout": connectionTimeout = Double(try number(UInt32.self)) / 1000
            case "channel_max": channelMax = try number(UInt16.self)
            case "frame_max":
                let size = try number(UInt32.self)
                guard size == 0 || size >= 4096 else {
                    throw URIError(part: key, problem: "'\(value)' is below the minimum frame size 4096")
                }
                frameMax = size
            default:
                throw URIError(
                    part: "query",
                    problem: "unknown parameter '\(key)' (known: heartbeat, connection_timeout, channel_max, frame_max)"
                )
            }
        }
    }
}
