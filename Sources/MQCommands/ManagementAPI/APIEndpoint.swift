import AMQP

/// Where RabbitMQ's management API is, and who mq is there.
struct APIEndpoint: Hashable {
    var useTLS: Bool
    var host: String
    var port: Int
    /// The path before `/api`, e.g. `/rabbitmq` for a broker behind a proxy; empty at the root.
    var pathPrefix: String
    var user: String
    var password: String

    static let defaultPort = 15672
    static let defaultTLSPort = 15671

    /// The endpoint the AMQP settings imply: the broker's host on port 15672 (15671 with TLS),
    /// with the same user and password.
    init(settings: ConnectionSettings) {
        useTLS = settings.useTLS
        host = settings.host
        port = settings.useTLS ? Self.defaultTLSPort : Self.defaultPort
        pathPrefix = ""
        user = settings.user
        password = settings.password
    }

    /// Parses `http[s]://[user[:password]@]host[:port][/prefix]`; a user or password the URL
    /// leaves out comes from the AMQP settings. A trailing `/api` is taken as part of the API's
    /// own path, not of the prefix.
    init(url: String, settings: ConnectionSettings) throws(APIError) {
        self.init(settings: settings)
        guard let separator = url.firstRange(of: "://") else { throw .badURL("expected http:// or https://") }
        let scheme = url[..<separator.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { throw .badURL("scheme '\(scheme)' is not http or https") }
        useTLS = scheme == "https"
        var rest = url[separator.upperBound...]
        if let end = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) { rest = rest[..<end] }
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        var authority = rest[..<slash]
        var path = rest[slash...]
        while path.hasSuffix("/") { path = path.dropLast() }
        if path.hasSuffix("/api") { path = path.dropLast(4) }
        pathPrefix = String(path)
        if let at = authority.lastIndex(of: "@") {
            try parseUserInfo(authority[..<at])
            authority = authority[authority.index(after: at)...]
        }
        try parseHostPort(authority, defaultPort: useTLS ? Self.defaultTLSPort : Self.defaultPort)
    }

    private mutating func parseUserInfo(_ userInfo: Substring) throws(APIError) {
        do {
            if let colon = userInfo.firstIndex(of: ":") {
                user = try PercentEncoding.decode(userInfo[..<colon], part: "user")
                password = try PercentEncoding.decode(userInfo[userInfo.index(after: colon)...], part: "password")
            } else {
                user = try PercentEncoding.decode(userInfo, part: "user")
            }
        } catch {
            throw .badURL("\(error.part): \(error.problem)")
        }
    }

    private mutating func parseHostPort(_ hostPort: Substring, defaultPort: Int) throws(APIError) {
        var portText: Substring = ""
        if hostPort.hasPrefix("[") {
            guard let close = hostPort.firstIndex(of: "]") else { throw .badURL("'[' without a closing ']'") }
            host = String(hostPort[hostPort.index(after: hostPort.startIndex)..<close])
            let after = hostPort[hostPort.index(after: close)...]
            guard after.isEmpty || after.hasPrefix(":") else { throw .badURL("unexpected text after ']'") }
            portText = after.dropFirst()
        } else {
            let pieces = hostPort.split(separator: ":", omittingEmptySubsequences: false)
            guard pieces.count <= 2 else { throw .badURL("an IPv6 address must be written in brackets, e.g. [::1]") }
            host = String(pieces[0])
            if pieces.count == 2 { portText = pieces[1] }
        }
        guard !host.isEmpty else { throw .badURL("no host") }
        guard !portText.isEmpty else {
            port = defaultPort
            return
        }
        guard portText.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(portText), (1...65535).contains(number) else {
            throw .badURL("port: not a port number (1-65535)")
        }
        port = number
    }

    /// The URL without user or password: safe to print.
    var displayURL: String {
        let hostPart = host.contains(":") ? "[\(host)]" : host
        return "\(useTLS ? "https" : "http")://\(hostPart):\(port)\(pathPrefix)"
    }
}
