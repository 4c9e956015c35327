import AMQP
import AMQP10
import Transport

#if canImport(Glibc)
    import Glibc
#endif

/// A connection over AMQP 1.0 to the first broker the global options name that answers, with
/// the form of address it reads.
final class AMQP10Broker {
    let connection: AMQP10Connection
    let addressForm: AMQP10Address.Form
    /// The RabbitMQ version the peer gave in its open frame; nil for another broker.
    let version: BrokerVersion?

    /// Connects to the first of the brokers the global options name that answers; a broker that
    /// cannot be reached is passed over, any other refusal (a wrong password) ends the search.
    init(_ invocation: Invocation) throws(Failure) {
        let candidates = try GlobalOptions.connectionCandidates(invocation.parsed)
        var lastError: AMQP10Error?
        for settings in candidates {
            invocation.warnAboutSecurity(settings)
            invocation.trace("connecting over AMQP 1.0 to \(settings.redactedURI)")
            do {
                connection = try AMQP10Connection.open(Self.settings(settings))
                addressForm = AMQP10Address.Form(peerProperties: connection.peerProperties)
                version = BrokerVersion(rabbitMQ: connection.peerProperties)
                return
            } catch {
                guard ExitStatus.of(error) == .unavailable else { throw Failure(error) }
                invocation.trace("\(error)")
                lastError = error
            }
        }
        guard let lastError else { throw Failure(.configuration(.noBrokerURL)) }
        throw Failure(lastError)
    }

    /// Refuses (exit 1) when the broker is a RabbitMQ older than `feature` needs.
    func require(_ feature: BrokerFeature) throws(Failure) { try feature.require(of: version) }

    /// The 1.0 settings for the broker `settings` describe: its host, port, TLS, user, password
    /// (none with `--auth external`: SASL EXTERNAL with the client certificate; none for an
    /// empty one, `amqp://:@host`: SASL ANONYMOUS), virtual host, timeouts; the heartbeat is the
    /// idle-time-out.
    static func settings(_ settings: ConnectionSettings) -> AMQP10ConnectionSettings {
        AMQP10ConnectionSettings(
            host: settings.host, port: settings.port, tls: settings.useTLS ? settings.tls : nil, user: settings.user,
            password: settings.authMechanism == .external || settings.password.isEmpty ? nil : settings.password,
            virtualHost: settings.virtualHost, connectionTimeout: settings.connectionTimeout,
            idleTimeout: Double(settings.heartbeat), containerID: "mq-\(getpid())")
    }
}
