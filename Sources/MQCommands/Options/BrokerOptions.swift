import AMQP
import ArgumentParsing
import Transport

#if canImport(Glibc)
    import Glibc
#endif

/// The options that say how to reach one broker: the global ones (`--url`, `--user`, `--tls`,
/// ...), or a copy of them under a prefix for a second broker (`mq move --to-url`), derived from
/// the global declarations so the two sets cannot drift.
struct BrokerOptions: Sendable {
    var url: Option<[String]>
    var host: Option<String?>
    var port: Option<Int?>
    var vhost: Option<String?>
    var user: Option<String?>
    var password: Option<String?>
    var passwordFile: Option<String?>
    var connectTimeout: Option<Double>
    var heartbeat: Option<Double>
    var tls: Option<Bool>
    var cacert: Option<String?>
    var cert: Option<String?>
    var keyFile: Option<String?>
    var insecure: Option<Bool>
    var auth: Option<GlobalOptions.Authentication>
    /// For a prefixed set: the set whose value an option not given takes, as long as this set's
    /// URL is not given (the second broker is then the first one, with what the prefixed options
    /// change: `--to-vhost staging`).
    private(set) var fallback: [BrokerOptions] = []

    /// Every option of the set, in the order help lists them.
    var specs: [OptionSpec] {
        [
            url.spec, host.spec, port.spec, vhost.spec, user.spec, password.spec, passwordFile.spec,
            connectTimeout.spec, heartbeat.spec,
            tls.spec, cacert.spec, cert.spec, keyFile.spec, insecure.spec, auth.spec,
        ]
    }

    /// The same options as `--PREFIX-NAME` (MQ_URL becomes MQ_PREFIX_URL), with `subject` before
    /// each help line, falling back to this set's values.
    func prefixed(_ prefix: String, subject: String) -> BrokerOptions {
        let variablePrefix = "MQ_" + String(prefix.uppercased().map { $0 == "-" ? "_" : $0 }) + "_"
        let names = specs.map(\.name).sorted { $0.count > $1.count }
        let variables = specs.compactMap(\.environment)
        /// The help line with the set's own options and variables renamed (`--password-file` is
        /// `--to-password-file` there), longest names first so none is renamed inside another.
        @Sendable func rename(_ help: String) -> String {
            var text = help
            for name in names { text = text.replacing("--" + name, with: "--\u{0}" + name) }
            text = text.replacing("--\u{0}", with: "--" + prefix + "-")
            for variable in variables { text = text.replacing(variable, with: variablePrefix + variable.dropFirst(3)) }
            return subject + ": " + text
        }
        func copy<Value>(_ option: Option<Value>) -> Option<Value> {
            option.prefixed(prefix, environment: { variablePrefix + $0.dropFirst(3) }, help: rename)
        }
        var set = BrokerOptions(
            url: copy(url), host: copy(host), port: copy(port), vhost: copy(vhost), user: copy(user),
            password: copy(password),
            passwordFile: copy(passwordFile), connectTimeout: copy(connectTimeout), heartbeat: copy(heartbeat),
            tls: copy(tls),
            cacert: copy(cacert), cert: copy(cert), keyFile: copy(keyFile), insecure: copy(insecure), auth: copy(auth))
        set.fallback = [self]
        return set
    }

    /// For a prefixed set: each option's name in the set it falls back to, and its own.
    var renaming: [String: String] {
        guard let original = fallback.first else { return [:] }
        return Dictionary(uniqueKeysWithValues: zip(original.specs.map(\.name), specs.map(\.name)))
    }

    /// The rules between the set's options.
    var rules: [OptionRule] { [.needs(keyFile, cert)] }

    /// The settings for each broker URL, in the order to try them (`--shuffle`: random). The URL
    /// option may be repeated, and each value (or its variable, or a profile's url) may list
    /// several URLs separated by commas.
    func candidates(_ parsed: ParsedCommand) throws(Failure) -> [ConnectionSettings] {
        let urls = value(\.url, parsed).flatMap { $0.split(separator: ",").map { $0.trimmingWhitespace() } }.filter {
            !$0.isEmpty
        }
        var candidates: [ConnectionSettings] = []
        for url in urls.isEmpty ? ["amqp://"] : urls { candidates.append(try settings(url: url, parsed)) }
        return parsed[GlobalOptions.shuffle] ? candidates.shuffled() : candidates
    }

    /// The option that `path` picks of the set that applies: this one's, or the fallback's when
    /// neither it nor this set's URL was given (a closure, not a key path: no key path object is
    /// made at run time).
    private func source<Value>(_ path: (BrokerOptions) -> Option<Value>, _ parsed: ParsedCommand) -> Option<Value> {
        guard let fallback = fallback.first, !parsed.isSet(url), !parsed.isSet(path(self)) else { return path(self) }
        return fallback.source(path, parsed)
    }

    private func value<Value>(_ path: (BrokerOptions) -> Option<Value>, _ parsed: ParsedCommand) -> Value {
        parsed[source(path, parsed)]
    }

    private func isSet<Value>(_ path: (BrokerOptions) -> Option<Value>, _ parsed: ParsedCommand) -> Bool {
        parsed.isSet(source(path, parsed))
    }

    private func settings(url: String, _ parsed: ParsedCommand) throws(Failure) -> ConnectionSettings {
        var settings: ConnectionSettings
        do {
            settings = try ConnectionSettings(uri: url)
        } catch {
            throw Failure(.configuration(.badURI(error)))
        }
        settings.client = Product.identity
        if let host = value(\.host, parsed) { settings.host = host }
        if let port = value(\.port, parsed) { settings.port = port }
        if let vhost = value(\.vhost, parsed) { settings.virtualHost = vhost }
        if let user = value(\.user, parsed) { settings.user = user }
        if let path = value(\.passwordFile, parsed) {
            settings.password = try GlobalOptions.readPasswordFile(path)
        } else if let password = value(\.password, parsed) {
            settings.password = password
        }
        try applyTLS(parsed, to: &settings)
        if isSet(\.connectTimeout, parsed) { settings.connectionTimeout = value(\.connectTimeout, parsed) }
        if isSet(\.heartbeat, parsed) {
            settings.heartbeat = UInt16(min(value(\.heartbeat, parsed).rounded(.up), Double(UInt16.max)))
        }
        return settings
    }

    /// TLS settings from the TLS options and the authentication mechanism; the files must be
    /// readable before anything connects.
    private func applyTLS(_ parsed: ParsedCommand, to settings: inout ConnectionSettings) throws(Failure) {
        if value(\.tls, parsed), !settings.useTLS {
            settings.useTLS = true
            if settings.port == ConnectionSettings.defaultPort, !isSet(\.port, parsed) {
                settings.port = ConnectionSettings.defaultTLSPort
            }
        }
        for path: (BrokerOptions) -> Option<String?> in [\.cacert, \.cert, \.keyFile] {
            guard let file = value(path, parsed) else { continue }
            do {
                try syscall("access") { access(file, R_OK) }
            } catch {
                throw Failure(
                    .configuration(.unreadableOptionFile(option: source(path, parsed).spec.name, path: file, error)))
            }
        }
        settings.tls = TLSOptions(
            caFile: value(\.cacert, parsed), certificateFile: value(\.cert, parsed), keyFile: value(\.keyFile, parsed),
            verifyPeer: !value(\.insecure, parsed))
        settings.authMechanism = value(\.auth, parsed) == .external ? .external : .plain
        if settings.authMechanism == .external, !settings.useTLS || settings.tls.certificateFile == nil {
            throw Failure(
                .usage(
                    .externalNeedsCertificate(
                        authOption: source(\.auth, parsed).spec.name, certificateOption: cert.spec.name)))
        }
    }
}
