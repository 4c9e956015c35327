import AMQP
import ArgumentParsing
import JSON

/// `mq config show|path`: the settings mq resolved, and where it looks for its file.
enum Config {
    static let spec = Command(
        "config", summary: "Show the resolved settings, or the configuration file's path",
        discussion: """
            Settings come, in order of precedence, from command-line flags, environment variables, \\
            the profile in the configuration file (--profile or MQ_PROFILE; [default] when none is \\
            named), and built-in defaults. The file has one [section] per profile of key = value \\
            lines; keys: \\(ConfigFile.keys.keys.sorted().joined(separator: ", ")).
            """,
        subcommands: [
            Command(
                "show", summary: "Print each setting with where it came from (flag, env, file, default)",
                options: [revealPasswords],
                examples: ["mq config show", "mq --profile prod config show --json"], action: CommandHandler(show)),
            Command(
                "path", summary: "Print the configuration file's path", examples: ["mq config path"],
                action: CommandHandler(path)),
        ])

    static let revealPasswords = Option<Bool>.flag("reveal-passwords", help: "show passwords instead of ***")

    /// The settings `show` lists: every global option that a configuration file or an
    /// environment variable can set, in the order help lists them.
    static let shown = GlobalOptions.specs.filter { $0.configurationKey != nil || $0.environment != nil }

    /// `mq config path`.
    static func path(_ invocation: Invocation) throws(Failure) {
        let path = Configuration.path(invocation.parsed, environment: invocation.environment).path
        try invocation.emit(text: path, json: .object([("path", .string(path))]))
    }

    /// `mq config show`.
    static func show(_ invocation: Invocation) throws(Failure) {
        let parsed = invocation.parsed
        let reveal = parsed[revealPasswords]
        var rows: [(String, String?, String)] = []
        for spec in shown {
            var value = parsed.value(spec.name)
            if !reveal, let text = value { value = spec.secrecy.masked(text) }
            rows.append((spec.name, value, parsed.source(spec.name).rawValue))
        }
        let text = rows.map { name, value, source in "\(name)\t\(value ?? "-")\t\(source)" }.joined(separator: "\n")
        try invocation.emit(
            text: text,
            json: .array(
                rows.map { name, value, source in
                    .object([
                        ("setting", .string(name)), ("value", value.map(JSON.string) ?? .null),
                        ("source", .string(source)),
                    ])
                }))
    }
}
