import Transport

/// Where and how to connect: the parts of an AMQP URI plus tuning.
///
/// Parsed from RabbitMQ's URI form,
/// `amqp[s]://user:password@host:port/vhost?heartbeat=N&connection_timeout=MS&channel_max=N&frame_max=N`.
public struct ConnectionSettings: Hashable, Sendable {
    public var useTLS: Bool
    public var host: String
    public var port: Int
    public var user: String
    public var password: String
    public var virtualHost: String
    /// The heartbeat interval we propose, in seconds; 0 asks for none.
    public var heartbeat: UInt16
    /// How long to wait for the TCP connection and the AMQP handshake, in seconds.
    public var connectionTimeout: Double
    /// The most channels we propose; 0 means no limit of ours.
    public var channelMax: UInt16
    /// The largest frame we propose; 0 means no limit of ours.
    public var frameMax: UInt32
    /// Certificates and verification, when `useTLS` is on.
    public var tls = TLSOptions()
    /// How to log in: PLAIN (user and password) or EXTERNAL (the TLS client certificate).
    public var authMechanism = AuthMechanism.plain
    /// Who the client is, for the broker's client properties.
    public var client = ClientIdentity.library

    public static let defaultPort = 5672
    public static let defaultTLSPort = 5671

    public init(
        useTLS: Bool = false, host: String = "localhost", port: Int? = nil, user: String = "guest",
        password: String = "guest", virtualHost: String = "/", heartbeat: UInt16 = 60,
        connectionTimeout: Double = 10, channelMax: UInt16 = 2047, frameMax: UInt32 = 131_072
    ) {
        self.useTLS = useTLS
        self.host = host
        self.port = port ?? (useTLS ? Self.defaultTLSPort : Self.defaultPort)
        self.user = user
        self.password = password
        self.virtualHost = virtualHost
        self.heartbeat = heartbeat
        self.connectionTimeout = connectionTimeout
        self.channelMax = channelMax
        self.frameMax = frameMax
    }

    /// The settings as a URI with the password shown as `***`: safe to print or log.
    public var redactedURI: String {
        let hostPart = host.contains(":") ? "[\(host)]" : host
        let vhost = PercentEncoding.encode(virtualHost)
        return "\(useTLS ? "amqps" : "amqp")://\(PercentEncoding.encode(user)):***@\(hostPart):\(port)/\(vhost)"
    }
}
