import AMQP
import ArgumentParsing

#if canImport(Glibc)
    import Glibc
#endif

/// The options every command takes, before or after the verb.
enum GlobalOptions {
    static let specs: [OptionSpec] = [
        OptionSpec("url", value: .text, valueName: "URI", default: "amqp://localhost:5672/%2F", repeatable: true,
                   environment: "MQ_URL", global: true, secrecy: .urlPassword,
                   help: "broker URI (amqp[s]://user:password@host:port/vhost; user and password default to guest); give several (or a comma-separated list) for a cluster: the first that answers is used"),
        .flag("shuffle", global: true, help: "try the --url list in random order, to spread connections over a cluster"),
        OptionSpec("host", value: .text, valueName: "HOST", global: true, help: "broker host, overriding the URI's"),
        OptionSpec("port", value: .integer(1...65535), valueName: "PORT", global: true, help: "broker port, overriding the URI's"),
        OptionSpec("vhost", value: .text, valueName: "VHOST", global: true, help: "virtual host, overriding the URI's"),
        OptionSpec("user", short: "u", value: .text, valueName: "USER", global: true, help: "user name, overriding the URI's"),
        OptionSpec("password", value: .text, valueName: "PASSWORD", environment: "MQ_PASSWORD", global: true, secrecy: .whole,
                   help: "password, overriding the URI's (prefer MQ_PASSWORD or --password-file: arguments show in ps)"),
        OptionSpec("password-file", value: .path, valueName: "PATH", global: true, help: "read the password from the first line of this file"),
        OptionSpec("connect-timeout", value: .duration, valueName: "DURATION", default: "10s", global: true,
                   help: "give up connecting after this long"),
        OptionSpec("heartbeat", value: .duration, valueName: "DURATION", default: "60s", global: true,
                   help: "heartbeat interval to propose (0 turns heartbeats off)"),
        .flag("tls", global: true, help: "use TLS (as amqps:// does; the port defaults to 5671)"),
        OptionSpec("cacert", value: .path, valueName: "FILE", global: true, help: "trust the CA certificates in this PEM file too"),
        OptionSpec("cert", value: .path, valueName: "FILE", global: true, help: "present this PEM client certificate"),
        OptionSpec("key-file", value: .path, valueName: "FILE", global: true,
                   help: "the client certificate's PEM private key (if not in the --cert file)"),
        .flag("insecure", global: true, help: "do not verify the server's certificate or host name (says so every time)"),
        OptionSpec("auth", value: .choice(["plain", "external"]), valueName: "MECHANISM", default: "plain", global: true,
                   help: "plain: user and password; external: the TLS client certificate"),
        OptionSpec("api-url", value: .text, valueName: "URL", environment: "MQ_API_URL", global: true, secrecy: .urlPassword,
                   help: "management API URL, e.g. http://host:15672 or http://proxy/rabbitmq (default: the broker's host, port 15672, same user)"),
        OptionSpec("api-timeout", value: .duration, valueName: "DURATION", default: "30s", global: true,
                   help: "give up on a management API request after this long"),
        OptionSpec("config", value: .path, valueName: "PATH", environment: "MQ_CONFIG", global: true,
                   help: "configuration file (default: $XDG_CONFIG_HOME/mq/config or ~/.config/mq/config)"),
        OptionSpec("profile", short: "P", value: .text, valueName: "NAME", environment: "MQ_PROFILE", global: true,
                   help: "the configuration file's profile to use (default: [default])"),
        OptionSpec("color", value: .choice(["auto", "always", "never"]), valueName: "WHEN", default: "auto", global: true,
                   help: "colour on terminals (auto: when the stream is a terminal and NO_COLOR is unset)"),
        OptionSpec("progress", negatable: true, global: true, help: "show a live count and rate on stderr (default: only when stderr is a terminal)"),
        .flag("json", global: true, help: "print JSON for programs instead of text"),
        .flag("verbose", short: "v", global: true, help: "say what mq is doing on stderr"),
        .flag("quiet", short: "q", global: true, help: "print nothing but errors"),
        .flag("help", short: "h", global: true, help: "show help for the command"),
        .flag("version", global: true, help: "print mq's version"),
    ]

    /// The connection settings the options describe (for the first URL, when there are several).
    static func connectionSettings(_ parsed: ParsedCommand) throws(Failure) -> ConnectionSettings {
        try connectionCandidates(parsed)[0]
    }

    /// The settings for each broker URL, in the order to try them (`--shuffle`: random).
    /// `--url` may be repeated, and each value (or MQ_URL, or a profile's url) may list several
    /// URLs separated by commas.
    static func connectionCandidates(_ parsed: ParsedCommand) throws(Failure) -> [ConnectionSettings] {
        let urls = parsed.values("url").flatMap { $0.split(separator: ",").map { $0.trimmingWhitespace() } }.filter { !$0.isEmpty }
        var candidates: [ConnectionSettings] = []
        for url in urls.isEmpty ? ["amqp://"] : urls { candidates.append(try settings(url: url, parsed)) }
        return parsed.flag("shuffle") ? candidates.shuffled() : candidates
    }

    private static func settings(url: String, _ parsed: ParsedCommand) throws(Failure) -> ConnectionSettings {
        var settings: ConnectionSettings
        do {
            settings = try ConnectionSettings(uri: url)
        } catch {
            throw Failure(.configuration, "\(error)")
        }
        if let host = parsed.value("host") { settings.host = host }
        if let port = parsed.integer("port") { settings.port = Int(port) }
        if let vhost = parsed.value("vhost") { settings.virtualHost = vhost }
        if let user = parsed.value("user") { settings.user = user }
        if let path = parsed.value("password-file") {
            settings.password = try readPasswordFile(path)
        } else if let password = parsed.value("password") {
            settings.password = password
        }
        try applyTLS(parsed, to: &settings)
        if parsed.isSet("connect-timeout"), let timeout = parsed.duration("connect-timeout") {
            settings.connectionTimeout = timeout
        }
        if parsed.isSet("heartbeat"), let heartbeat = parsed.duration("heartbeat") {
            settings.heartbeat = UInt16(min(heartbeat.rounded(.up), Double(UInt16.max)))
        }
        return settings
    }

    /// TLS settings from `--tls`, `--cacert`, `--cert`, `--key`, `--insecure` and `--auth`; the
    /// files must be readable before anything connects.
    private static func applyTLS(_ parsed: ParsedCommand, to settings: inout ConnectionSettings) throws(Failure) {
        if parsed.flag("tls"), !settings.useTLS {
            settings.useTLS = true
            if settings.port == ConnectionSettings.defaultPort, !parsed.isSet("port") { settings.port = ConnectionSettings.defaultTLSPort }
        }
        for option in ["cacert", "cert", "key-file"] {
            guard let path = parsed.value(option) else { continue }
            guard access(path, R_OK) == 0 else {
                throw Failure(.configuration, "cannot read --\(option) file '\(path)': \(String(cString: strerror(errno)))")
            }
        }
        if parsed.value("key-file") != nil, parsed.value("cert") == nil { throw Failure(.usage, "--key-file needs --cert") }
        settings.tls = TLSOptions(
            caFile: parsed.value("cacert"), certificateFile: parsed.value("cert"), keyFile: parsed.value("key-file"),
            verifyPeer: !parsed.flag("insecure"))
        settings.authMechanism = parsed.value("auth") == "external" ? .external : .plain
        if settings.authMechanism == .external, !settings.useTLS || settings.tls.certificateFile == nil {
            throw Failure(.usage, "--auth external needs TLS and a client certificate (--cert)")
        }
    }

    /// The first line of the file at `path`.
    static func readPasswordFile(_ path: String) throws(Failure) -> String {
        guard let reader = InputReader(path: path) else {
            throw Failure(.configuration, "cannot read password file '\(path)': \(String(cString: strerror(errno)))")
        }
        return String(decoding: try reader.readLine() ?? [], as: UTF8.self)
    }
}
