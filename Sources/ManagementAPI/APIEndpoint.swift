import AMQP
import Transport

/// Where RabbitMQ's management API is, and who mq is there.
public struct APIEndpoint: Hashable, Sendable {
    public var useTLS: Bool
    public var host: String
    public var port: Int
    /// The path before `/api`, e.g. `/rabbitmq` for a broker behind a proxy; empty at the root.
    public var pathPrefix: String
    public var user: String
    public var password: String

    public static let defaultPort = 15672
    public static let defaultTLSPort = 15671

    /// The endpoint the AMQP settings imply: the broker's host on port 15672 (15671 with TLS),
    /// with the same user and password.
    public init(settings: ConnectionSettings) {
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
    public init(url: String, settings: ConnectionSettings) throws(APIError) {
        self.init(settings: settings)
        guard let separator = url.firstRange(of: "://") else { throw .badURL("expected http:// or https://") }
        let scheme = url[..<separator.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { throw .badURL("scheme '\(scheme)' is not http or https") }
        useTLS = scheme == "https"
        var rest = url[separator.upperBound...]
        if let end = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) { rest = rest[..<end] }
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        let authority = rest[..<slash]
        var path = rest[slash...]
        while path.hasSuffix("/") { path = path.dropLast() }
        if path.hasSuffix("/api") { path = path.dropLast(4) }
        pathPrefix = String(path)
        let parsed: URIAuthority
        do {
            parsed = try URIAuthority(parsing: authority)
        } catch {
            throw .badURL("\(error)")
        }
        if let value = parsed.user { user = value }
        if let value = parsed.password { password = value }
        guard let host = parsed.host, !host.isEmpty else { throw .badURL("no host") }
        self.host = host
        port = parsed.port ?? (useTLS ? Self.defaultTLSPort : Self.defaultPort)
    }

    /// The URL without user or password: safe to print.
    public var displayURL: String {
        let hostPart = host.contains(":") ? "[\(host)]" : host
        return "\(useTLS ? "https" : "http")://\(hostPart):\(port)\(pathPrefix)"
    }
}
