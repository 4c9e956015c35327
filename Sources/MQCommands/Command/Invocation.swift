import AMQP
import ArgumentParsing
import JSON

/// Everything a verb needs: the parsed command line and the streams.
struct Invocation {
    var parsed: ParsedCommand
    let stdout: OutputStream
    let stderr: OutputStream
    let input: InputReader
    /// The process environment (NO_COLOR, HOME, ...).
    let environment: Environment
    /// How connections are opened.
    let connector: Connector

    var json: Bool { parsed[GlobalOptions.json] }
    var quiet: Bool { parsed[GlobalOptions.quiet] }
    var verbose: Bool { parsed[GlobalOptions.verbose] }

    /// Writes a note on stderr unless `--quiet`.
    func note(_ text: String) {
        guard !quiet else { return }
        stderr.write("mq: \(text)\n")
        try? stderr.flush()
    }

    /// Writes a trace line on stderr with `--verbose`.
    func trace(_ text: String) {
        guard verbose else { return }
        stderr.write("mq: \(text)\n")
        try? stderr.flush()
    }

    /// Opens a connection and a channel to the first of `candidates` that answers (by default,
    /// the brokers the global options name).
    func connect(_ candidates: [ConnectionSettings]? = nil) throws(Failure) -> (Connection, Channel) {
        let brokers: [ConnectionSettings]
        if let candidates { brokers = candidates } else { brokers = try GlobalOptions.connectionCandidates(parsed) }
        let connection = try openConnection(brokers)
        do {
            return (connection, try connection.openChannel())
        } catch {
            throw Failure(error)
        }
    }

    /// Connects to the first of `candidates` that answers; a broker that cannot be reached is
    /// passed over, any other refusal (a wrong password, say) ends the search.
    func openConnection(_ candidates: [ConnectionSettings]) throws(Failure) -> Connection {
        // Every 0-9-1 connection starts here: a verb that has no 1.0 path is refused before it.
        if parsed[GlobalOptions.protocolVersion] == .amqp10 {
            throw Failure(.usage(.onlyOverAMQP091(command: parsed.path.joined(separator: " "))))
        }
        var lastError: AMQPError?
        for settings in candidates {
            warnAboutSecurity(settings)
            trace("connecting to \(settings.redactedURI)")
            do {
                let connection = try connector.open(settings, "mq \(parsed.path.joined(separator: " "))")
                trace(
                    "connected to \(settings.host):\(settings.port); frame_max \(connection.tuning.frameMax), "
                        + "heartbeat \(connection.tuning.heartbeat) s"
                )
                return connection
            } catch {
                guard ExitStatus.of(error) == .unavailable else { throw Failure(error) }
                trace("\(error)")
                lastError = error
            }
        }
        guard let lastError else { throw Failure(.configuration(.noBrokerURL)) }
        guard candidates.count > 1 else { throw Failure(lastError) }
        throw Failure(lastError).adding(" (and \(candidates.count - 1) other brokers did not answer)")
    }

    /// Says on stderr when the broker behind `connection` (named `broker` in the note) blocks
    /// publishing, and traces when it lets go.
    func noteBlocking(on link: BrokerLink, broker: String) {
        link.onBlockedChange = { reason in
            if let reason { note("\(broker) blocked publishing (\(reason)); waiting") } else { trace("unblocked") }
        }
    }

    /// Says on stderr when the connection will not be private: verification off, or a password
    /// sent in clear text to another machine.
    func warnAboutSecurity(_ settings: ConnectionSettings) {
        if settings.useTLS, !settings.tls.verifyPeer {
            note("warning: --insecure: the server's certificate and host name are not checked")
        }
        if !settings.useTLS, settings.authMechanism == .plain, !Self.isLoopback(settings.host) {
            note("warning: sending the password without TLS to \(settings.host); use amqps:// or --tls")
        }
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.") || host.hasSuffix(".localhost")
    }

    /// Prints a result: `text` for people, or `json` with `--json`; nothing with `--quiet`.
    func emit(text: @autoclosure () -> String, json value: @autoclosure () -> JSON) throws(Failure) {
        if json {
            stdout.write(value().serialized() + "\n")
        } else if !quiet {
            stdout.write(text() + "\n")
        }
        try stdout.flush()
    }
}

/// Runs `body` with a connection and channel, closing the connection afterwards either way.
func withChannel<T>(_ invocation: Invocation, _ body: (Channel) throws(AMQPError) -> T) throws(Failure) -> T {
    let (connection, channel) = try invocation.connect()
    defer { connection.close() }
    do {
        return try body(channel)
    } catch {
        throw Failure(error)
    }
}
