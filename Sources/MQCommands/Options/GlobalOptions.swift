import AMQP
import ArgumentParsing
import JSON
import Transport

#if canImport(Glibc)
    import Glibc
#endif

/// The options every command takes, before or after the verb.
enum GlobalOptions {
    static let url = Option<[String]>(
        OptionSpec(
            "url", value: .text, valueName: "URI", default: "amqp://localhost:5672/%2F", repeatable: true,
            environment: "MQ_URL", global: true,
            secrecy: .urlPassword,
            help:
                "broker URI (amqp[s]://user:password@host:port/vhost; user and password default to guest); give "
                + "several (or a comma-separated list) for a cluster: the first that answers is used"
        )
    ) { $0 }.configurable()
    static let protocolVersion = Option<WireProtocol>(
        OptionSpec(
            "protocol", value: .choice(WireProtocol.allCases.map(\.rawValue)), valueName: "VERSION",
            default: WireProtocol.amqp091.rawValue, environment: "MQ_PROTOCOL", global: true,
            help: "the AMQP to speak: 0-9-1, or 1.0 (\(WireProtocol.amqp10VerbList) so far)")
    ) { $0.last.flatMap(WireProtocol.init(rawValue:)) ?? .amqp091 }.configurable()
    static let shuffle = Option<Bool>.flag(
        "shuffle", global: true, help: "try the --url list in random order, to spread connections over a cluster")
    static let host = Option<String?>.text(
        "host", valueName: "HOST", global: true, help: "broker host, overriding the URI's"
    ).configurable()
    static let port = Option<Int?>.integer(
        "port", range: 1...65535, valueName: "PORT", global: true, help: "broker port, overriding the URI's"
    )
    .configurable()
    static let vhost = Option<String?>.text(
        "vhost", valueName: "VHOST", global: true, help: "virtual host, overriding the URI's"
    ).configurable()
    static let user = Option<String?>.text(
        "user", short: "u", valueName: "USER", global: true, help: "user name, overriding the URI's"
    )
    .configurable()
    static let password = Option<String?>.text(
        "password", valueName: "PASSWORD", environment: "MQ_PASSWORD", global: true, secrecy: .whole,
        help: "password, overriding the URI's (prefer MQ_PASSWORD or --password-file: arguments show in ps)"
    ).configurable()
    static let passwordFile = Option<String?>.text(
        "password-file", value: .path, valueName: "PATH", global: true,
        help: "read the password from the first line of this file"
    ).configurable()
    static let connectTimeout = Option<Double>.duration(
        "connect-timeout", default: "10s", global: true, help: "give up connecting after this long"
    ).configurable()
    static let heartbeat = Option<Double>.duration(
        "heartbeat", default: "60s", global: true, help: "heartbeat interval to propose (0 turns heartbeats off)"
    ).configurable()
    /// How long a verb that runs until stopped keeps trying to get back to the broker after a
    /// connection it had is lost (publish, consume, move, trace, top); 0: never.
    static let reconnectFor = Option<Double>(
        OptionSpec(
            "reconnect-for", value: .duration, valueName: "DURATION", default: "5m", environment: "MQ_RECONNECT_FOR",
            global: true,
            help:
                "publish, consume, move, trace, top and bench: how long to keep reconnecting after a connection is lost (0: "
                + "exit 69 at once); the first connection is never retried"
        )
    ) { $0.last.flatMap(DurationText.seconds) ?? ReconnectPolicy.defaultWindow }.configurable()
    static let tls = Option<Bool>.flag(
        "tls", global: true, help: "use TLS (as amqps:// does; the port defaults to 5671)"
    ).configurable()
    static let cacert = Option<String?>.text(
        "cacert", value: .path, valueName: "FILE", global: true, help: "trust the CA certificates in this PEM file too"
    ).configurable()
    static let cert = Option<String?>.text(
        "cert", value: .path, valueName: "FILE", global: true, help: "present this PEM client certificate"
    )
    .configurable()
    static let keyFile = Option<String?>.text(
        "key-file", value: .path, valueName: "FILE", global: true,
        help: "the client certificate's PEM private key (if not in the --cert file)"
    ).configurable()
    static let insecure = Option<Bool>.flag(
        "insecure", global: true, help: "do not verify the server's certificate or host name (says so every time)"
    ).configurable()
    static let auth = Option<Authentication>.choice(
        "auth", valueName: "MECHANISM", default: .plain, global: true,
        help: "plain: user and password; external: the TLS client certificate"
    ).configurable()
    static let apiURL = Option<String?>.text(
        "api-url", valueName: "URL", environment: "MQ_API_URL", global: true, secrecy: .urlPassword,
        help:
            "management API URL, e.g. http://host:15672 or http://proxy/rabbitmq (default: the broker's host, port "
            + "15672, same user)"
    ).configurable()
    static let apiTimeout = Option<Double>.duration(
        "api-timeout", default: "30s", global: true, help: "give up on a management API request after this long"
    ).configurable()
    static let config = Option<String?>.text(
        "config", value: .path, valueName: "PATH", environment: "MQ_CONFIG", global: true,
        help: "configuration file (default: $XDG_CONFIG_HOME/mq/config or ~/.config/mq/config)")
    static let profile = Option<String?>.text(
        "profile", short: "P", valueName: "NAME", environment: "MQ_PROFILE", global: true,
        help: "the configuration file's profile to use (default: [default])")
    static let color = Option<ColorChoice>.choice(
        "color", valueName: "WHEN", default: .auto, global: true,
        help: "colour on terminals (auto: when the stream is a terminal and NO_COLOR is unset)"
    ).configurable()
    /// `--progress` / `--no-progress`; nil when neither was given (then: only on a terminal).
    static let progress = Option<Bool?>(
        OptionSpec(
            "progress", negatable: true, global: true,
            help: "show a live count and rate on stderr (default: only when stderr is a terminal)")
    ) { $0.last.map { $0 == "true" } }
    static let json = Option<Bool>.flag("json", global: true, help: "print JSON for programs instead of text")
    static let verbose = Option<Bool>.flag("verbose", short: "v", global: true, help: "say what mq is doing on stderr")
    static let quiet = Option<Bool>.flag("quiet", short: "q", global: true, help: "print nothing but errors")
    static let help = Option<Bool>.flag("help", short: "h", global: true, help: "show help for the command")
    static let version = Option<Bool>.flag("version", global: true, help: "print mq's version")

    /// Rules between the global options, for every command.
    static let rules: [OptionRule] = broker.rules

    /// Every global option, in the order help lists them.
    static let specs: [OptionSpec] = [
        url.spec, protocolVersion.spec, shuffle.spec, host.spec, port.spec, vhost.spec, user.spec, password.spec,
        passwordFile.spec,
        connectTimeout.spec,
        heartbeat.spec, reconnectFor.spec, tls.spec, cacert.spec, cert.spec, keyFile.spec, insecure.spec, auth.spec,
        apiURL.spec,
        apiTimeout.spec, config.spec, profile.spec, color.spec, progress.spec, json.spec, verbose.spec, quiet.spec,
        help.spec, version.spec,
    ]

    /// How `--auth` authenticates.
    enum Authentication: String, CaseIterable {
        case plain, external
    }

    /// When `--color` colours the output.
    enum ColorChoice: String, CaseIterable {
        case auto, always, never
    }

    /// The connection settings the options describe (for the first URL, when there are several).
    static func connectionSettings(_ parsed: ParsedCommand) throws(Failure) -> ConnectionSettings {
        try connectionCandidates(parsed)[0]
    }

    /// The options that reach the broker, as one set.
    static let broker = BrokerOptions(
        url: url, host: host, port: port, vhost: vhost, user: user, password: password, passwordFile: passwordFile,
        connectTimeout: connectTimeout, heartbeat: heartbeat, tls: tls, cacert: cacert, cert: cert, keyFile: keyFile,
        insecure: insecure,
        auth: auth)

    /// The settings for each broker URL, in the order to try them (see `BrokerOptions.candidates`).
    static func connectionCandidates(_ parsed: ParsedCommand) throws(Failure) -> [ConnectionSettings] {
        try broker.candidates(parsed)
    }

    /// The first line of the file at `path`.
    static func readPasswordFile(_ path: String) throws(Failure) -> String {
        guard let reader = InputReader(path: path) else {
            throw Failure(.configuration(.unreadablePasswordFile(path: path, SystemError(call: "open", code: errno))))
        }
        return String(decoding: try reader.readLine() ?? [], as: UTF8.self)
    }
}
