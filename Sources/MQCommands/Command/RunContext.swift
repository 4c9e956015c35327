import AMQP

#if canImport(Glibc)
    import Glibc
#endif

/// What a run of mq reads, writes and connects through: the process's own streams and the
/// network, or what a test gives it (files for the streams, a scripted broker for the connector).
struct RunContext {
    var stdin: Int32 = STDIN_FILENO
    var stdout: Int32 = STDOUT_FILENO
    var stderr: Int32 = STDERR_FILENO
    var connector: Connector = .network

    /// The process's standard streams and the network.
    static let process = RunContext()
}

/// How mq reaches a broker: the one seam between the verbs and the network.
struct Connector: Sendable {
    /// Opens a connection with `settings`, named `name` in the management UI.
    let open: @Sendable (_ settings: ConnectionSettings, _ name: String) throws(AMQPError) -> Connection

    /// Over TCP (and TLS), as `settings` say.
    static let network = Connector { settings, name throws(AMQPError) in try Connection.open(settings, name: name) }
}
