import AMQP10Wire

/// Who the client logs in as, and the SASL mechanism that follows from it.
public enum SASLCredentials: Hashable, Sendable {
    /// PLAIN: a user name and password (RFC 4616).
    case plain(user: String, password: String)
    /// EXTERNAL: the identity of the TLS client certificate (RFC 4422 appendix A).
    case external
    /// ANONYMOUS: no identity (RFC 4505).
    case anonymous

    /// The mechanism's name as SASL spells it.
    public var mechanism: Symbol {
        switch self {
        case .plain: "PLAIN"
        case .external: "EXTERNAL"
        case .anonymous: "ANONYMOUS"
        }
    }

    /// The sasl-init for these credentials, or nil when the peer does not offer their mechanism.
    func initFrame(offered: [Symbol], hostname: String?) -> SASLInit? {
        guard offered.contains(mechanism) else { return nil }
        switch self {
        case .plain(let user, let password):
            let response = [0] + Array(user.utf8) + [0] + Array(password.utf8)
            return SASLInit(mechanism: mechanism, initialResponse: response, hostname: hostname)
        case .external, .anonymous:
            return SASLInit(mechanism: mechanism, initialResponse: [], hostname: hostname)
        }
    }
}
