import Transport

#if canImport(Glibc)
    import Glibc
#endif

/// Where and how to connect over AMQP 1.0: the same host, port and TLS settings as the 0-9-1
/// client's, with the SASL credentials and the open frame's limits.
public struct AMQP10ConnectionSettings: Hashable, Sendable {
    /// The peer's host name or address.
    public var host: String
    /// The peer's port (5672, or 5671 for TLS, unless given).
    public var port: Int
    /// TLS options, or nil for plain TCP.
    public var tls: TLSOptions?
    /// The user name; with a password, SASL PLAIN is used.
    public var user: String?
    /// The password; never printed.
    public var password: String?
    /// The virtual host, sent in open's hostname as RabbitMQ wants it (`vhost:NAME`); nil sends the host.
    public var virtualHost: String?
    /// Seconds to connect and finish the handshake.
    public var connectionTimeout: Double
    /// Seconds of silence from the peer after which the connection counts as lost (our
    /// idle-time-out, of which the peer sends at least twice as often); 0 for none.
    public var idleTimeout: Double
    /// The largest frame we accept.
    public var maxFrameSize: UInt32
    /// This client's container-id: unique per connection unless given, since a peer may take a
    /// link of the same name from the same container as stolen (`amqp:link:stolen`).
    public var containerID: String

    /// Settings for `host`; the port defaults to 5672, or 5671 with TLS.
    public init(
        host: String = "localhost", port: Int? = nil, tls: TLSOptions? = nil, user: String? = nil,
        password: String? = nil, virtualHost: String? = nil, connectionTimeout: Double = 10, idleTimeout: Double = 60,
        maxFrameSize: UInt32 = 131_072, containerID: String? = nil
    ) {
        self.host = host
        self.port = port ?? (tls == nil ? 5672 : 5671)
        self.tls = tls
        self.user = user
        self.password = password
        self.virtualHost = virtualHost
        self.connectionTimeout = connectionTimeout
        self.idleTimeout = idleTimeout
        self.maxFrameSize = maxFrameSize
        self.containerID = containerID ?? "mq-\(getpid())-\(String(UInt64.random(in: 0...UInt64.max), radix: 16))"
    }

    /// PLAIN when a password is given, EXTERNAL with a client certificate, else ANONYMOUS.
    public var credentials: SASLCredentials {
        if let password { return .plain(user: user ?? "", password: password) }
        if tls?.certificateFile != nil { return .external }
        return .anonymous
    }

    /// Open's hostname: `vhost:NAME` when a virtual host is given, else the host.
    public var openHostname: String {
        virtualHost.map { "vhost:\($0)" } ?? host
    }
}
