/// How to secure a connection with TLS (amqps:// or `--tls`) and how to log in.
public struct TLSOptions: Hashable, Sendable {
    /// A PEM file of CA certificates to trust besides the system's.
    public var caFile: String?
    /// A PEM client certificate (chain) to present.
    public var certificateFile: String?
    /// The PEM private key of the client certificate.
    public var keyFile: String?
    /// Check the server's certificate and host name (turned off only by `--insecure`).
    public var verifyPeer: Bool

    public init(caFile: String? = nil, certificateFile: String? = nil, keyFile: String? = nil, verifyPeer: Bool = true)
    {
        self.caFile = caFile
        self.certificateFile = certificateFile
        self.keyFile = keyFile
        self.verifyPeer = verifyPeer
    }
}
