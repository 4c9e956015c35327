/// The SASL mechanism for logging in (spec 1.4.2.2, connection.start-ok).
public enum AuthMechanism: String, Hashable, Sendable, CaseIterable {
    /// User name and password.
    case plain = "PLAIN"
    /// The identity in the TLS client certificate (RabbitMQ's rabbitmq_auth_mechanism_ssl plugin).
    case external = "EXTERNAL"
}
